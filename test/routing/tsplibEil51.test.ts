import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { solveTsp, tourLength } from '../../src/domain/routing/solveTsp.js';

// shared/ sits beside the repository (../shared), in a session and in CI alike.
const EIL51 = fileURLToPath(new URL('../../../shared/data/tsplib/instances/eil51.tsp', import.meta.url));
const EIL51_OPTIMUM = 426;

describe.skipIf(!existsSync(EIL51))('solveTsp on TSPLIB eil51', () => {
  it('is within 2.5% of the optimum 426 with TSPLIB rounded distances', () => {
    const lines = readFileSync(EIL51, 'utf8').split(/\r?\n/);
    const start = lines.findIndex((line) => line.trim().startsWith('NODE_COORD_SECTION'));
    const coordinates = lines
      .slice(start + 1)
      .map((line) => line.trim().split(/\s+/).map(Number))
      .filter((parts) => parts.length === 3 && parts.every(Number.isFinite));
    expect(coordinates).toHaveLength(51);
    const distance = (i: number, j: number): number => {
      const [, x1 = 0, y1 = 0] = coordinates[i] ?? [];
      const [, x2 = 0, y2 = 0] = coordinates[j] ?? [];
      return Math.round(Math.hypot(x1 - x2, y1 - y2));
    };
    const { tour, length } = solveTsp(51, distance, { seed: 1 });
    expect(new Set(tour).size).toBe(51);
    expect(tourLength(tour, distance)).toBe(length);
    expect(length).toBeGreaterThanOrEqual(EIL51_OPTIMUM);
    expect((length - EIL51_OPTIMUM) / EIL51_OPTIMUM).toBeLessThanOrEqual(0.025);
  });
});
