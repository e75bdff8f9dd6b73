import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import { measureVisitStandards } from '../../src/domain/plan/visitStandards.js';
import type { ScenarioSpec } from '../../src/domain/scenario/scenarioSpec.js';
import { buildArtifacts } from '../../src/io/artifacts/buildArtifacts.js';
import { SCHEMAS } from '../../src/io/artifacts/schemas.js';
import { contentText } from '../../src/io/artifacts/artifactContent.js';
import { buildManifest, manifestFiles } from '../../src/io/publish/manifest.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

function validators() {
  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: true }));
  return {
    plan: ajv.compile(SCHEMAS['plan.json']),
    summary: ajv.compile(SCHEMAS['summary.json']),
    changes: ajv.compile(SCHEMAS['changes.json']),
    manifest: ajv.compile(SCHEMAS['manifest.json']),
  };
}

function json(files: ReturnType<typeof buildArtifacts>, path: string): unknown {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`no artifact ${path}`);
  return JSON.parse(contentText(file.content));
}

describe('JSON Schemas (draft 2020-12, with formats)', () => {
  const v = validators();

  it('accept the files generated from a complete plan', () => {
    const previous = buildFixturePlan({ without: ['M6'], repOf: { M3: 'C2' }, weekdaysOf: { M1: ['Tue'] } });
    const plan = buildFixturePlan();
    const files = buildArtifacts(plan, previous, { programVersion: '1.0.0' });
    for (const [name, validate] of [
      ['plan.json', v.plan],
      ['summary.json', v.summary],
      ['changes.json', v.changes],
    ] as const) {
      expect(validate(json(files, name)), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const manifest = buildManifest({
      version: '20260302T021500Z-a1b2c3d4',
      plan,
      files: manifestFiles(files),
      programVersion: '1.0.0',
      publishedAt: new Date('2026-03-02T03:00:00Z'),
    });
    expect(v.manifest(manifest), JSON.stringify(v.manifest.errors)).toBe(true);
  });

  it('accept the 2Q standards blocks of plan.json and summary.json, and reject a bad flag', () => {
    const plain = buildFixturePlan();
    const standards = measureVisitStandards(plain, {
      quantity: { C: { minVisitsPerDay: 2 }, D: { maxVisitsPerDay: 1 } },
      quality: { A: { large: { minShare: 0.5, maxShare: 0.9 } } },
    });
    const plan = { ...plain, standards };
    expect(standards.flags.map((f) => f.kind)).toContain('quantity-over');
    expect(standards.flags.map((f) => f.kind)).toContain('quality-over');
    const files = buildArtifacts(plan, null, { programVersion: '1.0.0' });
    expect(v.plan(json(files, 'plan.json')), JSON.stringify(v.plan.errors)).toBe(true);
    expect(v.summary(json(files, 'summary.json')), JSON.stringify(v.summary.errors)).toBe(true);
    const broken = structuredClone(plan);
    (broken.standards.flags[0] as { kind: string }).kind = 'quantity-sideways';
    expect(v.plan(JSON.parse(JSON.stringify(broken)))).toBe(false);
  });

  it('accept moved outlets in plan.json (positionChanges) and changes.json (moved), and reject bad ones', () => {
    const previous = buildFixturePlan();
    const plan = buildFixturePlan();
    const outlet = plan.outlets[0] as Plan['outlets'][number];
    const before = previous.outlets[0] as Plan['outlets'][number];
    outlet.lat += 0.01;
    plan.positionChanges = [
      {
        outletId: outlet.id,
        from: [before.lon, before.lat],
        to: [outlet.lon, outlet.lat],
        km: 1.112,
        fromRep: before.repId,
        toRep: outlet.repId,
        reassigned: false,
        fit: 'fits',
        reason: 'moved 1.11 km; still fits',
      },
    ];
    plan.repChanges = [{ outletId: outlet.id, from: 'C2', to: outlet.repId, reason: 'moved' }];
    const files = buildArtifacts(plan, previous, { programVersion: '1.0.0' });
    expect(v.plan(json(files, 'plan.json')), JSON.stringify(v.plan.errors)).toBe(true);
    const changes = json(files, 'changes.json') as { moved: Array<Record<string, unknown>> };
    expect(v.changes(changes), JSON.stringify(v.changes.errors)).toBe(true);
    expect(changes.moved).toHaveLength(1);
    const badFit = structuredClone(changes);
    (badFit.moved[0] as { fit: string }).fit = 'maybe';
    expect(v.changes(badFit)).toBe(false);
    const badPosition = structuredClone(changes);
    (badPosition.moved[0] as { to: unknown }).to = { lon: 200, lat: 0 };
    expect(v.changes(badPosition)).toBe(false);
  });

  it('accept an early plan without the territories and cycle stage fields', () => {
    const plan = buildFixturePlan();
    for (const o of plan.outlets) {
      delete o.visits;
      delete o.pattern;
      o.repId = null;
    }
    for (const r of plan.reps) {
      delete r.territory;
      delete r.days;
      delete r.overBudgetMinutes;
      delete r.flags;
    }
    const files = buildArtifacts(plan, null, { programVersion: '1.0.0' });
    expect(v.plan(json(files, 'plan.json')), JSON.stringify(v.plan.errors)).toBe(true);
    expect(v.summary(json(files, 'summary.json')), JSON.stringify(v.summary.errors)).toBe(true);
  });

  it('reject plans missing required fields or with wrong enums', () => {
    const plan = buildFixturePlan() as unknown as Record<string, unknown> & Plan;
    const withoutHash = { ...plan } as Record<string, unknown>;
    delete withoutHash.inputHash;
    expect(v.plan(withoutHash)).toBe(false);
    const badTier = structuredClone(plan);
    (badTier.outlets[0] as { tier: string }).tier = 'huge';
    expect(v.plan(badTier)).toBe(false);
    const badDate = { ...plan, generatedAt: 'yesterday' };
    expect(v.plan(badDate)).toBe(false);
    const noRepId = structuredClone(plan);
    delete (noRepId.outlets[0] as { repId?: string | null }).repId;
    expect(v.plan(noRepId)).toBe(false);
  });

  it('reject a manifest with a path escaping the version folder', () => {
    const manifest = {
      schemaVersion: 1,
      version: '20260302T021500Z-a1b2c3d4',
      region: 'r',
      generatedAt: '2026-03-02T02:15:00.000Z',
      publishedAt: '2026-03-02T02:15:00.000Z',
      inputHash: 'a'.repeat(64),
      policyHash: 'b'.repeat(64),
      programVersion: '1',
      files: [{ path: '../plan.json', size: 1, sha256: 'c'.repeat(64) }],
    };
    expect(v.manifest(manifest)).toBe(false);
    manifest.files[0] = { path: 'reps/C1.csv', size: 1, sha256: 'c'.repeat(64) };
    expect(v.manifest(manifest)).toBe(true);
  });

  it('accept the manifests of a scenario version and of a candidate promoted from it, and reject a bad spec', () => {
    const plan = buildFixturePlan();
    const files = buildArtifacts(plan, null, { programVersion: '1.0.0' });
    const scenario: ScenarioSpec = {
      name: 'staffing',
      mode: 'rebuild',
      seed: 1,
      policyFile: { path: '/tmp/p.json', sha256: 'd'.repeat(64) },
      set: [{ key: 'visits.small.frequency', value: 'every-4-weeks' }],
      repsFile: null,
      repEdits: {
        remove: ['C9'],
        change: [{ id: 'C2', tier: 'A', home: null }],
        add: [{ id: 'NEW-B1', tier: 'B', home: [116.4, 39.9] }],
      },
      staffing: {
        recommendation: ['move 1 rep from C to A', 'add 1 B rep'],
        edits: [
          {
            kind: 'move',
            repId: 'C2',
            fromPool: 'C',
            toPool: 'A',
            fromTier: 'C',
            toTier: 'A',
            nearRep: 'A1',
            km: 1.2,
          },
          { kind: 'add', repId: 'NEW-B1', toPool: 'B', tier: 'B', home: [116.4, 39.9], nearRep: 'B1' },
        ],
      },
      by: 'li.wei',
      note: null,
    };
    const base = {
      version: '20260302T021500Z-a1b2c3d4',
      plan,
      files: manifestFiles(files),
      programVersion: '1.0.0',
      publishedAt: new Date(),
    };
    const version = buildManifest({ ...base, status: 'scenario', basedOn: null, scenario });
    expect(v.manifest(version), JSON.stringify(v.manifest.errors)).toBe(true);
    const promoted = buildManifest({
      ...base,
      status: 'candidate',
      basedOn: '20260301T021500Z-a1b2c3d4',
      scenario,
      promotedFrom: { scenario: 'staffing', version: '20260302T021500Z-a1b2c3d4' },
    });
    expect(v.manifest(promoted), JSON.stringify(v.manifest.errors)).toBe(true);
    const badTier = structuredClone(version);
    (badTier.scenario!.repEdits.add[0] as { tier: string }).tier = 'E';
    expect(v.manifest(badTier)).toBe(false);
    const badName = structuredClone(promoted);
    badName.promotedFrom!.scenario = '../x';
    expect(v.manifest(badName)).toBe(false);
  });
});
