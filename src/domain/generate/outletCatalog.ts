import type { OutletTier } from '../types.js';

/**
 * The business formats the generator produces, with how each one looks in a real district: its
 * monthly volume (cartons, lognormal), where it sits in the city, and its opening hours. Formats
 * and volume ranges follow DEFAULT_POLICY's segmentation rules (src/domain/policy/defaultPolicy.ts):
 * the business type decides the tier, and volume only matters for tobacco & liquor stores
 * (600 cartons) and for small formats in the region's top 10% (those are medium).
 */

/** Where in the city outlets of a format are placed (see cityLayout.ts). */
export type PlacementKind = 'centre' | 'road' | 'night-street' | 'neighbourhood' | 'uniform';

/** One component of a placement mixture: a kind, its share and, for Gaussian kinds, a spread. */
export interface PlacementShare {
  kind: PlacementKind;
  share: number;
  /** Standard deviation in km around the centre / neighbourhood (ignored for other kinds). */
  sigmaKm?: number;
}

/** Lognormal monthly volume in cartons, clamped to [min, max] and rounded to whole cartons. */
export interface VolumeModel {
  median: number;
  sigma: number;
  min: number;
  max: number;
}

/** Opening window in minutes after midnight; `to` > 1440 for windows that end after midnight. */
export interface OpeningHours {
  from: number;
  to: number;
}

export interface FormatSpec {
  businessType: string;
  /** Tier DEFAULT_POLICY gives this format when generated with this spec's volumes. */
  tier: OutletTier;
  volume: VolumeModel;
  placement: PlacementShare[];
  /** Share of outlets of this format that publish the hours below (the rest: always open). */
  hoursShare: number;
  hours: OpeningHours | null;
}

const hhmm = (h: number, m = 0): number => h * 60 + m;

/** Large (core) formats; tobacco & liquor stores here sell 600+ cartons. */
export const LARGE_FORMATS: readonly FormatSpec[] = [
  {
    businessType: 'hypermarket',
    tier: 'large',
    volume: { median: 1500, sigma: 0.35, min: 700, max: 3000 },
    placement: [
      { kind: 'centre', share: 0.7, sigmaKm: 0.8 },
      { kind: 'road', share: 0.3 },
    ],
    hoursShare: 0,
    hours: null,
  },
  {
    businessType: 'shopping_mall',
    tier: 'large',
    volume: { median: 1100, sigma: 0.35, min: 500, max: 3000 },
    placement: [{ kind: 'centre', share: 1, sigmaKm: 0.5 }],
    hoursShare: 0,
    hours: null,
  },
  {
    businessType: 'chain_store',
    tier: 'large',
    volume: { median: 520, sigma: 0.3, min: 300, max: 1500 },
    placement: [
      { kind: 'centre', share: 0.5, sigmaKm: 1.2 },
      { kind: 'road', share: 0.2 },
      { kind: 'neighbourhood', share: 0.3, sigmaKm: 0.4 },
    ],
    hoursShare: 0,
    hours: null,
  },
  {
    businessType: 'petrol_station',
    tier: 'large',
    volume: { median: 450, sigma: 0.3, min: 300, max: 1200 },
    placement: [{ kind: 'road', share: 1 }],
    hoursShare: 0,
    hours: null,
  },
  {
    businessType: 'tobacco_liquor_store',
    tier: 'large',
    volume: { median: 850, sigma: 0.3, min: 600, max: 2500 },
    placement: [
      { kind: 'centre', share: 0.6, sigmaKm: 1.0 },
      { kind: 'road', share: 0.4 },
    ],
    hoursShare: 0,
    hours: null,
  },
];
/** Reference mix of the 76 large outlets: hypermarket, mall, chain store, petrol station, big tobacco & liquor. */
export const LARGE_MIX = [6, 4, 34, 12, 20];

/** Night venues (specialty); entertainment venues open late, restaurants at meal times. */
export const NIGHT_FORMATS: readonly FormatSpec[] = [
  {
    businessType: 'restaurant',
    tier: 'night-venue',
    volume: { median: 70, sigma: 0.5, min: 15, max: 400 },
    placement: [
      { kind: 'centre', share: 0.6, sigmaKm: 1.0 },
      { kind: 'neighbourhood', share: 0.3, sigmaKm: 0.5 },
      { kind: 'night-street', share: 0.1 },
    ],
    hoursShare: 1,
    hours: { from: hhmm(10), to: hhmm(22) },
  },
  {
    businessType: 'hotel',
    tier: 'night-venue',
    volume: { median: 110, sigma: 0.5, min: 25, max: 500 },
    placement: [
      { kind: 'centre', share: 0.8, sigmaKm: 0.9 },
      { kind: 'road', share: 0.2 },
    ],
    hoursShare: 0,
    hours: null,
  },
  {
    businessType: 'ktv',
    tier: 'night-venue',
    volume: { median: 140, sigma: 0.45, min: 40, max: 600 },
    placement: [
      { kind: 'night-street', share: 0.8 },
      { kind: 'centre', share: 0.2, sigmaKm: 0.8 },
    ],
    hoursShare: 1,
    hours: { from: hhmm(17), to: hhmm(2) + 1440 },
  },
  {
    businessType: 'bar',
    tier: 'night-venue',
    volume: { median: 85, sigma: 0.45, min: 20, max: 400 },
    placement: [
      { kind: 'night-street', share: 0.85 },
      { kind: 'centre', share: 0.15, sigmaKm: 0.8 },
    ],
    hoursShare: 1,
    hours: { from: hhmm(17), to: hhmm(2) + 1440 },
  },
  {
    businessType: 'club',
    tier: 'night-venue',
    volume: { median: 180, sigma: 0.45, min: 50, max: 800 },
    placement: [{ kind: 'night-street', share: 1 }],
    hoursShare: 1,
    hours: { from: hhmm(19), to: hhmm(3) + 1440 },
  },
];
/** Reference mix of the 120 night venues: about 45 restaurants, 15 hotels, 25 KTV, 25 bars, 10 clubs. */
export const NIGHT_MIX = [45, 15, 25, 25, 10];

