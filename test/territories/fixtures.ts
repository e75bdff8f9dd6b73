import { localProjection } from '../../src/domain/geo/distance.js';
import type {
  AssignTerritoriesInput,
  TerritoryOutletInput,
  TerritoryRepInput,
} from '../../src/domain/territories/assignTerritories.js';

/** Test coordinates are written in km around a fixed city centre and converted to lon/lat. */
export const CITY = localProjection(119.13, 36.71);

export function outletAt(
  id: string,
  x: number,
  y: number,
  extra: Partial<TerritoryOutletInput> = {},
): TerritoryOutletInput {
  const [lon, lat] = CITY.toLonLat(x, y);
  return {
    id,
    lon,
    lat,
    visitsPerCycle: 4,
    serviceMinutes: 12,
    lockedRepId: null,
    previousRepId: null,
    tierChanged: false,
    ...extra,
  };
}

export function repAt(id: string, x: number, y: number, capacity = 1): TerritoryRepInput {
  const [homeLon, homeLat] = CITY.toLonLat(x, y);
  return { id, homeLon, homeLat, capacity };
}

/** A square grid of `side` x `side` outlets spaced `spacing` km, its corner at (x0, y0). */
export function grid(prefix: string, side: number, spacing: number, x0 = 0, y0 = 0): TerritoryOutletInput[] {
  const outlets: TerritoryOutletInput[] = [];
  for (let a = 0; a < side; a++) {
    for (let b = 0; b < side; b++) {
      outlets.push(
        outletAt(`${prefix}${String(a * side + b).padStart(4, '0')}`, x0 + a * spacing, y0 + b * spacing),
      );
    }
  }
  return outlets;
}

export function baseInput(
  outlets: TerritoryOutletInput[],
  reps: TerritoryRepInput[],
  overrides: Partial<AssignTerritoriesInput> = {},
): AssignTerritoriesInput {
  return {
    outlets,
    reps,
    mode: 'fresh',
    balanceTolerance: 0.03,
    homeWeight: 0,
    travel: { speedKmh: 25, circuity: 1.35 },
    cycleDays: 20,
    seed: 7,
    poolId: 'T',
    ...overrides,
  };
}
