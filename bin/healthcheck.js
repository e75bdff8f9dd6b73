#!/usr/bin/env node
// Container health check: GET /healthz of this container's process, exit 0 when it answers 200.
// Usage: healthcheck.js [url]; default http://127.0.0.1:$METRICS_PORT/healthz (worker, scheduler).
// Plain JavaScript without dependencies so it runs in the image without the CLI's start-up cost.
const port = process.env.METRICS_PORT || '9464';
const url = process.argv[2] || `http://127.0.0.1:${port}/healthz`;
try {
  const res = await fetch(url, { signal: AbortSignal.timeout(4_000) });
  const body = await res.text();
  if (!res.ok) console.error(`unhealthy: ${url} answered ${res.status} ${body.slice(0, 300)}`);
  process.exitCode = res.ok ? 0 : 1;
} catch (error) {
  console.error(`unhealthy: ${url}: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
