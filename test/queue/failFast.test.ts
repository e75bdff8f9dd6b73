import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findFreePort } from '../helpers/redis.js';
import { runCli, spawnCli, type CliProcess } from './processes.js';

/**
 * Commands fail within a bound instead of hanging: Redis at a closed port (nothing listens
 * there, so no Redis is started or touched) and an API port that another process holds.
 */
let root: string;
let redisPort: number;
const PASSWORD = 'hunter2-secret';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tw-failfast-'));
  mkdirSync(join(root, 'regions', 'north'), { recursive: true });
  writeFileSync(join(root, 'regions', 'north', 'outlets.csv'), 'id\n');
  redisPort = await findFreePort();
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:${redisPort}`,
    QUEUE_PREFIX: 'failfast',
    REGIONS_DIR: join(root, 'regions'),
    OUT_DIR: join(root, 'out'),
    API_TOKEN: 'test-token-0123456789abcdef',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

async function timed(
  args: string[],
  e: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now();
  const result = await runCli(args, e);
  return { ...result, ms: Date.now() - started };
}

/** Runs a long-running command that must stop by itself; killed after `limitMs` if it does not. */
async function mustExit(p: CliProcess, limitMs: number): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  const timer = setTimeout(() => p.child.kill('SIGKILL'), limitMs);
  const { code } = await p.exited;
  clearTimeout(timer);
  return { code, ms: Date.now() - started };
}

function expectRedisLine(output: string): void {
  const line = output.split('\n').find((l) => l.startsWith('error: '));
  expect(line, output).toMatch(
    new RegExp(`^error: Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${redisPort} did not answer within`),
  );
  expect(output).not.toContain(PASSWORD);
}

describe('Redis unreachable', () => {
  test('enqueue, enqueue --wait and jobs fail within REDIS_CONNECT_TIMEOUT_MS with one line naming the URL', async () => {
    const e = env({ REDIS_CONNECT_TIMEOUT_MS: '1500' });
    const results = await Promise.all([
      timed(['enqueue', 'rebuild', '--region', 'north'], e),
      timed(['enqueue', 'rebuild', '--region', 'north', '--wait', '--timeout', '60'], e),
      timed(['jobs'], e),
      timed(['jobs', '--id', 'rebuild:north:1-a'], e),
    ]);
    for (const r of results) {
      expect(r.code, r.output).toBe(1);
      expectRedisLine(r.output);
      expect(r.output).toMatch(/within 1500 ms/);
      // 1.5 s plus the start of a tsx process (slow on a loaded machine); before, they never ended.
      expect(r.ms).toBeLessThan(20_000);
    }
  }, 40_000);

  test('the default bound is 10 s', async () => {
    const r = await timed(['jobs'], env());
    expect(r.code, r.output).toBe(1);
    expectRedisLine(r.output);
    expect(r.output).toMatch(/within 10 s/);
    expect(r.ms).toBeGreaterThanOrEqual(10_000);
    expect(r.ms).toBeLessThan(25_000);
  }, 40_000);
});

describe('API port taken', () => {
  let holder: Server;
  let port: number;

  beforeAll(async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    port = (holder.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => holder.close(() => resolve()));
  });

  test('api exits 1 with a clear line', async () => {
    const p = spawnCli(['api'], env({ API_HOST: '127.0.0.1', API_PORT: String(port) }));
    const { code, ms } = await mustExit(p, 25_000);
    expect(code, p.output()).toBe(1);
    expect(p.output()).toContain(
      `error: cannot start the API on 127.0.0.1:${port}: the address is already in use`,
    );
    expect(ms).toBeLessThan(20_000);
  }, 40_000);

  test('serve exits 1 with a clear line instead of running on as a headless worker', async () => {
    const p = spawnCli(
      ['serve', '--no-scheduler'],
      env({ API_HOST: '127.0.0.1', API_PORT: String(port), LOG_LEVEL: 'info' }),
    );
    const { code, ms } = await mustExit(p, 25_000);
    expect(code, p.output()).toBe(1);
    expect(p.output()).toContain(
      `error: cannot start the API on 127.0.0.1:${port}: the address is already in use`,
    );
    // The worker never started taking jobs.
    expect(p.output()).not.toMatch(/worker ready|"part":"worker"/);
    expect(ms).toBeLessThan(20_000);
  }, 40_000);
});
