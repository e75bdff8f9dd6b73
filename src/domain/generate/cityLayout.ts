import type { Random } from '../random.js';
import type { PlacementKind } from './outletCatalog.js';

/**
 * The synthetic city's skeleton in local km (origin at the region centre, x east, y north):
 * commercial centres, main roads, night-life streets and residential neighbourhoods. Outlets are
 * drawn around these so the data clusters like a real city rather than a uniform scatter.
 */
export interface CityLayout {
  widthKm: number;
  heightKm: number;
  centres: WeightedPoint[];
  /** Main roads as straight segments across the region. */
  roads: Segment[];
  /** Night-life streets: short segments near centres where KTV, bars and clubs line up. */
  nightStreets: Segment[];
  neighbourhoods: WeightedPoint[];
}

export interface WeightedPoint {
  x: number;
  y: number;
  weight: number;
}

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Reference district size; counts of centres, streets and neighbourhoods scale with the area. */
const REFERENCE_AREA_KM2 = 15 * 12;
const CENTRES_PER_REFERENCE = 3;
const NIGHT_STREETS_PER_REFERENCE = 5;
const NEIGHBOURHOODS_PER_REFERENCE = 28;
const ROAD_SPACING_KM = 4;
/** How far (km) from its street a night venue sits: the width of a street front. */
const STREET_HALF_WIDTH_KM = 0.04;
/** How far (km) from a main road a roadside outlet sits. */
const ROADSIDE_KM = 0.06;
/** Rejection attempts before a point that keeps falling outside is clamped into the region. */
const MAX_ATTEMPTS = 12;

function gaussianAround(
  rng: Random,
  cx: number,
  cy: number,
  sigmaX: number,
  sigmaY: number,
): [number, number] {
  return [cx + rng.normal() * sigmaX, cy + rng.normal() * sigmaY];
}

/**
 * Draws a city skeleton for a `widthKm` x `heightKm` region: the main commercial centre near the
 * middle and further centres in the inner 70%, a grid of main roads with jitter, night-life
 * streets near centres, and neighbourhoods concentrated towards the middle (so edges are sparser),
 * each with a lognormal size weight. Deterministic for a given random source.
 */
export function buildCityLayout(rng: Random, widthKm: number, heightKm: number): CityLayout {
  const areaFactor = (widthKm * heightKm) / REFERENCE_AREA_KM2;
  const halfW = widthKm / 2;
  const halfH = heightKm / 2;
  const inside = (x: number, y: number, margin: number): boolean =>
    Math.abs(x) <= halfW - margin && Math.abs(y) <= halfH - margin;

  const centres: WeightedPoint[] = [
    { x: rng.normal() * 0.05 * widthKm, y: rng.normal() * 0.05 * heightKm, weight: 2 },
  ];
  const centreCount = Math.max(1, Math.round(CENTRES_PER_REFERENCE * areaFactor));
  while (centres.length < centreCount) {
    const x = rng.range(-0.7, 0.7) * halfW;
    const y = rng.range(-0.7, 0.7) * halfH;
    centres.push({ x, y, weight: 0.6 + rng.next() });
  }

  const roads: Segment[] = [];
  const roadsAcross = (span: number): number[] => {
    const count = Math.max(2, Math.round(span / ROAD_SPACING_KM));
    const spacing = span / count;
    return Array.from(
      { length: count },
      (_, i) => -span / 2 + spacing * (i + 0.5) + rng.normal() * spacing * 0.15,
    );
  };
  for (const y of roadsAcross(heightKm)) {
    const tilt = rng.normal() * 0.04 * heightKm;
    roads.push({ x1: -halfW, y1: y - tilt, x2: halfW, y2: y + tilt });
  }
  for (const x of roadsAcross(widthKm)) {
    const tilt = rng.normal() * 0.04 * widthKm;
    roads.push({ x1: x - tilt, y1: -halfH, x2: x + tilt, y2: halfH });
  }

  const nightStreets: Segment[] = [];
  const streetCount = Math.max(1, Math.round(NIGHT_STREETS_PER_REFERENCE * areaFactor));
  for (let i = 0; i < streetCount; i++) {
    const centre = centres[i % centres.length] as WeightedPoint;
    let mx = 0;
    let my = 0;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      [mx, my] = gaussianAround(rng, centre.x, centre.y, 1.2, 1.2);
      if (inside(mx, my, 1)) break;
    }
    const angle = rng.range(0, Math.PI);
    const half = rng.range(0.3, 0.9);
    nightStreets.push({
      x1: mx - Math.cos(angle) * half,
      y1: my - Math.sin(angle) * half,
      x2: mx + Math.cos(angle) * half,
      y2: my + Math.sin(angle) * half,
    });
  }

  const neighbourhoods: WeightedPoint[] = [];
  // Keeps neighbourhood centres off the very edge, without starving tiny regions of room.
  const neighbourhoodMargin = Math.min(0.3, 0.1 * halfW, 0.1 * halfH);
  const neighbourhoodCount = Math.max(3, Math.round(NEIGHBOURHOODS_PER_REFERENCE * areaFactor));
  while (neighbourhoods.length < neighbourhoodCount) {
    let x: number;
    let y: number;
    if (rng.next() < 0.7) [x, y] = gaussianAround(rng, 0, 0, widthKm / 3.5, heightKm / 3.5);
    else [x, y] = [rng.range(-halfW, halfW), rng.range(-halfH, halfH)];
    if (!inside(x, y, neighbourhoodMargin)) continue;
    neighbourhoods.push({ x, y, weight: Math.exp(rng.normal() * 0.5) });
  }

  return { widthKm, heightKm, centres, roads, nightStreets, neighbourhoods };
}

