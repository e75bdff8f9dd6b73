import type { IncomingMessage } from 'node:http';
import { HttpError } from './httpError.js';

/**
 * Reads a request body as JSON, refusing more than `limitBytes` (413, checked on the declared
 * length first and while streaming) and anything that is not JSON (415/400). An empty body reads as `{}`.
 */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limitBytes) {
    throw new HttpError(413, `request body too large: ${declared} bytes, limit ${limitBytes}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw new HttpError(413, `request body too large: over ${limitBytes} bytes`);
    chunks.push(chunk);
  }
  if (size === 0) return {};
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(
      415,
      `request body must be application/json, got ${JSON.stringify(type.slice(0, 60))}`,
    );
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch (error) {
    throw new HttpError(400, `malformed JSON body: ${(error as Error).message}`);
  }
}
