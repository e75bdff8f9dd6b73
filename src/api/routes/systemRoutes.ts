import { OPENAPI_DOCUMENT } from '../openApiDocument.js';
import { fromQueue, RETRY_AFTER_SECONDS } from '../fromQueue.js';
import { sendJson } from '../reply.js';
import type { ApiRoute, RouteContext } from '../route.js';

/** GET|HEAD /healthz: 200 when Redis answers within the deadline, else 503 `degraded` with Retry-After. */
async function getHealth({ res, deps }: RouteContext): Promise<void> {
  const redis = await fromQueue(deps, deps.queue.ping()).catch(() => false);
  sendJson(
    res,
    redis ? 200 : 503,
    { status: redis ? 'ok' : 'degraded', redis: redis ? 'up' : 'down' },
    redis ? {} : { 'retry-after': String(RETRY_AFTER_SECONDS) },
  );
}

/** GET /openapi.json: the OpenAPI 3.1 document of every route. */
function getOpenApi({ res }: RouteContext): Promise<void> {
  sendJson(res, 200, OPENAPI_DOCUMENT, { 'cache-control': 'no-cache' });
  return Promise.resolve();
}

/** Routes without a token: the health check and the API's own description. */
export const systemRoutes: readonly ApiRoute[] = [
  { method: 'GET', path: '/healthz', role: null, handle: getHealth },
  { method: 'GET', path: '/openapi.json', role: null, handle: getOpenApi },
];