/** Cumulative weights for O(log n) weighted picks (neighbourhood counts reach the thousands). */
export class WeightedPicker {
  private readonly cumulative: Float64Array;

  constructor(weights: readonly number[]) {
    this.cumulative = new Float64Array(weights.length);
    let total = 0;
    weights.forEach((w, i) => {
      total += w;
      this.cumulative[i] = total;
    });
  }

  /** Index drawn with probability proportional to its weight. */
  pick(rng: Random): number {
    const n = this.cumulative.length;
    const target = rng.next() * (this.cumulative[n - 1] ?? 0);
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Draws points of a placement kind inside a city layout. */
export interface PointSampler {
  sample(kind: PlacementKind, sigmaKm: number, rng: Random): [x: number, y: number];
}

function pointOnSegment(rng: Random, s: Segment, offsetSigma: number): [number, number] {
  const t = rng.next();
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  const length = Math.hypot(dx, dy) || 1;
  const offset = rng.normal() * offsetSigma;
  return [s.x1 + dx * t - (dy / length) * offset, s.y1 + dy * t + (dx / length) * offset];
}

/**
 * A sampler over `layout`: `centre` and `neighbourhood` are Gaussian around a weighted pick,
 * `road` and `night-street` lie along a segment with a small sideways offset, `uniform` is spread
 * over the whole region. Points falling outside are redrawn and finally clamped, so every point
 * lies inside the region.
 */
export function createPointSampler(layout: CityLayout): PointSampler {
  const halfW = layout.widthKm / 2;
  const halfH = layout.heightKm / 2;
  const centrePicker = new WeightedPicker(layout.centres.map((c) => c.weight));
  const neighbourhoodPicker = new WeightedPicker(layout.neighbourhoods.map((n) => n.weight));
  const roadPicker = new WeightedPicker(layout.roads.map((s) => Math.hypot(s.x2 - s.x1, s.y2 - s.y1)));
  const streetPicker = new WeightedPicker(layout.nightStreets.map(() => 1));

  const drawOnce = (kind: PlacementKind, sigmaKm: number, rng: Random): [number, number] => {
    switch (kind) {
      case 'centre': {
        const c = layout.centres[centrePicker.pick(rng)] as WeightedPoint;
        return gaussianAround(rng, c.x, c.y, sigmaKm, sigmaKm);
      }
      case 'neighbourhood': {
        const n = layout.neighbourhoods[neighbourhoodPicker.pick(rng)] as WeightedPoint;
        return gaussianAround(rng, n.x, n.y, sigmaKm, sigmaKm);
      }
      case 'road':
        return pointOnSegment(rng, layout.roads[roadPicker.pick(rng)] as Segment, ROADSIDE_KM);
      case 'night-street':
        return pointOnSegment(
          rng,
          layout.nightStreets[streetPicker.pick(rng)] as Segment,
          STREET_HALF_WIDTH_KM,
        );
      case 'uniform':
        return [rng.range(-halfW, halfW), rng.range(-halfH, halfH)];
    }
  };

  return {
    sample(kind, sigmaKm, rng) {
      let point = drawOnce(kind, sigmaKm, rng);
      for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
        if (Math.abs(point[0]) <= halfW && Math.abs(point[1]) <= halfH) return point;
        point = drawOnce(kind, sigmaKm, rng);
      }
      return [Math.min(halfW, Math.max(-halfW, point[0])), Math.min(halfH, Math.max(-halfH, point[1]))];
    },
  };
}
