import { describe, expect, it } from 'vitest';
import { assignTerritories } from '../../src/domain/territories/assignTerritories.js';
import { baseInput, grid, outletAt, repAt } from './fixtures.js';

describe('imbalance warning', () => {
  it('names the rep, its load against target and the locks that pin it', () => {
    // 20 of 25 outlets are locked to r1: r2 cannot get its share.
    const outlets = grid('g', 5, 0.3).map((o, i) => (i < 20 ? { ...o, lockedRepId: 'r1' } : o));
    const result = assignTerritories(baseInput(outlets, [repAt('r1', 0, 0), repAt('r2', 1, 1)]));
    const warning = result.warnings.find((w) => w.includes('could not be reached')) ?? '';
    expect(warning).toMatch(
      /^pool T: balance within ±3\.0% could not be reached: rep r\d has \d+ of \d+ target minutes \([+-]\d+\.\d%\)/,
    );
    expect(warning).toMatch(/20 outlets locked to it|no lock/);
    expect(warning).toContain('rep r1');
    expect(warning).toContain('20 outlets locked to it');
  });

  it('blames a remote territory with the trip’s share of the load', () => {
    // Three outlets: a town pair and one shop 30 km away; two reps at the town.
    const outlets = [outletAt('a', 0, 0), outletAt('b', 0.2, 0), outletAt('c', 30, 0)];
    const result = assignTerritories(baseInput(outlets, [repAt('r1', 0, 0), repAt('r2', 0.1, 0)]));
    const warning = result.warnings.find((w) => w.includes('could not be reached')) ?? '';
    expect(warning).toMatch(/rep r2's territory is remote: the trip from home takes \d+\.\d% of its load/);
  });

  // Before isolated outlets were named, the warning blamed r2's remote territory and coarse
  // outlets but not the shop that causes both: this test failed on it (checked).
  it('names a kept outlier that sits in an off-target territory', () => {
    // 36 outlets in a 1.5 km square and one shop 40 km out, kept by the loader (a 40 km isolation
    // is below its 50 km floor) but isolated within the pool.
    const outlets = [...grid('g', 6, 0.3), outletAt('far', 40, 0)];
    const reps = [repAt('r1', 0, 0), repAt('r2', 1, 1), repAt('r3', 1, 0)];
    const result = assignTerritories(baseInput(outlets, reps));
    const warning = result.warnings.find((w) => w.includes('could not be reached')) ?? '';
    expect(warning).toMatch(
      /isolated outlets in off-target territories: far \(rep r\d, [+-]\d+\.\d%; 5th-nearest pool outlet 3\d\.\d km away; \d+ min\) \(beyond \d\.\d km = max\(2 km, input\.outlierFactor x the pool's 95th percentile 0\.\d km\)\)/,
    );
    // A grid outlet is not isolated, and a balanced pool names nobody.
    expect(warning).not.toMatch(/g\d{4} \(rep/);
    const balanced = assignTerritories(baseInput(grid('g', 6, 0.3), reps));
    expect(balanced.warnings.filter((w) => w.includes('could not be reached'))).toEqual([]);
  });

  it('names no isolated outlet when the pool has none', () => {
    const outlets = grid('g', 5, 0.3).map((o, i) => (i < 20 ? { ...o, lockedRepId: 'r1' } : o));
    const result = assignTerritories(baseInput(outlets, [repAt('r1', 0, 0), repAt('r2', 1, 1)]));
    const warning = result.warnings.find((w) => w.includes('could not be reached')) ?? '';
    expect(warning).toContain('20 outlets locked to it');
    expect(warning).not.toContain('isolated');
  });

  it('names a rep whose home is far from every outlet of the pool (a mistyped home or another region)', () => {
    // Three reps at a 1.5 km town; r3's home typed 900 km away gets nothing.
    const reps = [repAt('r1', 0, 0), repAt('r2', 1, 1), repAt('r3', 900, 0)];
    const result = assignTerritories(baseInput(grid('g', 6, 0.3), reps));
    const warning = result.warnings.find((w) => w.includes('could not be reached')) ?? '';
    expect(warning).toMatch(/rep r3 has \d+ of \d+ target minutes/);
    expect(warning).toMatch(
      /its home is 89\d\.\d km from the nearest pool outlet \(other reps: at most 0\.\d km\)/,
    );
    // Reps at the town are not called far.
    const near = assignTerritories(
      baseInput(
        grid('g', 5, 0.3).map((o, i) => (i < 20 ? { ...o, lockedRepId: 'r1' } : o)),
        [repAt('r1', 0, 0), repAt('r2', 1, 1)],
      ),
    );
    expect(near.warnings.join('\n')).not.toContain('its home is');
  });
});
