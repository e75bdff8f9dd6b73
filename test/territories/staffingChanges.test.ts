import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import {
  describeStaffingChanges,
  repChangeReason,
  staffingChangesBetween,
  type StaffingPlanView,
} from '../../src/domain/territories/staffingChanges.js';
import { computeChanges } from '../../src/io/artifacts/renderChanges.js';
import { validateAgainstSchema } from '../../src/io/publish/validateArtifacts.js';

const rep = (id: string, pool: string | null, capacity = 1, home: [number, number] = [119.1, 36.7]) => ({
  id,
  pool,
  capacity,
  home,
});

describe('describeStaffingChanges', () => {
  it('counts what a rep took and from whom, and what it handed over and to whom', () => {
    const outlets = [
      { id: 'o1', previousRepId: 'a', repId: 'n' },
      { id: 'o2', previousRepId: 'a', repId: 'n' },
      { id: 'o3', previousRepId: 'b', repId: 'n' },
      { id: 'o4', previousRepId: null, repId: 'n' },
      { id: 'o5', previousRepId: 'gone', repId: 'a' },
      { id: 'o6', previousRepId: 'gone', repId: 'b' },
      { id: 'o7', previousRepId: 'gone', repId: 'b' },
      { id: 'o8', previousRepId: 'a', repId: 'a' },
    ];
    const changes = describeStaffingChanges(
      [
        { event: 'rep-removed', repId: 'gone', pool: 'C', reason: 'rep left the pool' },
        {
          event: 'rep-added',
          repId: 'n',
          pool: 'C',
          reason: 'new rep in the pool',
          touchedReps: ['b', 'a', 'n'],
        },
      ],
      outlets,
    );
    expect(changes).toEqual([
      {
        event: 'rep-removed',
        repId: 'gone',
        pool: 'C',
        outletsTaken: 0,
        outletsHandedOver: 3,
        fromReps: [],
        toReps: [
          { repId: 'b', outlets: 2 },
          { repId: 'a', outlets: 1 },
        ],
        touchedReps: [],
        reason: 'rep left the pool',
      },
      {
        event: 'rep-added',
        repId: 'n',
        pool: 'C',
        outletsTaken: 4,
        outletsHandedOver: 0,
        fromReps: [
          { repId: 'a', outlets: 2 },
          { repId: null, outlets: 1 },
          { repId: 'b', outlets: 1 },
        ],
        toReps: [],
        touchedReps: ['a', 'b', 'n'],
        reason: 'new rep in the pool',
      },
    ]);
  });

  it('names a capacity or home change beyond the thresholds, nothing below them', () => {
    const home: [number, number] = [119.1, 36.7];
    expect(repChangeReason({ capacity: 1, home }, { capacity: 1.04, home })).toBeNull();
    expect(repChangeReason({ capacity: 1, home }, { capacity: 0.5, home })).toBe('capacity 1 -> 0.5');
    // 0.02 degrees of longitude at 36.7 N is about 1.8 km.
    expect(repChangeReason({ capacity: 1, home }, { capacity: 1, home: [119.12, 36.7] })).toBe(
      'home moved 1.8 km',
    );
    expect(repChangeReason({ capacity: 1, home }, { capacity: 1, home: [119.105, 36.7] })).toBeNull();
  });
});

describe('staffingChangesBetween and changes.json', () => {
  const previous: StaffingPlanView = {
    outlets: [
      { id: 'o1', repId: 'a' },
      { id: 'o2', repId: 'gone' },
      { id: 'o3', repId: 'gone' },
      { id: 'o4', repId: 'b' },
    ],
    reps: [rep('a', 'C'), rep('b', 'C', 1), rep('gone', 'C')],
  };
  const plan: StaffingPlanView = {
    outlets: [
      { id: 'o1', repId: 'n' },
      { id: 'o2', repId: 'a' },
      { id: 'o3', repId: 'n' },
      { id: 'o4', repId: 'b' },
    ],
    reps: [rep('a', 'C'), rep('b', 'C', 0.5), rep('n', 'C')],
  };

  it('derives added, removed and changed reps from two plans', () => {
    const changes = staffingChangesBetween(plan, previous);
    expect(changes.map((c) => [c.event, c.repId, c.outletsTaken, c.outletsHandedOver])).toEqual([
      ['rep-changed', 'b', 0, 0],
      ['rep-removed', 'gone', 0, 2],
      ['rep-added', 'n', 2, 0],
    ]);
    expect(changes[1]?.toReps).toEqual([
      { repId: 'a', outlets: 1 },
      { repId: 'n', outlets: 1 },
    ]);
    expect(changes[0]?.reason).toBe('capacity 1 -> 0.5');
    expect(staffingChangesBetween(plan, null)).toEqual([]);
  });

  it("prefers the plan's recorded staffing changes", () => {
    const recorded = staffingChangesBetween(plan, previous).slice(0, 1);
    expect(staffingChangesBetween({ ...plan, staffingChanges: recorded }, previous)).toEqual(recorded);
  });

  it('writes them to changes.json as `staffing`', () => {
    const asPlan = (view: StaffingPlanView): Plan =>
      ({
        region: 'r',
        generatedAt: '2026-12-03T00:00:00Z',
        inputHash: 'h',
        outlets: view.outlets.map((o) => ({ ...o, name: o.id, tier: 'small', lon: 119.1, lat: 36.7 })),
        reps: view.reps,
        repChanges: view === plan ? [{ outletId: 'o1', from: 'a', to: 'n', reason: 'redrawn' }] : [],
        dayChanges: [],
        segmentation: { changes: [] },
        removedOutlets: [],
      }) as unknown as Plan;
    const changes = computeChanges(asPlan(plan), asPlan(previous));
    expect(changes.staffing.map((c) => `${c.event} ${c.repId}`)).toEqual([
      'rep-changed b',
      'rep-removed gone',
      'rep-added n',
    ]);
    // Outlets the added rep took are `rep-added` (o1 recorded as redrawn, o3 unrecorded); o2 lost its rep.
    expect(changes.repChanged.map((c) => [c.outletId, c.reason])).toEqual([
      ['o1', 'rep-added'],
      ['o2', 'redrawn'],
      ['o3', 'rep-added'],
    ]);
    expect(validateAgainstSchema('changes.json', changes)).toEqual([]);
    const broken = { ...changes, staffing: [{ ...changes.staffing[0], event: 'rep-hired' }] };
    expect(validateAgainstSchema('changes.json', broken).length).toBeGreaterThan(0);
    expect(computeChanges(asPlan(plan), null).staffing).toEqual([]);
  });
});
