import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApi, type ApiHandle } from '../../src/api/server.js';
import { createLogger } from '../../src/log/logger.js';
import { createJobQueue, type JobQueue } from '../../src/queue/jobQueue.js';
import { startTestRedis, type TestRedis } from '../helpers/redis.js';
import { testConfig, waitFor } from '../queue/testConfig.js';

const TOKEN = 'test-token-0123456789abcdef';
let redis: TestRedis;
let root: string;
let queue: JobQueue;
let api: ApiHandle;
let base: string;

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** A raw node:http request (fetch would normalise paths like /regions/../etc). */
async function call(
  method: string,
  path: string,
  options: { token?: string | null; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const token = options.token === undefined ? TOKEN : options.token;
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
          });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

beforeAll(async () => {
  redis = await startTestRedis();
  root = mkdtempSync(join(tmpdir(), 'tw-api-'));
  const config = testConfig(redis.url, { regionsDir: join(root, 'regions'), outDir: join(root, 'out') });
  mkdirSync(join(config.regionsDir, 'alpha'), { recursive: true });
  writeFileSync(join(config.regionsDir, 'alpha', 'outlets.csv'), 'id\n');
  // A folder outside the regions folder, reachable only through a symlink: must stay unreachable.
  mkdirSync(join(root, 'outside'));
  writeFileSync(join(root, 'outside', 'outlets.csv'), 'secret\n');
  symlinkSync(join(root, 'outside'), join(config.regionsDir, 'evil'));
  writeFileSync(join(config.regionsDir, 'plainfile'), 'not a folder');
  queue = createJobQueue(config);
  api = await startApi(
    {
      regionsDir: config.regionsDir,
      apiToken: TOKEN,
      bodyLimitBytes: 1024,
      queue,
      logger: createLogger({ level: 'silent', role: 'test' }),
    },
    '127.0.0.1',
    0,
  );
  base = `http://127.0.0.1:${api.port}`;
});

afterAll(async () => {
  await api?.stop();
  await queue?.close();
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('HTTP API', () => {
  test('GET /healthz answers without a token', async () => {
    const reply = await call('GET', '/healthz', { token: null });
    expect(reply).toEqual({ status: 200, body: { status: 'ok', redis: 'up' } });
  });

  test('missing or wrong token -> 401 on every protected route', async () => {
    for (const [method, path] of [
      ['POST', '/regions/alpha/rebuild'],
      ['POST', '/regions/alpha/resegment'],
      ['GET', '/jobs/x'],
      ['GET', '/jobs'],
    ] as const) {
      expect((await call(method, path, { token: null })).status).toBe(401);
      expect((await call(method, path, { token: 'wrong-token-0123456789abcdef' })).status).toBe(401);
      expect(
        (await call(method, path, { headers: { authorization: `Basic ${TOKEN}` }, token: null })).status,
      ).toBe(401);
    }
  });

  test('POST rebuild -> 202 with the job id; GET /jobs/:id shows it', async () => {
    const reply = await call('POST', '/regions/alpha/rebuild', {
      body: JSON.stringify({ force: true, seed: 7 }),
    });
    expect(reply.status).toBe(202);
    const jobId = String(reply.body.jobId);
    expect(jobId).toMatch(/^rebuild:alpha:\d+-[0-9a-f]+$/);
    const job = await call('GET', `/jobs/${encodeURIComponent(jobId)}`);
    expect(job.status).toBe(200);
    expect(job.body).toMatchObject({
      id: jobId,
      name: 'rebuild-region',
      region: 'alpha',
      state: 'waiting',
      force: true,
      trigger: 'api',
    });
    const list = await call('GET', '/jobs?region=alpha');
    expect((list.body.jobs as Array<{ id: string }>).map((j) => j.id)).toContain(jobId);
  });

  test('POST resegment with an empty body -> 202', async () => {
    const reply = await call('POST', '/regions/alpha/resegment');
    expect(reply.status).toBe(202);
    expect(String(reply.body.jobId)).toMatch(/^resegment:alpha:/);
  });

  test('bad region names -> 400, unknown regions and escapes -> 404, nothing enqueued', async () => {
    const before = await queue.queue.count();
    for (const path of [
      '/regions/..%2Fetc/rebuild',
      '/regions/Alpha/rebuild',
      '/regions/a.b/rebuild',
      `/regions/${'a'.repeat(65)}/rebuild`,
      '/regions/%E0%A4%A/rebuild',
    ]) {
      expect((await call('POST', path)).status, path).toBe(400);
    }
    for (const path of [
      '/regions/nope/rebuild',
      '/regions/evil/rebuild',
      '/regions/plainfile/rebuild',
      '/regions/../etc/rebuild',
      '/regions/alpha/delete',
    ]) {
      expect((await call('POST', path)).status, path).toBe(404);
    }
    expect(await queue.queue.count()).toBe(before);
  });

  test('oversized body -> 413, malformed or invalid body -> 400, wrong type -> 415', async () => {
    expect(
      (await call('POST', '/regions/alpha/rebuild', { body: JSON.stringify({ pad: 'x'.repeat(5000) }) }))
        .status,
    ).toBe(413);
    expect((await call('POST', '/regions/alpha/rebuild', { body: '{"force": tru' })).status).toBe(400);
    expect(
      (await call('POST', '/regions/alpha/rebuild', { body: JSON.stringify({ force: 'yes' }) })).status,
    ).toBe(400);
    expect(
      (await call('POST', '/regions/alpha/rebuild', { body: JSON.stringify({ extra: 1 }) })).status,
    ).toBe(400);
    expect(
      (
        await call('POST', '/regions/alpha/rebuild', {
          body: 'force',
          headers: { 'content-type': 'text/plain' },
        })
      ).status,
    ).toBe(415);
  });

  test('unknown job -> 404, bad job id -> 400, wrong method -> 405', async () => {
    expect((await call('GET', '/jobs/rebuild:alpha:1')).status).toBe(404);
    expect((await call('GET', '/jobs/%3Cscript%3E')).status).toBe(400);
    expect((await call('GET', '/regions/alpha/rebuild')).status).toBe(405);
    expect((await call('DELETE', '/jobs/x')).status).toBe(405);
  });

  test('a burst of 1,000 requests is served without errors or leaked connections', async () => {
    const statuses = new Map<number, number>();
    const paths = ['/healthz', '/jobs/rebuild:alpha:1', '/jobs?limit=5', '/regions/nope/rebuild'];
    let next = 0;
    async function client(): Promise<void> {
      while (next < 1000) {
        const i = next++;
        const path = paths[i % paths.length]!;
        const method = path.startsWith('/regions') ? 'POST' : 'GET';
        const reply = await call(method, path, { token: i % 10 === 0 ? null : TOKEN });
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      }
    }
    await Promise.all(Array.from({ length: 25 }, client));
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(1000);
    expect([...statuses.keys()].sort()).toEqual([200, 401, 404]);
    // No leaked sockets: once idle keep-alive connections are closed, none stays open.
    api.server.closeIdleConnections();
    const open = await waitFor(
      'connections to close',
      async () => {
        const count = await new Promise<number>((resolve, reject) =>
          api.server.getConnections((error, n) => (error ? reject(error) : resolve(n))),
        );
        return count === 0 ? count : undefined;
      },
      5_000,
    );
    expect(open).toBe(0);
  });
});
