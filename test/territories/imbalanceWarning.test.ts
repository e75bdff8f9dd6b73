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
});
