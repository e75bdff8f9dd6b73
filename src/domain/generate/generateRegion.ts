import { moveToRemoteVillages } from './remoteVillages.js';
import { localProjection } from '../geo/distance.js';
import { createRandom, type Random } from '../random.js';
import {
  OUTLET_TIERS,
  REP_TIERS,
  type LonLat,
  type Outlet,
  type OutletTier,
  type Rep,
  type RepTier,
} from '../types.js';
import { apportion } from './apportion.js';
import { buildCityLayout, createPointSampler, type CityLayout } from './cityLayout.js';
import { createDistrictGrid } from './districtGrid.js';
import { enforceHighValueSplit, type VolumeRole } from './highValueSplit.js';
import { hilbertGroupCentroids } from './hilbertGroups.js';
import {
  HIGH_VALUE_SMALL_MIX,
  HIGH_VALUE_SMALL_SHARE,
  LARGE_FORMATS,
  LARGE_MIX,
  MEDIUM_FORMATS,
  MEDIUM_MIX,
  NIGHT_FORMATS,
  NIGHT_MIX,
  REFERENCE_TIER_COUNTS,
  SMALL_FORMATS,
  SMALL_MIX,
  type FormatSpec,
  type OpeningHours,
  type VolumeModel,
} from './outletCatalog.js';
import { BUSINESS_TYPES_ZH, type RegionLanguage } from './nameWords.js';
import { createOutletNamer, repName } from './outletNames.js';
import { staffReps } from './repStaffing.js';

export interface GenerateRegionOptions {
  /** Number of outlets (all active). */
  outlets: number;
  /** Number of reps (at least 4: one per tier). */
  reps: number;
  /** Seed of the generator: the same options always give the same region. */
  seed: number;
  /** Place name used in shop signs and the outlet id prefix; default `kuiwen` (ids `KW00001`...). */
  name?: string;
  /** Region centre [lon, lat]; default 119.13 E, 36.71 N. */
  center?: LonLat;
  /** Region width in km; default 15 km, scaled by sqrt(outlets / 1399) above 1,399 outlets. */
  widthKm?: number;
  /** Region height in km; default 12 km (or 0.8 x widthKm), scaled like the width. */
  heightKm?: number;
  /**
   * Remote villages of 5 small shops each, 25-40 km from the centre (outside the region's
   * bounds; see remoteVillages.ts); default 0.
   */
  remoteVillages?: number;
  /**
   * Language of names and business types: `en` (default) or `zh` (王记食杂店, 食杂店...). The
   * same options in either language give the same outlets, positions, volumes, hours and reps;
   * only the words differ.
   */
  lang?: RegionLanguage;
}

export interface GeneratedRegion {
  outlets: Outlet[];
  reps: Rep[];
}

