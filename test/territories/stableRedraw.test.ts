import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/domain/random.js';
import {
  assignTerritories,
  type AssignTerritoriesResult,
} from '../../src/domain/territories/assignTerritories.js';
import { baseInput, outletAt, repAt } from './fixtures.js';
import type { TerritoryOutletInput } from '../../src/domain/territories/assignTerritories.js';

/** 400 outlets in four uneven clusters over ~12 km, like a town with villages. */
function town(): TerritoryOutletInput[] {
  const random = createRandom(5);
  const centres = [
    [0, 0, 180],
    [5, 2, 110],
    [-3, 6, 70],
    [8, -5, 40],
  ] as const;
  const outlets: TerritoryOutletInput[] = [];
  for (const [cx, cy, count] of centres) {
    for (let i = 0; i < count; i++) {
      outlets.push(
        outletAt(
          `o${String(outlets.length).padStart(4, '0')}`,
          cx + random.normal() * 1.2,
          cy + random.normal() * 1.2,
        ),
      );
    }
  }
  return outlets;
}

const reps = [
  repAt('R1', 0, 0),
  repAt('R2', 4, 3),
  repAt('R3', -2, 5),
  repAt('R4', 6, -3),
  repAt('R5', 1, -2),
];

function withHistory(
  outlets: TerritoryOutletInput[],
  result: AssignTerritoriesResult,
): TerritoryOutletInput[] {
  return outlets.map((o) => ({ ...o, previousRepId: result.repOf.get(o.id) ?? null }));
}

describe('redraw (re-segmentation) with unchanged staff', () => {
  const outlets = town();
  const fresh = assignTerritories(baseInput(outlets, reps));

  it('is a fixed point on identical input: at most 0.5% of outlets change rep', () => {
    const redrawn = assignTerritories(baseInput(withHistory(outlets, fresh), reps, { mode: 'redraw' }));
    expect(redrawn.changes.length).toBeLessThanOrEqual(outlets.length * 0.005);
    const again = assignTerritories(baseInput(withHistory(outlets, redrawn), reps, { mode: 'redraw' }));
    expect(again.changes).toEqual([]);
  });

  it('still straightens what a rebuild left: outlets far inside another territory move', () => {
    // Give the 10 outlets of R1's territory farthest from R4's to R4: a redraw hands them back.
    const history = withHistory(outlets, fresh);
    const [cx, cy] = fresh.territories.get('R4')?.centroid ?? [0, 0];
    const far = (o: TerritoryOutletInput): number => (o.lon - cx) ** 2 + (o.lat - cy) ** 2;
    const r1 = history
      .filter((o) => o.previousRepId === 'R1')
      .sort((a, b) => far(b) - far(a))
      .slice(0, 10);
    const moved = new Set(r1.map((o) => o.id));
    const bent = history.map((o) => (moved.has(o.id) ? { ...o, previousRepId: 'R4' } : o));
    const redrawn = assignTerritories(baseInput(bent, reps, { mode: 'redraw' }));
    const back = [...moved].filter((id) => redrawn.repOf.get(id) !== 'R4');
    expect(back.length).toBe(10);
  });

  it('draws afresh when the staff changed: a new rep gets a full territory', () => {
    const more = [...reps, repAt('R6', 5, 2)];
    const redrawn = assignTerritories(baseInput(withHistory(outlets, fresh), more, { mode: 'redraw' }));
    const counts = more.map((r) => redrawn.territories.get(r.id)?.outletCount ?? 0);
    expect(Math.min(...counts)).toBeGreaterThan(outlets.length / more.length / 2);
  });
});
