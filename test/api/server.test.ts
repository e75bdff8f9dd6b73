import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rm } from 'node:fs/promises';
import { startApi, type ApiHandle } from '../../src/api/server.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import { readAudit } from '../../src/io/publish/auditLog.js';
import { currentVersion, publishVersion } from '../../src/io/publish/publishVersion.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';
import { createLogger } from '../../src/log/logger.js';
import { createJobQueue, type JobQueue } from '../../src/queue/jobQueue.js';
import { findFreePort, startTestRedis, type TestRedis } from '../helpers/redis.js';
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
  headers: Record<string, string | string[] | undefined>;
}

/** A raw node:http request (fetch would normalise paths like /regions/../etc). */
async function call(
  method: string,
  path: string,
  options: {
    token?: string | null;
    body?: string | Buffer;
    headers?: Record<string, string>;
    base?: string;
  } = {},
): Promise<Reply> {
  const token = options.token === undefined ? TOKEN : options.token;
  return new Promise((resolve, reject) => {
    const req = request(
      `${options.base ?? base}${path}`,
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
            headers: res.headers,
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
  // A region whose policy cannot be read: a split request is refused with 422.
  mkdirSync(join(config.regionsDir, 'broken'));
  writeFileSync(join(config.regionsDir, 'broken', 'outlets.csv'), 'id\n');
  writeFileSync(join(config.regionsDir, 'broken', 'policy.json'), '{');
  queue = createJobQueue(config);
  api = await startApi(
    {
      regionsDir: config.regionsDir,
      outDir: config.outDir,
      apiTokens: [{ role: 'approve', token: TOKEN }],
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
    expect({ status: reply.status, body: reply.body }).toEqual({
      status: 200,
      body: { status: 'ok', redis: 'up' },
    });
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

  test('POST resegment with publish: true queues a direct publish; a non-boolean publish -> 400', async () => {
    const reply = await call('POST', '/regions/alpha/resegment', { body: '{"publish": true}' });
    expect(reply.status).toBe(202);
    const job = await queue.queue.getJob(String(reply.body.jobId));
    expect((job?.data as { publish?: boolean }).publish).toBe(true);
    const plain = await call('POST', '/regions/alpha/resegment', { body: '{}' });
    expect((await queue.queue.getJob(String(plain.body.jobId)))?.data).not.toHaveProperty('publish');
    const bad = await call('POST', '/regions/alpha/resegment', { body: '{"publish": "yes"}' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^invalid body: publish:/);
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

  test('error bodies never show server paths (404 unknown region, escapes, 422 split)', async () => {
    const replies = await Promise.all([
      call('POST', '/regions/nope/rebuild'),
      call('POST', '/regions/evil/rebuild'),
      call('POST', '/regions/plainfile/resegment'),
      call('POST', '/regions/broken/rebuild', { body: JSON.stringify({ split: true }) }),
    ]);
    expect(replies.map((r) => r.status)).toEqual([404, 404, 404, 422]);
    expect(replies[0].body).toEqual({ error: 'unknown region "nope"' });
    for (const reply of replies) {
      const text = JSON.stringify(reply.body);
      expect(text).not.toContain(root);
      expect(text).not.toMatch(/\/(tmp|home|srv|var|work)\//);
    }
    expect(String(replies[3].body.error)).toMatch(/^cannot split region broken: .*policy\.json/);
  });

  test('GET /jobs/:id serves scheduled ids with their slot time and offset', async () => {
    const outcome = await queue.enqueueScheduled('alpha', new Date('2025-06-01T18:00:00Z'), 'Asia/Shanghai');
    expect(outcome.jobId).toBe('rebuild:alpha:2025-06-02T0200+0800');
    const reply = await call('GET', `/jobs/${encodeURIComponent(outcome.jobId)}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: outcome.jobId, trigger: 'schedule', region: 'alpha' });
    expect((await call('GET', '/jobs/rebuild:alpha:2025-06-02T0200+0800')).status).toBe(200);
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

describe('HTTP API: approve and reject candidates', () => {
  let v1: string;
  let good: string;
  let doomed: string;
  let stale: string;
  const out = (): string => join(root, 'out', 'alpha');
  const publishDay = async (day: number, candidate: boolean): Promise<string> =>
    (
      await publishVersion({
        regionOutDir: out(),
        plan: buildFixturePlan({ generatedAt: `2026-05-0${day}T02:15:00.000Z` }),
        policy: DEFAULT_POLICY,
        previous: null,
        programVersion: 'test',
        candidate,
        basedOn: candidate ? v1 : null,
      })
    ).version;

  beforeAll(async () => {
    v1 = await publishDay(1, false);
    good = await publishDay(2, true);
    doomed = await publishDay(3, true);
    stale = await publishDay(4, true);
  });

  const review = (version: string, action: string, body: unknown, token?: string | null) =>
    call('POST', `/regions/alpha/versions/${version}/${action}`, {
      body: JSON.stringify(body),
      ...(token === undefined ? {} : { token }),
    });

  test('needs the bearer token; only POST; names and bodies are validated', async () => {
    expect((await review(good, 'approve', {}, null)).status).toBe(401);
    expect((await review(good, 'reject', {}, 'wrong')).status).toBe(401);
    expect((await call('GET', `/regions/alpha/versions/${good}/approve`)).status).toBe(405);
    expect((await review('latest', 'approve', {})).body).toEqual({ error: 'invalid version name' });
    expect((await review('..%2F..%2Fetc', 'approve', {})).status).toBe(400);
    const badBody = await review(good, 'approve', { by: 5 });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error).toMatch(/^invalid body: by:/);
    expect((await review(good, 'approve', { who: 'x' })).status).toBe(400);
    expect(await currentVersion(out())).toBe(v1);
  });

  test('unknown regions and versions -> 404 without server paths', async () => {
    const unknown = await review('20250101T000000Z-00000000', 'approve', {});
    expect(unknown).toMatchObject({
      status: 404,
      body: { error: 'unknown version "20250101T000000Z-00000000"' },
    });
    const noRegion = await call('POST', `/regions/nowhere/versions/${good}/approve`, { body: '{}' });
    expect(noRegion).toMatchObject({ status: 404, body: { error: 'unknown region "nowhere"' } });
    expect(JSON.stringify([unknown.body, noRegion.body])).not.toContain(root);
  });

  test('reject -> 200 and audited; approving it then -> 409; approve a candidate -> 200 and current', async () => {
    const rejected = await review(doomed, 'reject', { by: 'bob', note: 'too many moves' });
    expect(rejected).toMatchObject({
      status: 200,
      body: { region: 'alpha', version: doomed, status: 'rejected', current: v1 },
    });
    const refused = await review(doomed, 'approve', { by: 'alice' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe(`approve: version ${doomed} was rejected and cannot be approved`);

    const approved = await review(good, 'approve', { by: 'alice', note: 'ok' });
    expect(approved).toMatchObject({
      status: 200,
      body: { version: good, status: 'current', from: v1, to: good },
    });
    expect(await currentVersion(out())).toBe(good);
    expect((await readAudit(out())).map((e) => [e.action, e.version, e.by, e.note])).toEqual([
      ['reject', doomed, 'bob', 'too many moves'],
      ['approve', good, 'alice', 'ok'],
    ]);

    // Planned on v1, which is no longer current: refused, pointing at the CLI's --rebase.
    const old = await review(stale, 'approve', {});
    expect(old.status).toBe(409);
    expect(old.body.error).toMatch(/is current now; re-plan it on today's inputs with --rebase/);
    expect((await review(good, 'approve', {})).status).toBe(409);
    expect(JSON.stringify(old.body)).not.toContain(root);
  });

  test('a damaged candidate -> 409 without server paths', async () => {
    await rm(join(out(), 'versions', stale, 'plan.json'));
    // Make it current-based again so only the damage stops it.
    const damaged = await publishVersion({
      regionOutDir: out(),
      plan: buildFixturePlan({ generatedAt: '2026-05-05T02:15:00.000Z' }),
      policy: DEFAULT_POLICY,
      previous: null,
      programVersion: 'test',
      candidate: true,
      basedOn: good,
    });
    await rm(join(damaged.dir, 'summary.json'));
    const reply = await review(damaged.version, 'approve', {});
    expect(reply.status).toBe(409);
    expect(reply.body.error).toMatch(/does not match its manifest checksums/);
    expect(JSON.stringify(reply.body)).not.toContain(root);
    expect(await currentVersion(out())).toBe(good);
  });
});

describe('HTTP API with Redis down', () => {
  test('job routes and /healthz answer 503 with Retry-After within 5 s, and recover', async (context) => {
    const own = await startTestRedis();
    if (own.external) context.skip();
    const config = testConfig(own.url, { regionsDir: join(root, 'regions'), outDir: join(root, 'out') });
    const downQueue = createJobQueue(config);
    const downApi = await startApi(
      {
        regionsDir: config.regionsDir,
        outDir: config.outDir,
        apiTokens: [{ role: 'approve', token: TOKEN }],
        bodyLimitBytes: 1024,
        queue: downQueue,
        logger: createLogger({ level: 'silent', role: 'test' }),
      },
      '127.0.0.1',
      0,
    );
    const at = `http://127.0.0.1:${downApi.port}`;
    try {
      expect((await call('GET', '/jobs', { base: at })).status).toBe(200);
      await own.stop();
      for (const [method, path] of [
        ['GET', '/jobs'],
        ['GET', '/jobs/rebuild:alpha:1-a'],
        ['POST', '/regions/alpha/rebuild'],
        ['GET', '/healthz'],
      ] as const) {
        const started = Date.now();
        const reply = await call(method, path, { base: at });
        const ms = Date.now() - started;
        expect(reply.status, `${method} ${path}`).toBe(503);
        expect(reply.headers['retry-after'], `${method} ${path}`).toBe('5');
        expect(ms, `${method} ${path}`).toBeLessThan(5_000);
        expect(JSON.stringify(reply.body)).not.toContain('127.0.0.1');
      }
      await own.restart();
      await waitFor(
        'the API to reach Redis again',
        async () => ((await call('GET', '/jobs', { base: at })).status === 200 ? true : undefined),
        15_000,
      );
    } finally {
      await downApi.stop();
      await downQueue.close();
      await own.stop();
    }
  }, 60_000);

  test('a Redis that never answered: 503 with Retry-After within 5 s', async () => {
    const port = await findFreePort();
    const config = testConfig(`redis://127.0.0.1:${port}`, {
      regionsDir: join(root, 'regions'),
      outDir: join(root, 'out'),
    });
    const deadQueue = createJobQueue(config);
    const deadApi = await startApi(
      {
        regionsDir: config.regionsDir,
        outDir: config.outDir,
        apiTokens: [{ role: 'approve', token: TOKEN }],
        bodyLimitBytes: 1024,
        queue: deadQueue,
        logger: createLogger({ level: 'silent', role: 'test' }),
      },
      '127.0.0.1',
      0,
    );
    try {
      const started = Date.now();
      const reply = await call('POST', '/regions/alpha/resegment', {
        base: `http://127.0.0.1:${deadApi.port}`,
      });
      expect(reply.status).toBe(503);
      expect(reply.headers['retry-after']).toBe('5');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await deadApi.stop();
      await deadQueue.close();
    }
  });
});
