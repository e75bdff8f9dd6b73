import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import { startWorker } from '../../src/queue/startWorker.js';
import { startTestRedis, type TestRedis } from '../helpers/redis.js';
import { testConfig } from './testConfig.js';

const FAKE_PROCESSOR = fileURLToPath(new URL('./fixtures/fakePlanProcessor.js', import.meta.url));

let redis: TestRedis;
let root: string;

beforeAll(async () => {
  redis = await startTestRedis();
  root = mkdtempSync(join(tmpdir(), 'tw-stop-'));
});

afterAll(async () => {
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

test('a worker stopped while Redis is restarting stops within its grace period plus a bounded close', async (context) => {
  if (redis.external) context.skip();
  const config = testConfig(redis.url, { regionsDir: root, outDir: root });
  const worker = startWorker(config, createLogger({ level: 'silent', role: 'test' }), {
    processorFile: FAKE_PROCESSOR,
  });
  await worker.ready;
  await redis.restart(3_000);
  const started = Date.now();
  await worker.stop(500);
  expect(Date.now() - started).toBeLessThan(10_000);
}, 60_000);
