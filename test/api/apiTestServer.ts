import { request } from 'node:http';
import { startApi, type ApiHandle } from '../../src/api/server.js';
import type { ApiRole } from '../../src/config/apiTokens.js';
import { createLogger } from '../../src/log/logger.js';
import { createJobQueue, type JobQueue } from '../../src/queue/jobQueue.js';
import { startTestRedis, type TestRedis } from '../helpers/redis.js';
import { testConfig } from '../queue/testConfig.js';

/** One token per role, as the test API is configured. */
export const TOKENS: Readonly<Record<ApiRole, string>> = {
  read: 'read-token-0123456789abcdef',
  trigger: 'trigger-token-0123456789abcdef',
  approve: 'approve-token-0123456789abcdef',
};

/** A reply with its raw bytes. */
export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
  /** The body parsed as JSON (throws when it is not). */
  json(): Record<string, unknown>;
}

export interface CallOptions {
  /** A role's token (default read), a literal token, or null for none. */
  as?: ApiRole | null | { token: string };
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Send the body chunked, without Content-Length. */
  chunked?: boolean;
}

/** A throwaway Redis, its queue and an API on a free port with one token per role. */
export interface TestApi {
  api: ApiHandle;
  queue: JobQueue;
  /** A raw node:http request (fetch would normalise paths like /a/../b); every reply is kept in `replies`. */
  call(method: string, path: string, options?: CallOptions): Promise<RawReply>;
  replies: RawReply[];
  stop(): Promise<void>;
}

/** Starts the API over `regionsDir` and `outDir` with a 1 KiB body limit (see TestApi). */
export async function startTestApi(dirs: { regionsDir: string; outDir: string }): Promise<TestApi> {
  const redis: TestRedis = await startTestRedis();
  const config = testConfig(redis.url, dirs);
  const queue = createJobQueue(config);
  const api = await startApi(
    {
      regionsDir: dirs.regionsDir,
      outDir: dirs.outDir,
      apiTokens: (Object.keys(TOKENS) as ApiRole[]).map((role) => ({ role, token: TOKENS[role] })),
      bodyLimitBytes: 1024,
      queue,
      logger: createLogger({ level: 'silent', role: 'test' }),
    },
    '127.0.0.1',
    0,
  );
  const replies: RawReply[] = [];
  const call = (method: string, path: string, options: CallOptions = {}): Promise<RawReply> => {
    const as = options.as === undefined ? 'read' : options.as;
    const token = as === null ? null : typeof as === 'string' ? TOKENS[as] : as.token;
    return new Promise((resolve, reject) => {
      // The path as given, not through a URL (which would resolve `..` and `%2e%2e` before sending).
      const req = request(
        {
          host: '127.0.0.1',
          port: api.port,
          path,
          method,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(options.body !== undefined && !options.chunked
              ? { 'content-length': String(Buffer.byteLength(options.body)) }
              : {}),
            ...options.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const body = Buffer.concat(chunks);
            const text = body.toString('utf8');
            const reply: RawReply = {
              status: res.statusCode ?? 0,
              headers: res.headers,
              body,
              text,
              json: () => JSON.parse(text) as Record<string, unknown>,
            };
            replies.push(reply);
            resolve(reply);
          });
        },
      );
      req.on('error', reject);
      if (options.body !== undefined) req.write(options.body);
      req.end();
    });
  };
  return {
    api,
    queue,
    call,
    replies,
    stop: async () => {
      await api.stop();
      await queue.close();
      await redis.stop();
    },
  };
}
