import type { MapTiles } from '../../config/mapTiles.js';
import { DEFAULT_REPORT_LOCALE, type ReportLocale } from '../../i18n/reportLocale.js';
import type { Plan } from '../../domain/plan/planTypes.js';
import { WEEKDAYS, type OutletTier, type RepTier, type Weekday } from '../../domain/types.js';
import type { FeatureCollection } from '../artifacts/geoJson.js';
import type { ChangesFile } from '../artifacts/renderChanges.js';
import type { PlanSummaryFile } from '../artifacts/renderSummary.js';
import type { TerritoryFeature } from '../artifacts/renderTerritoriesGeoJson.js';
import { reportOutlines, type ReportOutline } from './mapReportOutlines.js';
import { dayColors } from './dayColors.js';
import { buildReportReview, CHANGE_KINDS, type ReportReview } from './mapReportReview.js';
import { buildReportRoutes, type ReportRoutes } from './mapReportRoutes.js';
import { COORDINATE_UNITS_PER_DEGREE, QuantizedCoordinates } from './quantizedCoordinates.js';
import { repColors } from './repColors.js';
import { touchingTerritories } from './territoryAdjacency.js';
import { localiseWarning } from '../../i18n/localiseWarning.js';

/** One rep as the report shows it. */
export interface ReportRep {
  id: string;
  name: string;
  tier: RepTier;
  pool: string | null;
  /** Display colour; reps whose territories touch never share one (repColors). */
  color: string;
  /** Home in quantised coordinates [x, y]. */
  home: [number, number];
  outlets: number;
  visits: number;
  routeDays: number;
  visitsPerDay: number | null;
  km: number;
  totalMinutes: number;
  loadMinutes: number | null;
  targetMinutes: number | null;
  balance: number | null;
  overBudgetDays: number;
  flags: string[];
}

/** The plan's outlets, column by column (outlet i at index i of every array). */
export interface ReportOutlets {
  id: string[];
  name: string[];
  /** Index into MapReportData.tiers. */
  tier: number[];
  /** Index into MapReportData.reps, or -1 when unassigned. */
  rep: number[];
  /** Index into MapReportData.pools, or -1 when no pool serves it. */
  pool: number[];
  /** Quantised coordinates (see MapReportData.origin). */
  x: number[];
  y: number[];
}

/** Everything the map page needs, embedded as JSON in map.html. */
export interface MapReportData {
  region: string;
  generatedAt: string;
  mode: string;
  inputHash: string;
  tiers: OutletTier[];
  weekdays: readonly Weekday[];
  changeKinds: readonly string[];
  totals: PlanSummaryFile['totals'];
  balance: PlanSummaryFile['balance'];
  outletTiers: PlanSummaryFile['outletTiers'];
  /** Per pool: reps, outlets and how much of the reps' working time the routes use. */
  poolStaffing: PlanSummaryFile['pools'];
  /** Pool ids in plan order (for the pool filter). */
  pools: string[];
  /** The pool the map opens on: the first pool with outlets ('' = all pools, when none has). */
  defaultPool: string;
  /**
   * Coordinates are whole numbers: lon = origin[0] + x / unitsPerDegree, lat = origin[1] +
   * y / unitsPerDegree (QuantizedCoordinates).
   */
  origin: [number, number];
  unitsPerDegree: number;
  reps: ReportRep[];
  outlets: ReportOutlets;
  territories: ReportOutline[];
  routes: ReportRoutes;
  /** One colour per entry of `routes.cycleDays` (dayColors), for the "all routes" view. */
  dayColors: string[];
  review: ReportReview;
  /** The deployment's tile server (MAP_TILE_URL), or null: no basemap, no network. */
  basemap: MapTiles | null;
  /** The plan's warnings in the page's language (localiseWarning; as written when no template covers one). */
  warnings: string[];
}

/** What the map report is made from. */
export interface MapReportInput {
  plan: Plan;
  summary: PlanSummaryFile;
  changes: ChangesFile;
  territories: FeatureCollection<TerritoryFeature>;
  /** The plan the changes are against (null for a first plan). */
  previous: Plan | null;
  /** The previous plan's territory outlines, for the "before" outlines (null: none drawn). */
  previousTerritories: FeatureCollection<TerritoryFeature> | null;
  /** The version name of `previous`, when it is a published version. */
  previousVersion: string | null;
  basemap: MapTiles | null;
  /** Language and time zone of the page (default English, UTC). */
  locale?: ReportLocale;
  /** The pool this page shows, when it is one part of a split report (named in its heading). */
  part?: string;
}

/**
 * The reps as the map shows them, with their KPIs and a colour each such that reps whose
 * territories touch (touchingTerritories) never share one (repColors).
 */
