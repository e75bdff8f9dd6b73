import { describe, expect, it } from 'vitest';
import {
  applyRepEdits,
  hasRepEdits,
  NO_REP_EDITS,
  type RepEdits,
} from '../../src/domain/scenario/repEdits.js';
import { ScenarioError } from '../../src/domain/scenario/scenarioError.js';
import type { Rep } from '../../src/domain/types.js';

const rep = (id: string, tier: Rep['tier'], capacity = 1): Rep => ({
  id,
  name: `name ${id}`,
  tier,
  homeLon: 119.1,
  homeLat: 36.7,
  dailyMinutes: 420,
  workingDays: ['Mon', 'Tue'],
  capacity,
  line: 2,
});
const reps = [rep('R1', 'A'), rep('R2', 'C', 0.5), rep('R3', 'D')];
const edits = (partial: Partial<RepEdits>): RepEdits => ({ ...NO_REP_EDITS, ...partial });
const apply = (partial: Partial<RepEdits>) => applyRepEdits(reps, edits(partial), 'reps.csv');

describe('applyRepEdits', () => {
  it('removes, changes (keeping name, capacity and days) and appends added reps in order', () => {
    const result = apply({
      remove: ['R1'],
      change: [{ id: 'R2', tier: 'B', home: [119.2, 36.8] }],
      add: [
        { id: 'N2', tier: 'D', home: [119.3, 36.6] },
        { id: 'N1', tier: 'A', home: [119.4, 36.5] },
      ],
    });
    expect(result.map((r) => [r.id, r.tier, r.homeLon, r.homeLat])).toEqual([
      ['R2', 'B', 119.2, 36.8],
      ['R3', 'D', 119.1, 36.7],
      ['N2', 'D', 119.3, 36.6],
      ['N1', 'A', 119.4, 36.5],
    ]);
    expect(result[0]).toMatchObject({
      name: 'name R2',
      capacity: 0.5,
      dailyMinutes: 420,
      workingDays: ['Mon', 'Tue'],
    });
    // An added rep is full time with the policy's day and weekdays.
    expect(result[2]).toMatchObject({ name: 'N2', capacity: 1, dailyMinutes: null, workingDays: null });
    expect(reps[1]!.tier).toBe('C');
  });

  it('changes only the tier when no home is given', () => {
    expect(apply({ change: [{ id: 'R3', tier: 'A', home: null }] })[2]).toMatchObject({
      tier: 'A',
      homeLon: 119.1,
      homeLat: 36.7,
    });
  });

  it('names the argument and what exists when an edit does not fit the reps', () => {
    const cases: Array<[Partial<RepEdits>, RegExp]> = [
      [{ remove: ['R9'] }, /^--remove-rep R9: reps\.csv has no rep R9 \(reps: R1, R2, R3\)$/],
      [{ remove: ['R1', 'R1'] }, /^--remove-rep R1: given twice$/],
      [{ change: [{ id: 'R9', tier: 'A', home: null }] }, /^--change-rep R9,A: reps\.csv has no rep R9/],
      [
        { remove: ['R2'], change: [{ id: 'R2', tier: 'A', home: null }] },
        /R2 is also removed by --remove-rep/,
      ],
      [
        { change: [{ id: 'R1', tier: 'A', home: null }] },
        /^--change-rep R1,A: rep R1 already has tier A; nothing to change$/,
      ],
      [
        { add: [{ id: 'R1', tier: 'B', home: [1, 1] }] },
        /^--add-rep R1,B,1,1: reps\.csv already has a rep R1; use another id/,
      ],
      [
        { remove: ['R1'], add: [{ id: 'R1', tier: 'B', home: [1, 1] }] },
        /already has a rep R1 \(removed by --remove-rep\)/,
      ],
      [
        {
          add: [
            { id: 'N', tier: 'B', home: [1, 1] },
            { id: 'N', tier: 'C', home: [1, 1] },
          ],
        },
        /^--add-rep N,C,1,1: rep N is added twice$/,
      ],
      [{ remove: ['R1', 'R2', 'R3'] }, /remove every rep of reps\.csv/],
    ];
    for (const [partial, message] of cases) {
      expect(() => apply(partial), message.source).toThrow(ScenarioError);
      expect(() => apply(partial), message.source).toThrow(message);
    }
  });

  it('tells whether there is anything to apply', () => {
    expect(hasRepEdits(NO_REP_EDITS)).toBe(false);
    expect(hasRepEdits(edits({ remove: ['R1'] }))).toBe(true);
  });
});