/** The rectangle a generated region occupies; every outlet (remote villages excepted) and rep home lies inside it. */
export interface RegionBounds {
  center: LonLat;
  widthKm: number;
  heightKm: number;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

const DEFAULT_CENTER: LonLat = [119.13, 36.71];
const DEFAULT_NAME = 'kuiwen';
const REFERENCE_OUTLETS = 1399;
const REFERENCE_WIDTH_KM = 15;
const REFERENCE_HEIGHT_KM = 12;
/** The percentile of DEFAULT_POLICY's `small-high-value` rule. */
const HIGH_VALUE_PERCENTILE = 90;
const MAX_OUTLETS = 5_000_000;
const COORDINATE_SCALE = 1e6;

/** Rounds to the 6 decimals written to the CSV, so generated and re-loaded outlets are equal. */
const round6 = (v: number): number => Math.round(v * COORDINATE_SCALE) / COORDINATE_SCALE;

function checkOptions(options: GenerateRegionOptions): void {
  const { outlets, reps, seed, widthKm, heightKm, center } = options;
  if (!Number.isInteger(outlets) || outlets < 1 || outlets > MAX_OUTLETS) {
    throw new Error(`generateRegion: outlets must be a whole number in 1..${MAX_OUTLETS}, got ${outlets}`);
  }
  if (!Number.isInteger(reps) || reps < 4) {
    throw new Error(`generateRegion: reps must be a whole number >= 4 (one per tier A-D), got ${reps}`);
  }
  if (!Number.isInteger(seed)) throw new Error(`generateRegion: seed must be a whole number, got ${seed}`);
  const { remoteVillages } = options;
  if (
    remoteVillages !== undefined &&
    !(Number.isInteger(remoteVillages) && remoteVillages >= 0 && remoteVillages <= 100)
  ) {
    throw new Error(`generateRegion: remoteVillages must be a whole number in 0..100, got ${remoteVillages}`);
  }
  for (const [key, value] of [
    ['widthKm', widthKm],
    ['heightKm', heightKm],
  ] as const) {
    if (value !== undefined && !(value > 0 && value <= 2000)) {
      throw new Error(`generateRegion: ${key} must be in (0, 2000] km, got ${value}`);
    }
  }
  if (center && !(Math.abs(center[0]) <= 180 && Math.abs(center[1]) <= 80)) {
    throw new Error(
      `generateRegion: center must be [lon, lat] with |lon| <= 180 and |lat| <= 80, got [${center.join(', ')}]`,
    );
  }
}

/**
 * The rectangle `generateRegion(options)` fills: the given size, or the reference 15 x 12 km
 * district scaled by sqrt(outlets / 1399) for bigger cities so outlet density stays city-like.
 * Bounds are rounded inwards to 6 decimals, the precision of the CSV files.
 */
export function regionBounds(options: GenerateRegionOptions): RegionBounds {
  const scale = Math.sqrt(Math.max(1, options.outlets / REFERENCE_OUTLETS));
  const widthKm = options.widthKm ?? (options.heightKm ? options.heightKm / 0.8 : REFERENCE_WIDTH_KM * scale);
  const heightKm =
    options.heightKm ?? (options.widthKm ? options.widthKm * 0.8 : REFERENCE_HEIGHT_KM * scale);
  const center = options.center ?? DEFAULT_CENTER;
  const projection = localProjection(center[0], center[1]);
  const [west, south] = projection.toLonLat(-widthKm / 2, -heightKm / 2);
  const [east, north] = projection.toLonLat(widthKm / 2, heightKm / 2);
  return {
    center,
    widthKm,
    heightKm,
    minLon: Math.ceil(west * COORDINATE_SCALE) / COORDINATE_SCALE,
    minLat: Math.ceil(south * COORDINATE_SCALE) / COORDINATE_SCALE,
    maxLon: Math.floor(east * COORDINATE_SCALE) / COORDINATE_SCALE,
    maxLat: Math.floor(north * COORDINATE_SCALE) / COORDINATE_SCALE,
  };
}

/** Outlet tier counts for `total` outlets in the reference proportions 76 : 120 : 720 : 483. */
export function referenceTierCounts(total: number): Record<OutletTier, number> {
  const parts = apportion(
    total,
    OUTLET_TIERS.map((tier) => REFERENCE_TIER_COUNTS[tier]),
  );
  return Object.fromEntries(OUTLET_TIERS.map((tier, i) => [tier, parts[i] ?? 0])) as Record<
    OutletTier,
    number
  >;
}

/** `kuiwen` -> `KW`: the first letter and the first consonant after the first vowel. */
function idPrefix(name: string): string {
  const letters = name.toUpperCase().replace(/[^A-Z]/g, '');
  const match = /^([A-Z])[^AEIOU]*[AEIOU]+([^AEIOU])/.exec(letters);
  if (match) return `${match[1]}${match[2]}`;
  return (letters + 'XX').slice(0, 2);
}

/** `kuiwen-sample` -> `Kuiwen`: the first word, capitalised, as it appears on shop signs. */
function placeName(name: string): string {
  const word = /[A-Za-z]+/.exec(name)?.[0] ?? 'Kuiwen';
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** The Chinese word of a generated business type (every type of outletCatalog.ts has one). */
function businessTypeZh(type: string): string {
  const word = BUSINESS_TYPES_ZH[type];
  if (word === undefined) throw new Error(`generateRegion: no Chinese word for business type ${type}`);
  return word;
}

function drawVolume(model: VolumeModel, rng: Random): number {
  const raw = model.median * Math.exp(model.sigma * rng.normal());
  return Math.round(Math.min(model.max, Math.max(model.min, raw)));
}

interface DraftOutlet {
  spec: FormatSpec;
  role: VolumeRole;
  x: number;
  y: number;
  hours: OpeningHours | null;
}

/** The tier DEFAULT_POLICY gives a draft once its volume is settled. */
function draftTier(draft: DraftOutlet): OutletTier {
  return draft.role === 'small-high' ? 'medium' : draft.spec.tier;
}

function volumeRole(spec: FormatSpec, highValue: boolean): VolumeRole {
  if (spec.tier === 'small') return highValue ? 'small-high' : 'small-low';
  // Tobacco & liquor stores are tiered by the 600-carton line, so their volumes must stay put.
  if (spec.tier === 'medium' && spec.businessType !== 'tobacco_liquor_store') return 'swappable';
  return 'fixed';
}

/** Draft outlets of a tier: formats in the given mix, placed and timed by their spec. */
function draftFormats(
  specs: readonly FormatSpec[],
  mix: readonly number[],
  count: number,
  highValue: boolean,
  sampler: ReturnType<typeof createPointSampler>,
  rng: Random,
): DraftOutlet[] {
  const drafts: DraftOutlet[] = [];
  apportion(count, mix).forEach((formatCount, f) => {
    const spec = specs[f] as FormatSpec;
    for (let k = 0; k < formatCount; k++) {
      let r = rng.next();
      let share = spec.placement[spec.placement.length - 1];
      for (const candidate of spec.placement) {
        if (r < candidate.share) {
          share = candidate;
          break;
        }
        r -= candidate.share;
      }
      const [x, y] = sampler.sample(share?.kind ?? 'uniform', share?.sigmaKm ?? 0.5, rng);
      const hours = spec.hours && rng.next() < spec.hoursShare ? spec.hours : null;
      drafts.push({ spec, role: volumeRole(spec, highValue), x, y, hours });
    }
  });
  return drafts;
}

/**
 * Volumes for all drafts: lognormal by format, then high-value small formats are set just above
 * the expected 90th percentile (computed as if they were the largest volumes), and finally the
 * split is made exact by enforceHighValueSplit.
 */
function assignVolumes(drafts: readonly DraftOutlet[], rng: Random): number[] {
  const volumes = drafts.map((d) => (d.role === 'small-high' ? 0 : drawVolume(d.spec.volume, rng)));
  const others = volumes.filter((_, i) => drafts[i]?.role !== 'small-high');
  const highCount = drafts.length - others.length;
  if (highCount > 0) {
    const maxOther = others.reduce((a, b) => Math.max(a, b), 0);
    // Placeholders above every real volume stand in for the high-value outlets.
    const sorted = new Float64Array(others.length + highCount).fill(maxOther + 1e6);
    sorted.set(others);
    sorted.sort();
    const rank = (HIGH_VALUE_PERCENTILE / 100) * (sorted.length - 1);
    const expected = Math.min(maxOther, sorted[Math.ceil(rank)] ?? maxOther);
    drafts.forEach((d, i) => {
      if (d.role === 'small-high')
        volumes[i] = Math.ceil(expected) + 1 + Math.round(40 * Math.exp(0.6 * rng.normal()));
    });
  }
  enforceHighValueSplit(
    volumes,
    drafts.map((d) => d.role),
    HIGH_VALUE_PERCENTILE,
    rng,
  );
  return volumes;
}

/**
 * Home/office anchors per rep tier: A at the commercial centres (main centre first), B by the
 * night-life streets, C and D at the centroids of compact equal shares of the medium and small
 * outlets, so every C/D rep starts near the roughly 120 outlets they will likely serve.
 */
function repAnchors(
  layout: CityLayout,
  tier: RepTier,
  count: number,
  tierPoints: ReadonlyArray<readonly [number, number]>,
): Array<[number, number]> {
  const cycle = (points: ReadonlyArray<[number, number]>): Array<[number, number]> =>
    Array.from({ length: count }, (_, i) => points[i % points.length] as [number, number]);
  switch (tier) {
    case 'A':
      return cycle([...layout.centres].sort((a, b) => b.weight - a.weight).map((c) => [c.x, c.y]));
    case 'B':
      return cycle(layout.nightStreets.map((s) => [(s.x1 + s.x2) / 2, (s.y1 + s.y2) / 2]));
    case 'C':
    case 'D': {
      const anchors = hilbertGroupCentroids(tierPoints, count);
      return anchors.length > 0 ? anchors : cycle(layout.neighbourhoods.map((n) => [n.x, n.y]));
    }
  }
}

/**
 * Generates a synthetic but city-like region: `outlets` active outlets and `reps` reps around
 * 119.13 E, 36.71 N (a 15 x 12 km district, larger for bigger cities). Outlets cluster around
 * commercial centres (large formats, restaurants, hotels), along main roads (petrol stations),
 * on night-life streets (KTV, bars, clubs, with evening opening hours) and in neighbourhoods
 * (medium and small formats), with sparser edges. Tier counts follow the reference practice
 * exactly under DEFAULT_POLICY (1,399 outlets -> 76 large, 120 night-venue, 720 medium, 483
 * small; other sizes proportionally); staffing follows A 1 : B 1 : C 6 : D 4. Each outlet's
 * `district` is an administrative grid label (D01..D12 for the reference size). `lang: 'zh'`
 * writes names and business types in Chinese without changing anything else. Pure and
 * deterministic: the same options give the same region.
 */
export function generateRegion(options: GenerateRegionOptions): GeneratedRegion {
  checkOptions(options);
  const rng = createRandom(options.seed);
  const bounds = regionBounds(options);
  const { widthKm, heightKm, center } = bounds;
  const projection = localProjection(center[0], center[1]);
  const layout = buildCityLayout(rng, widthKm, heightKm);
  const sampler = createPointSampler(layout);
  const districts = createDistrictGrid(widthKm, heightKm);
  const name = options.name ?? DEFAULT_NAME;

  const tiers = referenceTierCounts(options.outlets);
  const highValueSmall = Math.round(tiers.medium * HIGH_VALUE_SMALL_SHARE);
  const drafts = [
    ...draftFormats(LARGE_FORMATS, LARGE_MIX, tiers.large, false, sampler, rng),
    ...draftFormats(NIGHT_FORMATS, NIGHT_MIX, tiers['night-venue'], false, sampler, rng),
    ...draftFormats(MEDIUM_FORMATS, MEDIUM_MIX, tiers.medium - highValueSmall, false, sampler, rng),
    ...draftFormats(SMALL_FORMATS, HIGH_VALUE_SMALL_MIX, highValueSmall, true, sampler, rng),
    ...draftFormats(SMALL_FORMATS, SMALL_MIX, tiers.small, false, sampler, rng),
  ];
  const volumes = assignVolumes(drafts, rng);

  // Real exports are not sorted by format: shuffle before numbering.
  const order = rng.shuffle(Array.from(drafts.keys()));
  const prefix = idPrefix(name);
  const idDigits = Math.max(5, String(options.outlets).length);
  const lang = options.lang ?? 'en';
  const namer = createOutletNamer(placeName(name), lang);
  const place = (x: number, y: number): LonLat => {
    const [lon, lat] = projection.toLonLat(x, y);
    return [
      Math.min(bounds.maxLon, Math.max(bounds.minLon, round6(lon))),
      Math.min(bounds.maxLat, Math.max(bounds.minLat, round6(lat))),
    ];
  };
  const outlets: Outlet[] = order.map((draftIndex, i) => {
    const draft = drafts[draftIndex] as DraftOutlet;
    const [lon, lat] = place(draft.x, draft.y);
    return {
      id: `${prefix}${String(i + 1).padStart(idDigits, '0')}`,
      name: namer.next(draft.spec.businessType, rng),
      lon,
      lat,
      businessType: draft.spec.businessType,
      monthlyVolume: volumes[draftIndex] as number,
      status: 'active',
      lockedRepId: null,
      openFrom: draft.hours?.from ?? null,
      openTo: draft.hours?.to ?? null,
      district: districts.labelAt(draft.x, draft.y),
      line: i + 2,
    };
  });

  const staffing = staffReps(options.reps, tiers);
  const repDigits = Math.max(2, String(options.reps).length);
  const usedNames = new Set<string>();
  const reps: Rep[] = [];
  const mediumPoints: Array<[number, number]> = [];
  const smallPoints: Array<[number, number]> = [];
  for (const d of drafts) {
    const tier = draftTier(d);
    if (tier === 'medium') mediumPoints.push([d.x, d.y]);
    else if (tier === 'small') smallPoints.push([d.x, d.y]);
  }
  const halfW = widthKm / 2;
  const halfH = heightKm / 2;
  for (const tier of REP_TIERS) {
    const tierPoints = tier === 'C' ? mediumPoints : tier === 'D' ? smallPoints : [];
    for (const [anchorX, anchorY] of repAnchors(layout, tier, staffing[tier], tierPoints)) {
      const x = Math.min(halfW, Math.max(-halfW, anchorX + rng.normal() * 0.2));
      const y = Math.min(halfH, Math.max(-halfH, anchorY + rng.normal() * 0.2));
      // Names are checked for repeats in English whatever the language, so the draws (and every
      // rep home after them) are the same in both; the Chinese names repeat exactly when those do.
      let drawn = repName(rng);
      for (let attempt = 0; usedNames.has(drawn.en) && attempt < 20; attempt++) drawn = repName(rng);
      const repeat = usedNames.has(drawn.en) ? ` ${reps.length + 1}` : '';
      usedNames.add(`${drawn.en}${repeat}`);
      const repFullName = `${drawn[lang]}${repeat}`;
      const [homeLon, homeLat] = place(x, y);
      reps.push({
        id: `R${String(reps.length + 1).padStart(repDigits, '0')}`,
        name: repFullName,
        tier,
        homeLon,
        homeLat,
        dailyMinutes: null,
        workingDays: null,
        capacity: 1,
        line: reps.length + 2,
      });
    }
  }
  // Villages choose their shops by (English) business type, so the words change last.
  const placed = moveToRemoteVillages(outlets, options.remoteVillages ?? 0, center, options.seed);
  return {
    outlets:
      lang === 'zh' ? placed.map((o) => ({ ...o, businessType: businessTypeZh(o.businessType) })) : placed,
    reps,
  };
}
