import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildArtifacts } from '../../src/io/artifacts/buildArtifacts.js';
import { contentText } from '../../src/io/artifacts/artifactContent.js';
import { compileValidators, loadPrecompiledValidators } from '../../src/io/publish/schemaValidators.js';
import { renderStandaloneValidators } from '../../src/io/publish/standaloneValidators.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';

// Inside the project: the generated module requires ajv's runtime helpers by package name.
const cache = join(process.cwd(), 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, 'schema-validators-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeModule(name: string, source: string): string {
  const file = join(dir, name);
  writeFileSync(file, source);
  return file;
}

describe('precompiled schema validators', () => {
  const source = renderStandaloneValidators();
  const plan = buildFixturePlan();
  const files = new Map(buildArtifacts(plan, null, { programVersion: 'test' }).map((a) => [a.path, a]));
  const summary: unknown = JSON.parse(contentText(files.get('summary.json')!.content));
  const broken = { ...(summary as Record<string, unknown>), schemaVersion: 'one', totals: null };

  it('load from the build output and judge files exactly as the run-time compiled ones do', () => {
    const precompiled = loadPrecompiledValidators(writeModule('fresh.cjs', source));
    expect(precompiled).not.toBeNull();
    const compiled = compileValidators();
    for (const value of [plan, summary, broken]) {
      for (const file of ['plan.json', 'summary.json'] as const) {
        const a = precompiled![file];
        const b = compiled[file];
        expect(a(value)).toBe(b(value));
        expect(a.errors ?? null).toEqual(b.errors ?? null);
      }
    }
    expect(precompiled!['plan.json'](plan)).toBe(true);
    expect(precompiled!['summary.json'](broken)).toBe(false);
  });

  it('are ignored when compiled from other schemas (edited since the build) or missing', () => {
    const stale = source.replace(/exports\.schemasDigest = "[0-9a-f]+"/, 'exports.schemasDigest = "0"');
    expect(stale).not.toBe(source);
    expect(loadPrecompiledValidators(writeModule('stale.cjs', stale))).toBeNull();
    expect(loadPrecompiledValidators(join(dir, 'absent.cjs'))).toBeNull();
  });
});
