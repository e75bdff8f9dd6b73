import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnrecoverableError } from 'bullmq';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppConfig } from '../../src/config/env.js';
import { generateRegion } from '../../src/domain/generate/generateRegion.js';
import { renderOutletsCsv, renderRepsCsv } from '../../src/domain/generate/renderRegionCsv.js';
import { readAudit } from '../../src/io/publish/auditLog.js';
import { currentVersion, listVersions } from '../../src/io/publish/publishVersion.js';
import { createLogger } from '../../src/log/logger.js';
import { parseRegionJob, type RegionJobResult } from '../../src/queue/jobDefinitions.js';
import { createJobQueue, type JobQueue, type JobView } from '../../src/queue/jobQueue.js';
import { startWorker, type WorkerHandle } from '../../src/queue/startWorker.js';
import { openCurrentVersion } from '../publish/consumeCurrent.js';
import { startTestRedis, type TestRedis } from '../helpers/redis.js';
import { testConfig, waitForFinishedJob } from './testConfig.js';

/** Queue jobs and review: a resegment job publishes a candidate, a nightly rebuild over a threshold too. */
let redis: TestRedis;
let root: string;
let config: AppConfig;
let queue: JobQueue;
let worker: WorkerHandle;

const finished = (id: string): Promise<JobView> =>
  waitForFinishedJob(queue, id, { logs: 50, timeoutMs: 120_000 });

beforeAll(async () => {
  redis = await startTestRedis();
  root = mkdtempSync(join(tmpdir(), 'tw-candidates-'));
  config = testConfig(redis.url, { regionsDir: join(root, 'regions'), outDir: join(root, 'out') });
  const dir = join(config.regionsDir, 'north');
  mkdirSync(dir, { recursive: true });
  const region = generateRegion({ outlets: 120, reps: 5, seed: 21, name: 'north' });
  writeFileSync(join(dir, 'outlets.csv'), renderOutletsCsv(region.outlets));
  writeFileSync(join(dir, 'reps.csv'), renderRepsCsv(region.reps));
  queue = createJobQueue(config);
  worker = startWorker(config, createLogger({ level: 'silent', role: 'test' }));
  await worker.ready;
}, 120_000);

afterAll(async () => {
  await worker?.stop(2_000);
  await queue?.close();
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('review through the queue (real Redis, sandboxed worker)', () => {
  test('publish is a validated payload field', () => {
    const base = { region: 'north', trigger: 'test', requestedAt: '2026-03-01T02:00:00.000Z' };
    expect(parseRegionJob('resegment-region', { ...base, publish: true }).payload.publish).toBe(true);
    expect(() => parseRegionJob('resegment-region', { ...base, publish: 'yes' })).toThrow(UnrecoverableError);
    expect(() => parseRegionJob('resegment-region', { ...base, publish: 'yes' })).toThrow(/publish:/);
  });

  test('a resegment job publishes a candidate; current stays; --publish publishes; a nightly rebuild over a threshold is a candidate', async () => {
    const out = join(config.outDir, 'north');
    const first = await finished(
      (await queue.enqueue({ kind: 'rebuild', region: 'north', trigger: 'test' })).jobId,
    );
    expect(first.result?.status, first.error ?? '').toBe('published');
    const v1 = (first.result as RegionJobResult).version;

    const reseg = await finished(
      (await queue.enqueue({ kind: 'resegment', region: 'north', trigger: 'test' })).jobId,
    );
    expect(reseg.state, reseg.error ?? '').toBe('completed');
    const candidate = reseg.result as RegionJobResult;
    expect(candidate).toMatchObject({ status: 'candidate', mode: 'resegment', review: { current: v1 } });
    expect(candidate.review?.reason).toMatch(/resegment plans are candidates/);
    expect(
      reseg.logs?.some((l) => l.includes(`candidate ${candidate.version ?? ''} (current stays ${v1 ?? ''})`)),
    ).toBe(true);
    expect(await currentVersion(out)).toBe(v1);
    expect((await openCurrentVersion(out)).version).toBe(v1);
    expect((await listVersions(out)).find((v) => v.version === candidate.version)?.status).toBe('candidate');
    expect((await readAudit(out)).at(-1)).toMatchObject({
      action: 'candidate',
      version: candidate.version,
      by: `job:${reseg.id}`,
      from: v1,
      to: v1,
    });

    const direct = await finished(
      (await queue.enqueue({ kind: 'resegment', region: 'north', trigger: 'test', publish: true })).jobId,
    );
    expect(direct.result?.status, direct.error ?? '').toBe('published');
    const v2 = (direct.result as RegionJobResult).version;
    expect(await currentVersion(out)).toBe(v2);

    // The nightly path: a scheduled rebuild, with a working-time threshold every pool exceeds.
    writeFileSync(
      join(config.regionsDir, 'north', 'policy.json'),
      JSON.stringify({ review: { maxPoolWorkingTime: 0.001 } }),
    );
    const nightly = await queue.enqueueScheduled('north', new Date('2026-03-02T18:00:00Z'), 'UTC');
    const view = await finished(nightly.jobId);
    expect(view.state, view.error ?? '').toBe('completed');
    const held = view.result as RegionJobResult;
    expect(held).toMatchObject({ status: 'candidate', mode: 'rebuild' });
    expect(held.review?.breaches.map((b) => b.threshold)).toContain('review.maxPoolWorkingTime');
    expect(held.review?.reason).toMatch(
      /rebuild exceeds the review thresholds: pool \S+ needs [\d.]+% of its working time/,
    );
    expect(view.logs?.some((l) => l.includes('review.maxPoolWorkingTime'))).toBe(true);
    expect(await currentVersion(out)).toBe(v2);
  }, 300_000);
});
