import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { contentText } from '../../src/io/artifacts/artifactContent.js';
import { buildArtifacts } from '../../src/io/artifacts/buildArtifacts.js';
import { computeChanges } from '../../src/io/artifacts/renderChanges.js';
import { renderQuarantineCsv } from '../../src/io/artifacts/renderQuarantineCsv.js';
import { renderRepDaySheet, repDaySheetPath } from '../../src/io/artifacts/renderRepDaySheet.js';
import { renderSegmentsCsv } from '../../src/io/artifacts/renderSegmentsCsv.js';
import { summarizePlan } from '../../src/io/artifacts/renderSummary.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';

describe('summarizePlan', () => {
  const summary = summarizePlan(buildFixturePlan());
  const rep = (id: string) => summary.reps.find((r) => r.repId === id);

  it('counts visits per rep and per day (hand-checked on the fixture)', () => {
    // C1: M1 and M2 on Mondays, M3 on Wednesdays, weekly over 4 weeks = 12 visits on 8 days.
    expect(rep('C1')).toMatchObject({
      outlets: 3,
      visits: 12,
      routeDays: 8,
      visitsPerDay: { min: 1, mean: 1.5, max: 2 },
    });
    expect(rep('C1')?.visitsByTier).toEqual({ large: 0, 'night-venue': 0, medium: 12, small: 0 });
    // D1: four small outlets every 2 weeks = 8 visits, two per day on 4 days.
    expect(rep('D1')).toMatchObject({ visits: 8, routeDays: 4, visitsPerDay: { min: 2, mean: 2, max: 2 } });
  });

  it('reports tier shares, balance and totals', () => {
    // 3 large x 8 + 3 night x 4 + 6 medium x 4 + 4 small x 2 = 24 + 12 + 24 + 8 = 68 visits.
    expect(summary.totals.visits).toBe(68);
    expect(summary.outletTiers.map((t) => [t.tier, t.visits, t.shareOfVisits])).toEqual([
      ['large', 24, 0.3529],
      ['night-venue', 12, 0.1765],
      ['medium', 24, 0.3529],
      ['small', 8, 0.1176],
    ]);
    // The fixture sets C1's target at 98% of its load and C2's at 102%.
    expect(rep('C1')?.balance).toBe(1.0204);
    expect(rep('C2')?.balance).toBe(0.9804);
    expect(summary.pools.find((p) => p.id === 'C')?.balance).toEqual({
      min: 0.9804,
      max: 1.0204,
      spread: 0.04,
    });
    expect(summary.balance).toEqual({ min: 0.9804, max: 1.0204 });
    expect(summary.totals.km).toBeCloseTo(
      summary.reps.reduce((s, r) => s + r.km, 0),
      1,
    );
    expect(summary.repTiers.find((t) => t.tier === 'C')).toMatchObject({ reps: 2, outlets: 6, visits: 24 });
  });

  it('says loudly when the plan fell back to straight lines, and has no travel field on great-circle', () => {
    expect(summary.travel).toBeUndefined();
    const plan = buildFixturePlan();
    const territorySettings = { speedKmh: 30, circuity: 1.3 };
    plan.travel = { provider: 'valhalla', profile: 'auto', fellBack: true, territorySettings };
    expect(summarizePlan(plan).travel).toEqual({
      provider: 'valhalla',
      profile: 'auto',
      fellBack: true,
      notice:
        'Road travel provider valhalla (auto) failed: this plan uses straight-line (great-circle) distances x 1.3 at 30 km/h, not road times (travel.fallback: great-circle). Re-plan when valhalla is back.',
    });
    plan.travel = { ...plan.travel, fellBack: false };
    expect(summarizePlan(plan).travel).toEqual({
      provider: 'valhalla',
      profile: 'auto',
      fellBack: false,
      notice: null,
    });
  });

  it('handles a plan without routes', () => {
    const plan = buildFixturePlan();
    for (const r of plan.reps) delete r.days;
    const bare = summarizePlan(plan);
    expect(bare.totals.visits).toBe(0);
    expect(bare.totals.visitsPerDay).toBeNull();
    expect(bare.reps[0]?.visitsPerDay).toBeNull();
  });
});

