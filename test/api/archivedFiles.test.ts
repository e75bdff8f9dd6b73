import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import type { Manifest } from '../../src/io/publish/manifest.js';
import { sha256Hex } from '../../src/io/publish/manifest.js';
import { publishVersion } from '../../src/io/publish/publishVersion.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';
import { startTestApi, type TestApi } from './apiTestServer.js';

const root = mkdtempSync(join(tmpdir(), 'api-archived-'));
const regionsDir = join(root, 'regions');
const outDir = join(root, 'out');
let t: TestApi;
const versions: string[] = [];

beforeAll(async () => {
  mkdirSync(join(regionsDir, 'north'), { recursive: true });
  for (const day of [2, 3]) {
    const result = await publishVersion({
      regionOutDir: join(outDir, 'north'),
      plan: buildFixturePlan({ generatedAt: `2026-05-0${day}T02:15:00.000Z` }),
      policy: DEFAULT_POLICY,
      previous: null,
      programVersion: 'test',
      archive: { keepPlain: 1, minBytes: 0 },
    });
    versions.push(result.version);
  }
  t = await startTestApi({ regionsDir, outDir });
});

afterAll(async () => {
  await t?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('a version kept compressed', () => {
  test('serves its files as published, checked against the manifest', async () => {
    const old = versions[0]!;
    const dir = join(outDir, 'north', 'versions', old);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const entry = manifest.files.find((f) => f.path === 'plan.json')!;
    const reply = await t.call('GET', `/regions/north/versions/${old}/files/plan.json`);
    expect(reply.status).toBe(200);
    expect(reply.body.byteLength).toBe(entry.size);
    expect(sha256Hex(reply.body)).toBe(entry.sha256);
    expect(reply.headers.etag).toBe(`"${entry.sha256}"`);
  });
});
