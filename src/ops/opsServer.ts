import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** What a process says about itself at GET /healthz. */
export interface HealthReport {
  /** True when the process does its job: its loop runs and Redis answered recently enough. */
  healthy: boolean;
  /** Free-form facts shown in the body (role, Redis status, seconds since Redis last answered, ...). */
  details: Record<string, string | number | boolean | null>;
}

export interface OpsServerOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  registry: Registry;
  /** Computes the health report; must answer quickly (bound its own Redis waits). */
  health: () => Promise<HealthReport>;
}

export interface OpsServer {
  server: Server;
  /** The port actually bound. */
  port: number;
  close(): Promise<void>;
}

/**
 * Starts the small HTTP server of a worker or scheduler process: GET /healthz (200 healthy, 503
 * not, JSON body) for container health checks and GET /metrics in the Prometheus text format.
 * Rejects when the port cannot be bound (e.g. EADDRINUSE), so the caller can exit non-zero instead
 * of running unobserved. Nothing else is served; there is no authentication, so bind it to a
 * private interface (the container network) only.
 */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const reply = (status: number, type: string, body: string): void => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      reply(405, 'text/plain; charset=utf-8', 'method not allowed\n');
      return;
    }
    if (path === '/healthz') {
      options.health().then(
        (report) =>
          reply(
            report.healthy ? 200 : 503,
            'application/json; charset=utf-8',
            JSON.stringify({ status: report.healthy ? 'ok' : 'unhealthy', ...report.details }),
          ),
        (error: unknown) =>
          reply(
            503,
            'application/json; charset=utf-8',
            JSON.stringify({ status: 'unhealthy', error: (error as Error).message }),
          ),
      );
      return;
    }
    if (path === '/metrics') {
      options.registry.metrics().then(
        (text) => reply(200, options.registry.contentType, text),
        (error: unknown) =>
          reply(500, 'text/plain; charset=utf-8', `metrics failed: ${(error as Error).message}\n`),
      );
      return;
    }
    reply(404, 'text/plain; charset=utf-8', 'not found: GET /healthz or /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