describe('computeChanges', () => {
  it('lists new, closed, rep, weekday and tier changes with reasons', () => {
    const previous = buildFixturePlan({
      without: ['M6'],
      repOf: { M3: 'C2' },
      weekdaysOf: { M1: ['Tue'] },
      tierOf: { L3: 'medium' },
    });
    const plan = buildFixturePlan({ without: ['S4'] });
    plan.repChanges = [{ outletId: 'M3', from: 'C2', to: 'C1', reason: 'rebalanced' }];
    plan.removedOutlets = [{ id: 'S4', reason: 'closed' }];
    plan.segmentation.changes = [
      {
        outletId: 'L3',
        from: 'medium',
        to: 'large',
        rule: 'large-tobacco-liquor',
        reason: 'volume 700 >= 660',
      },
    ];
    const changes = computeChanges(plan, previous);
    // `moved` was added with issue 9 item 8 (moved outlets); none here.
    expect(changes.counts).toEqual({
      new: 1,
      closed: 1,
      repChanged: 1,
      weekdayChanged: 1,
      tierChanged: 1,
      moved: 0,
    });
    expect(changes.moved).toEqual([]);
    expect(changes.new).toEqual([
      { outletId: 'M6', name: 'Wang\'s Shop, "Golden"', tier: 'medium', repId: 'C2', reason: 'new outlet' },
    ]);
    expect(changes.closed).toEqual([
      { outletId: 'S4', name: 'Side Seller\nBack Lane', repId: 'D1', reason: 'closed' },
    ]);
    expect(changes.repChanged).toEqual([
      { outletId: 'M3', name: 'Li Tobacco & Liquor', from: 'C2', to: 'C1', reason: 'rebalanced' },
    ]);
    expect(changes.weekdayChanged).toEqual([
      { outletId: 'M1', name: 'Happy Mart', repId: 'C1', from: ['Tue'], to: ['Mon'], reason: 'rescheduled' },
    ]);
    expect(changes.tierChanged).toEqual([
      {
        outletId: 'L3',
        name: 'East Mall',
        from: 'medium',
        to: 'large',
        rule: 'large-tobacco-liquor',
        reason: 'volume 700 >= 660',
      },
    ]);
  });

  it('lists moved outlets with both positions, the distance and whether they were reassigned', () => {
    const previous = buildFixturePlan();
    const plan = buildFixturePlan();
    const kept = plan.outlets[0] as (typeof plan.outlets)[number];
    const gone = plan.outlets[1] as (typeof plan.outlets)[number];
    plan.positionChanges = [
      {
        outletId: gone.id,
        from: [1, 2],
        to: [gone.lon, gone.lat],
        km: 3.5,
        fromRep: 'C2',
        toRep: gone.repId,
        reassigned: true,
        fit: 'no-longer-fits',
        reason: 'moved 3.50 km; no longer fits',
      },
      {
        outletId: kept.id,
        from: [kept.lon, kept.lat - 0.01],
        to: [kept.lon, kept.lat],
        km: 1.112,
        fromRep: kept.repId,
        toRep: kept.repId,
        reassigned: false,
        fit: 'fits',
        reason: 'moved 1.11 km; still fits',
      },
    ];
    const changes = computeChanges(plan, previous);
    expect(changes.counts.moved).toBe(2);
    expect(changes.moved.map((m) => m.outletId)).toEqual([kept.id, gone.id].sort());
    expect(changes.moved.find((m) => m.outletId === kept.id)).toEqual({
      outletId: kept.id,
      name: kept.name,
      from: { lon: kept.lon, lat: kept.lat - 0.01 },
      to: { lon: kept.lon, lat: kept.lat },
      km: 1.112,
      fromRep: kept.repId,
      toRep: kept.repId,
      reassigned: false,
      fit: 'fits',
      reason: 'moved 1.11 km; still fits',
    });
    expect(changes.moved.find((m) => m.outletId === gone.id)).toMatchObject({
      reassigned: true,
      from: { lon: 1, lat: 2 },
    });
    // A first plan has nothing to have moved from.
    expect(computeChanges(plan, null).moved).toEqual([]);
  });

  it('treats every outlet as new on a first plan', () => {
    const changes = computeChanges(buildFixturePlan(), null);
    expect(changes.previous).toBeNull();
    expect(changes.counts.new).toBe(16);
    expect(changes.new.every((c) => c.reason === 'first plan')).toBe(true);
  });
});