/** Medium (potential) formats; tobacco & liquor stores here stay under 600 cartons. */
export const MEDIUM_FORMATS: readonly FormatSpec[] = [
  {
    businessType: 'supermarket',
    tier: 'medium',
    volume: { median: 210, sigma: 0.45, min: 60, max: 600 },
    placement: [
      { kind: 'neighbourhood', share: 0.75, sigmaKm: 0.6 },
      { kind: 'centre', share: 0.15, sigmaKm: 1.2 },
      { kind: 'uniform', share: 0.1 },
    ],
    hoursShare: 0,
    hours: null,
  },
  {
    businessType: 'convenience_store',
    tier: 'medium',
    volume: { median: 140, sigma: 0.4, min: 60, max: 500 },
    placement: [
      { kind: 'neighbourhood', share: 0.7, sigmaKm: 0.6 },
      { kind: 'centre', share: 0.2, sigmaKm: 1.0 },
      { kind: 'uniform', share: 0.1 },
    ],
    hoursShare: 0,
    hours: null,
  },
  {
    businessType: 'tobacco_liquor_store',
    tier: 'medium',
    volume: { median: 260, sigma: 0.35, min: 120, max: 590 },
    placement: [
      { kind: 'neighbourhood', share: 0.6, sigmaKm: 0.6 },
      { kind: 'road', share: 0.25 },
      { kind: 'centre', share: 0.15, sigmaKm: 1.2 },
    ],
    hoursShare: 0,
    hours: null,
  },
  {
    businessType: 'tobacco_liquor_shop',
    tier: 'medium',
    volume: { median: 170, sigma: 0.4, min: 60, max: 550 },
    placement: [
      { kind: 'neighbourhood', share: 0.8, sigmaKm: 0.6 },
      { kind: 'uniform', share: 0.2 },
    ],
    hoursShare: 0,
    hours: null,
  },
];
/** Mix of medium formats (shares of the medium tier that are not high-value small formats). */
export const MEDIUM_MIX = [15, 40, 15, 30];

/** Small (basic) formats; their volume decides whether the percentile rule lifts them to medium. */
export const SMALL_FORMATS: readonly FormatSpec[] = [
  {
    businessType: 'grocery',
    tier: 'small',
    volume: { median: 45, sigma: 0.5, min: 10, max: 150 },
    placement: [
      { kind: 'neighbourhood', share: 0.65, sigmaKm: 0.8 },
      { kind: 'uniform', share: 0.35 },
    ],
    hoursShare: 0,
    hours: null,
  },
  {
    businessType: 'side_seller',
    tier: 'small',
    volume: { median: 22, sigma: 0.55, min: 5, max: 100 },
    placement: [
      { kind: 'neighbourhood', share: 0.6, sigmaKm: 0.9 },
      { kind: 'uniform', share: 0.4 },
    ],
    hoursShare: 0,
    hours: null,
  },
  {
    businessType: 'newsstand',
    tier: 'small',
    volume: { median: 28, sigma: 0.45, min: 8, max: 100 },
    placement: [
      { kind: 'centre', share: 0.4, sigmaKm: 1.5 },
      { kind: 'road', share: 0.3 },
      { kind: 'neighbourhood', share: 0.3, sigmaKm: 0.6 },
    ],
    hoursShare: 0.4,
    hours: { from: hhmm(7), to: hhmm(18) },
  },
  {
    businessType: 'kiosk',
    tier: 'small',
    volume: { median: 32, sigma: 0.5, min: 8, max: 120 },
    placement: [
      { kind: 'neighbourhood', share: 0.5, sigmaKm: 0.7 },
      { kind: 'road', share: 0.2 },
      { kind: 'uniform', share: 0.3 },
    ],
    hoursShare: 0.2,
    hours: { from: hhmm(8), to: hhmm(20) },
  },
];
/** Mix of the small tier's formats. */
export const SMALL_MIX = [45, 30, 10, 15];
/** Mix of small formats among the high-value ones the percentile rule lifts to medium. */
export const HIGH_VALUE_SMALL_MIX = [60, 25, 5, 10];

/** Reference tier counts for 1,399 outlets: large, night-venue, medium, small. */
export const REFERENCE_TIER_COUNTS = { large: 76, 'night-venue': 120, medium: 720, small: 483 } as const;

/**
 * Share of the medium tier made of small formats in the region's top 10% by volume (the
 * `small-high-value` rule): busy groceries and stalls that the practice treats as potential.
 */
export const HIGH_VALUE_SMALL_SHARE = 0.05;