function reportReps(
  input: MapReportInput,
  repIndex: ReadonlyMap<string, number>,
  coords: QuantizedCoordinates,
): ReportRep[] {
  const { plan, summary, territories } = input;
  const repOf = (feature: number): number =>
    repIndex.get(territories.features[feature]?.properties.repId ?? '') ?? -1;
  const neighbours = touchingTerritories(territories.features).map(([a, b]) => [repOf(a), repOf(b)] as const);
  const colors = repColors(plan.reps.length, neighbours);
  const kpis = new Map(summary.reps.map((r) => [r.repId, r]));
  return plan.reps.map((rep, i) => {
    const k = kpis.get(rep.id);
    return {
      id: rep.id,
      name: rep.name,
      tier: rep.tier,
      pool: rep.pool,
      color: colors[i] ?? '#888888',
      home: [coords.x(rep.home[0]), coords.y(rep.home[1])],
      outlets: k?.outlets ?? 0,
      visits: k?.visits ?? 0,
      routeDays: k?.routeDays ?? 0,
      visitsPerDay: k?.visitsPerDay?.mean ?? null,
      km: k?.km ?? 0,
      totalMinutes: k?.totalMinutes ?? 0,
      loadMinutes: k?.loadMinutes ?? null,
      targetMinutes: k?.targetMinutes ?? null,
      balance: k?.balance ?? null,
      overBudgetDays: k?.overBudgetDays ?? 0,
      flags: k?.flags ?? [],
    };
  });
}

/** The plan's outlets as ReportOutlets (one array per field). */
function reportOutlets(
  plan: Plan,
  tiers: readonly OutletTier[],
  pools: readonly string[],
  repIndex: ReadonlyMap<string, number>,
  coords: QuantizedCoordinates,
): ReportOutlets {
  const outlets: ReportOutlets = { id: [], name: [], tier: [], rep: [], pool: [], x: [], y: [] };
  for (const o of plan.outlets) {
    outlets.id.push(o.id);
    outlets.name.push(o.name);
    outlets.tier.push(tiers.indexOf(o.tier));
    outlets.rep.push(o.repId === null ? -1 : (repIndex.get(o.repId) ?? -1));
    outlets.pool.push(o.pool === null ? -1 : pools.indexOf(o.pool));
    outlets.x.push(coords.x(o.lon));
    outlets.y.push(coords.y(o.lat));
  }
  return outlets;
}

/**
 * Condenses a plan, its KPIs, changes and territory outlines into the compact data the map page
 * draws: column arrays instead of objects, indexes instead of repeated ids and strings,
 * coordinates as short whole numbers (QuantizedCoordinates), outlines delta-encoded, times in
 * minutes. Rep colours are chosen so that touching territories of a pool differ. About 6 to 7 MB
 * of JSON for 50,000 outlets and 400 reps. Pure.
 */
export function buildMapReportData(input: MapReportInput): MapReportData {
  const { plan, summary, territories } = input;
  const tiers: OutletTier[] = ['large', 'night-venue', 'medium', 'small'];
  const pools = plan.pools.map((p) => p.id);
  const coords = new QuantizedCoordinates(plan.outlets.map((o) => [o.lon, o.lat] as const));
  const repIndex = new Map(plan.reps.map((r, i) => [r.id, i]));
  const outletIndex = new Map(plan.outlets.map((o, i) => [o.id, i]));
  const withOutlets = new Set(plan.outlets.map((o) => o.pool));
  const routes = buildReportRoutes(plan, outletIndex);
  return {
    region: plan.region,
    generatedAt: plan.generatedAt,
    mode: plan.mode,
    inputHash: plan.inputHash,
    tiers,
    weekdays: WEEKDAYS,
    changeKinds: CHANGE_KINDS,
    totals: summary.totals,
    balance: summary.balance,
    outletTiers: summary.outletTiers,
    poolStaffing: summary.pools,
    pools,
    defaultPool: pools.find((p) => withOutlets.has(p)) ?? '',
    origin: coords.origin,
    unitsPerDegree: COORDINATE_UNITS_PER_DEGREE,
    reps: reportReps(input, repIndex, coords),
    outlets: reportOutlets(plan, tiers, pools, repIndex, coords),
    territories: reportOutlines(territories, repIndex, pools, coords).filter((t) => t.rep >= 0),
    routes,
    dayColors: dayColors(routes.cycleDays.length),
    review: buildReportReview({
      changes: input.changes,
      previous: input.previous,
      previousVersion: input.previousVersion,
      previousTerritories: input.previousTerritories,
      outletIndex,
      repIndex,
      pools,
      tiers,
      coords,
      timeZone: (input.locale ?? DEFAULT_REPORT_LOCALE).timeZone,
      lang: (input.locale ?? DEFAULT_REPORT_LOCALE).lang,
    }),
    basemap: input.basemap,
    warnings: plan.warnings.map((w) => localiseWarning(w, (input.locale ?? DEFAULT_REPORT_LOCALE).lang)),
  };
}
