import type { Position } from '../artifacts/geoJson.js';
import type { TerritoryFeature } from '../artifacts/renderTerritoriesGeoJson.js';

/** Vertices closer than about this (degrees, ~1 m) count as the same point of a shared border. */
const TOUCH_DEG = 1e-5;

function exteriorRings(feature: TerritoryFeature): Position[][] {
  const g = feature.geometry;
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).map((rings) => rings[0] ?? []);
}

/**
 * Which territories of the same pool touch: pairs of feature indexes (i < j, sorted) whose
 * outlines share a border vertex, or have vertices within about 1 m of each other. The outlines
 * of a pool are a partition (neighbours share their border vertices), so this finds every pair
 * that shares a border, and also pairs that meet at a single point. Territories of different
 * pools overlap by design and are never paired. Linear in the number of vertices (a hash grid).
 */
export function touchingTerritories(features: readonly TerritoryFeature[]): Array<[number, number]> {
  const cells = new Map<string, Set<number>>();
  features.forEach((feature, index) => {
    for (const ring of exteriorRings(feature)) {
      for (const [lon, lat] of ring) {
        const key = `${Math.floor(lon / TOUCH_DEG)},${Math.floor(lat / TOUCH_DEG)}`;
        const owners = cells.get(key) ?? new Set<number>();
        owners.add(index);
        cells.set(key, owners);
      }
    }
  });
  const pairs = new Set<number>();
  const n = features.length;
  const link = (a: number, b: number): void => {
    if (a === b || features[a]?.properties.pool !== features[b]?.properties.pool) return;
    pairs.add(Math.min(a, b) * n + Math.max(a, b));
  };
  for (const [key, owners] of cells) {
    const [cx, cy] = key.split(',').map(Number) as [number, number];
    // A vertex pair straddling a cell edge: look at the cell itself and its 8 neighbours.
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const other = dx === 0 && dy === 0 ? owners : cells.get(`${cx + dx},${cy + dy}`);
        if (!other) continue;
        for (const a of owners) for (const b of other) link(a, b);
      }
    }
  }
  return [...pairs].sort((a, b) => a - b).map((p) => [Math.floor(p / n), p % n]);
}
