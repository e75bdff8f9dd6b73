import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findFreePort, startTestRedis, type TestRedis } from '../helpers/redis.js';
import { spawnCompiledCli } from '../queue/processes.js';
import { waitFor } from '../queue/testConfig.js';

/** `territory api` as deployed (bin/territory.js, needs `npm run build`) with role tokens from the environment and a file. */
const READ = 'read-token-0123456789abcdef';
const APPROVE = 'approve-token-0123456789abcdef';
let root: string;
let redis: TestRedis;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tw-api-cmd-'));
  mkdirSync(join(root, 'regions', 'north'), { recursive: true });
  writeFileSync(join(root, 'regions', 'north', 'outlets.csv'), 'id\n');
  redis = await startTestRedis();
});

afterAll(async () => {
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

const env = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  REDIS_URL: redis.url,
  QUEUE_PREFIX: 'apicmd',
  REGIONS_DIR: join(root, 'regions'),
  OUT_DIR: join(root, 'out'),
  LOG_LEVEL: 'warn',
  ...extra,
});

describe('territory api with role tokens', () => {
  test('API_TOKENS and API_TOKENS_FILE: a read token lists, is refused approving; an approve token may', async () => {
    const file = join(root, 'tokens');
    writeFileSync(file, `# review app\napprove:${APPROVE}\n`);
    const port = await findFreePort();
    const p = spawnCompiledCli(
      ['api'],
      env({
        API_TOKENS: `read:${READ}`,
        API_TOKENS_FILE: file,
        API_HOST: '127.0.0.1',
        API_PORT: String(port),
      }),
    );
    try {
      const base = `http://127.0.0.1:${port}`;
      const get = (path: string, token: string) =>
        fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const regions = await waitFor(
        'the API to listen',
        async () => await get('/regions', READ).catch(() => undefined),
      );
      expect(regions.status).toBe(200);
      expect(
        ((await regions.json()) as { regions: Array<{ region: string }> }).regions.map((r) => r.region),
      ).toEqual(['north']);
      const approve = (token: string) =>
        fetch(`${base}/regions/north/versions/20250101T000000Z-00000000/approve`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        });
      expect((await approve(READ)).status).toBe(403);
      expect((await approve(APPROVE)).status).toBe(404);
    } finally {
      p.child.kill('SIGTERM');
      await p.exited;
    }
  }, 40_000);

  test('a malformed API_TOKENS stops the start with one line naming the variable, not the token', async () => {
    const p = spawnCompiledCli(['api'], env({ API_TOKENS: `owner:${READ}` }));
    const { code } = await p.exited;
    expect(code, p.output()).toBe(1);
    expect(p.output()).toMatch(
      /API_TOKENS=<redacted>: entry 1 \(role "owner"\): the role must be one of read, trigger, approve/,
    );
    expect(p.output()).not.toContain(READ);
  }, 40_000);

  test('no token configured: the API does not start', async () => {
    const p = spawnCompiledCli(['api'], env({}));
    const { code } = await p.exited;
    expect(code, p.output()).toBe(1);
    expect(p.output()).toMatch(/API_TOKENS .*API_TOKENS_FILE or API_TOKEN must be set to start the API/);
  }, 40_000);
});
