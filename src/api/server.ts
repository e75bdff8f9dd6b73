import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiDeps } from './apiDeps.js';
import { authenticate, roleAllows, tokenTable, type TokenTable } from './auth.js';
import { folderSpellings, publicMessage, statusOf } from './errorReply.js';
import { RETRY_AFTER_SECONDS } from './fromQueue.js';
import { decodeParams, matchRoute, parseTarget } from './matchRoute.js';
import { sendJson } from './reply.js';
import { ROUTES } from './routeTable.js';

export type { ApiDeps } from './apiDeps.js';

/**
 * Routes one request through the route table: routes without a role (health, /openapi.json)
 * answer anyone; every other request needs a known bearer token (401, also for unknown paths, so
 * they do not reveal which routes exist), then a route for its path (404) and method (405 with
 * Allow), then a role at least the route's (403 naming the role needed). Parameters are decoded
 * and checked (decodeParams) only after that.
 */
async function dispatch(
  req: IncomingMessage,
  res: ServerResponse,
  deps: ApiDeps,
  tokens: TokenTable,
): Promise<void> {
  const method = req.method ?? 'GET';
  const { segments, query } = parseTarget(req.url ?? '/');
  const match = matchRoute(ROUTES, method, segments);
  const publicRoute = match.kind === 'route' && match.route.role === null;
  if (match.kind === 'wrong-method' && match.public)
    return sendJson(res, 405, { error: 'method not allowed' }, { allow: match.allow.join(', ') });
  const role = publicRoute ? null : authenticate(req.headers.authorization, tokens);
  if (!publicRoute && role === null)
    return sendJson(res, 401, { error: 'missing or invalid bearer token' }, { 'www-authenticate': 'Bearer' });
  if (match.kind === 'none') return sendJson(res, 404, { error: 'not found' });
  if (match.kind === 'wrong-method')
    return sendJson(res, 405, { error: 'method not allowed' }, { allow: match.allow.join(', ') });
  const needed = match.route.role;
  if (needed !== null && role !== null && !roleAllows(role, needed))
    return sendJson(
      res,
      403,
      {
        error: `this route needs a token with the ${needed} role; this token has ${role}`,
        requiredRole: needed,
      },
      { 'www-authenticate': `Bearer error="insufficient_scope", scope="${needed}"` },
    );
  const params = decodeParams(match.rawParams);
  return match.route.handle({ req, res, deps, method, params, query, role });
}

/**
 * Builds the HTTP API (node:http, no framework) serving the route table ROUTES (see
 * /openapi.json): listings of regions, versions, candidates, scenarios and comparisons, the
 * published files with ETags, approve / reject, rebuild / resegment triggers, jobs, health.
 * Tokens carry roles (read < trigger < approve). Names are validated before any file access,
 * files are resolved only inside the output root; bodies are size-limited JSON. Errors answer
 * `{"error": ...}` without the server's folders; unexpected ones 500 without internals.
 */
export function createApiServer(deps: ApiDeps): Server {
  const roots = [...folderSpellings(deps.regionsDir), ...folderSpellings(deps.outDir)].sort(
    (a, b) => b.length - a.length,
  );
  const tokens = tokenTable(deps.apiTokens);
  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      deps.logger.debug(
        { method: req.method, path: (req.url ?? '').split('?')[0], status: res.statusCode, ms },
        'http request',
      );
    });
    dispatch(req, res, deps, tokens).catch((error: unknown) => {
      const status = statusOf(error);
      if (status === 500) deps.logger.error({ reason: (error as Error).message }, 'http request failed');
      if (status === 503)
        deps.logger.warn({ reason: (error as Error).message }, 'http request failed: Redis unavailable');
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // The unread rest of a refused body is not worth reading: close the connection after replying.
      const headers: Record<string, string> =
        status === 413
          ? { connection: 'close' }
          : status === 503
            ? { 'retry-after': String(RETRY_AFTER_SECONDS) }
            : {};
      sendJson(res, status, { error: publicMessage(error, status, roots) }, headers);
    });
  });
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 50;
  return server;
}

export interface ApiHandle {
  server: Server;
  port: number;
  stop(): Promise<void>;
}

/** Starts the API on host:port (port 0 picks a free one) and resolves once it listens. */
export async function startApi(deps: ApiDeps, host: string, port: number): Promise<ApiHandle> {
  const server = createApiServer(deps);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  deps.logger.info({ host, port: actual }, 'api listening');
  return {
    server,
    port: actual,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
