import type { ServerResponse } from 'node:http';

/**
 * Answers with a JSON body: the status, `content-type: application/json; charset=utf-8`, the
 * length, `cache-control: no-store` (listings and job states change; file downloads set their
 * own caching) and `nosniff`; `headers` add to or override these.
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}