describe('CSV files', () => {
  const plan = buildFixturePlan();

  it('segments.csv has one row per active outlet and survives commas, quotes and newlines', () => {
    const rows = parse<Record<string, string>>(renderSegmentsCsv(plan), { columns: true });
    expect(rows).toHaveLength(plan.outlets.length);
    expect(Object.keys(rows[0] ?? {})).toEqual(['id', 'name', 'tier', 'rule', 'reason', 'pool', 'rep_id']);
    expect(rows.find((r) => r.id === 'M6')).toMatchObject({
      name: 'Wang\'s Shop, "Golden"',
      pool: 'C',
      rep_id: 'C2',
    });
    expect(rows.find((r) => r.id === 'S4')?.name).toBe('Side Seller\nBack Lane');
  });

  it('quarantine.csv keeps every rejected row with its reason', () => {
    const rows = parse<Record<string, string>>(renderQuarantineCsv(plan), { columns: true });
    expect(rows).toEqual([
      {
        file: 'outlets.csv',
        line: '7',
        id: 'X9',
        field: 'lon',
        value: '1,13.5',
        reason: 'not a number',
        action: '',
      },
      {
        file: 'reps.csv',
        line: '3',
        id: '',
        field: 'tier',
        value: '"E"',
        reason: 'unknown rep tier "E"',
        action: '',
      },
    ]);
  });

  it('reps/<id>.csv lists the cycle by week, weekday and sequence', () => {
    const c1 = plan.reps.find((r) => r.id === 'C1');
    if (!c1) throw new Error('fixture has no C1');
    const text = renderRepDaySheet(plan, c1);
    expect(text.split('\r\n').slice(0, 3)).toEqual([
      'week,weekday,seq,outlet_id,name,tier,arrival,departure,lon,lat',
      '1,Mon,1,M1,Happy Mart,medium,08:34,08:46,112.97,28.22',
      '1,Mon,2,M2,7 Days Convenience,medium,08:48,09:00,112.975,28.225',
    ]);
    expect(parse<Record<string, string>>(text, { columns: true }).length).toBe(12);
  });

  it('keeps rep ids that are not plain file names inside reps/', () => {
    expect(repDaySheetPath('C1')).toBe('reps/C1.csv');
    expect(repDaySheetPath('../x')).toBe('reps/rep-2e2e2f78.csv');
    expect(repDaySheetPath('..')).toBe('reps/rep-2e2e.csv');
  });

  it('buildArtifacts is deterministic', () => {
    const a = buildArtifacts(buildFixturePlan(), null, { programVersion: '1' });
    const b = buildArtifacts(buildFixturePlan(), null, { programVersion: '1' });
    // Chunked files (plan.json, routes.geojson) are compared by their text.
    const texts = (files: typeof a) => files.map((f) => [f.path, contentText(f.content)]);
    expect(texts(a)).toEqual(texts(b));
    expect(a.filter((f) => f.path.startsWith('reps/')).map((f) => f.path)).toEqual([
      'reps/A1.csv',
      'reps/B1.csv',
      'reps/C1.csv',
      'reps/C2.csv',
      'reps/D1.csv',
    ]);
  });
});
