import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunked } from '../../src/io/artifacts/artifactContent.js';
import { featureCollectionChunks, renderFeatureCollection } from '../../src/io/artifacts/geoJson.js';
import { jsonChunks, jsonFileChunks } from '../../src/io/artifacts/jsonChunks.js';
import { buildRoutesGeoJson, routesGeoJsonChunks } from '../../src/io/artifacts/renderRoutesGeoJson.js';
import { writeContentDurable } from '../../src/io/publish/durableFs.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';

const joined = (chunks: Iterable<string>): string => [...chunks].join('');

/** JSON-like values plus what JSON.stringify treats specially: undefined, NaN, Infinity, Dates. */
const oddLeaf = fc.oneof(
  fc.constant(undefined),
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY),
  fc.constant(-0),
  fc.date({ noInvalidDate: true }),
  fc.string({ unit: 'binary' }),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue(),
    oddLeaf,
    fc.array(tie('node'), { maxLength: 5 }),
    fc.dictionary(fc.string(), tie('node'), { maxKeys: 5 }),
  ),
})).node;

describe('jsonChunks (plan.json written in pieces)', () => {
  it('joins to exactly JSON.stringify(value, null, indent) for any value, indent and walk depth', () => {
    fc.assert(
      fc.property(value, fc.constantFrom(0, 2, 4), fc.integer({ min: 0, max: 4 }), (v, indent, depth) => {
        expect(joined(jsonChunks(v, indent, depth))).toBe(JSON.stringify(v, null, indent) ?? '');
      }),
      { numRuns: 400 },
    );
  });

  it('writes a plan-shaped object byte-identically to the old whole-string plan.json', () => {
    const plan = buildFixturePlan();
    expect(joined(jsonFileChunks(plan))).toBe(`${JSON.stringify(plan, null, 2)}\n`);
    // Fields the plan does not have today stream as well (nothing lists them).
    const grown = { ...plan, supervisors: [{ id: 'S1', reps: plan.reps.map((r) => r.id) }], standards: {} };
    expect(joined(jsonFileChunks(grown))).toBe(`${JSON.stringify(grown, null, 2)}\n`);
  });

  it('cuts a large value into many chunks, none of them the whole text', () => {
    const big = {
      rows: Array.from({ length: 40_000 }, (_, i) => ({ id: `O${i}`, name: '王记食杂店', at: [i, -i] })),
    };
    const chunks = [...jsonChunks(big)];
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.join('')).toBe(JSON.stringify(big, null, 2));
  });

  it('renders routes.geojson in chunks with the bytes of the whole-collection rendering', () => {
    const plan = buildFixturePlan();
    expect(joined(routesGeoJsonChunks(plan))).toBe(renderFeatureCollection(buildRoutesGeoJson(plan)));
    expect(joined(featureCollectionChunks([]))).toBe(
      renderFeatureCollection({ type: 'FeatureCollection', features: [] }),
    );
  });

  it('writes chunked content to disk with the size and sha256 of the bytes written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'json-chunks-'));
    try {
      const plan = buildFixturePlan();
      const digest = await writeContentDurable(
        join(dir, 'plan.json'),
        chunked(() => jsonFileChunks(plan)),
      );
      const bytes = await readFile(join(dir, 'plan.json'));
      expect(bytes.toString('utf8')).toBe(`${JSON.stringify(plan, null, 2)}\n`);
      expect(digest).toEqual({
        size: bytes.byteLength,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
