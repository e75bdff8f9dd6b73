import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppConfig } from '../../src/config/env.js';
import type { JobView } from '../../src/queue/jobQueue.js';
import { startTestRedis, type TestRedis } from '../helpers/redis.js';
import { envOf, runCli } from './processes.js';
import { testConfig } from './testConfig.js';

/** `territory enqueue` and `territory jobs` against a queue without workers (jobs stay waiting). */
let redis: TestRedis;
let root: string;
let config: AppConfig;

beforeAll(async () => {
  redis = await startTestRedis();
  root = mkdtempSync(join(tmpdir(), 'tw-cli-'));
  config = testConfig(redis.url, { regionsDir: join(root, 'regions'), outDir: join(root, 'out') });
  mkdirSync(join(config.regionsDir, 'north'), { recursive: true });
  writeFileSync(join(config.regionsDir, 'north', 'outlets.csv'), 'id\n');
});

afterAll(async () => {
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('queue CLI commands', () => {
  test('enqueue prints the job id; jobs lists it; unknown regions and kinds are refused', async () => {
    const env = envOf(config);
    const [enqueued, unknownRegion, badKind] = await Promise.all([
      runCli(['enqueue', 'resegment', '--region', 'north', '--force'], env),
      runCli(['enqueue', 'rebuild', '--region', 'south'], env),
      runCli(['enqueue', 'delete', '--region', 'north'], env),
    ]);
    expect(enqueued.code, enqueued.output).toBe(0);
    const jobId = /enqueued (\S+)/.exec(enqueued.output)?.[1];
    expect(jobId).toMatch(/^resegment:north:\d+-[0-9a-f]+$/);
    expect(unknownRegion.code).toBe(1);
    expect(unknownRegion.output).toMatch(/unknown region "south"/);
    expect(badKind.code).toBe(1);
    expect(badKind.output).toMatch(/unknown job kind "delete"/);

    const [json, table] = await Promise.all([
      runCli(['jobs', '--region', 'north', '--json'], env),
      runCli(['jobs'], env),
    ]);
    expect(json.code, json.output).toBe(0);
    const jobs = JSON.parse(json.output) as JobView[];
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      id: jobId,
      name: 'resegment-region',
      state: 'waiting',
      force: true,
      trigger: 'cli',
    });
    expect(table.output).toMatch(/^id\s+job\s+region\s+state/m);
    expect(table.output).toContain(jobId);
  });
});
