import type { Plan } from '../../domain/plan/planTypes.js';
import { WEEKDAYS, type OutletTier, type RepTier, type Weekday } from '../../domain/types.js';
import type { ChangesFile } from '../artifacts/renderChanges.js';
import type { PlanSummaryFile } from '../artifacts/renderSummary.js';
import type { FeatureCollection } from '../artifacts/geoJson.js';
import type { TerritoryFeature } from '../artifacts/renderTerritoriesGeoJson.js';
import { repColors } from './repColors.js';

/** One rep as the report shows it. */
export interface ReportRep {
  id: string;
  name: string;
  tier: RepTier;
  pool: string | null;
  color: string;
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

/** One day route: rep index, day, figures and the outlet indexes in visiting order. */
export interface ReportRoute {
  rep: number;
  week: number;
  weekday: Weekday;
  start: string;
  /** When the rep leaves home (DayRoute.departure, else `start`). */
  departure: string;
  end: string;
  km: number;
  minutes: number;
  overBudgetMinutes: number;
  stops: Array<[outlet: number, arrival: string, departure: string]>;
}

/** A row of the changes table. */
export interface ReportChange {
  kind: 'new' | 'closed' | 'rep' | 'weekday' | 'tier' | 'moved';
  outletId: string;
  name: string;
  detail: string;
  reason: string;
}

/** Everything the map page needs, embedded as JSON in map.html. */
export interface MapReportData {
  region: string;
  generatedAt: string;
  mode: string;
  inputHash: string;
  tiers: OutletTier[];
  totals: PlanSummaryFile['totals'];
  balance: PlanSummaryFile['balance'];
  outletTiers: PlanSummaryFile['outletTiers'];
  /** Per pool: reps, outlets and how much of the reps' working time the routes use. */
  poolStaffing: PlanSummaryFile['pools'];
  reps: ReportRep[];
  territories: Array<{ rep: number; ring: Array<[number, number]> }>;
  /** [id, name, tier index, lon, lat, rep index or -1, pool or null]. */
  outlets: Array<[string, string, number, number, number, number, string | null]>;
  /** Pool ids in plan order (for the pool filter). */
  pools: string[];
  routes: ReportRoute[];
  changes: ReportChange[];
  changeCounts: ChangesFile['counts'];
  /** Moved outlets as lines from the old position: [outlet index, old lon, old lat, reassigned 0/1]. */
  moves: Array<[outlet: number, fromLon: number, fromLat: number, reassigned: 0 | 1]>;
  hasPrevious: boolean;
  warnings: string[];
}

/**
 * Condenses a plan, its KPIs, changes and territory outlines into the compact data the map page
 * draws: indexes instead of repeated ids, coordinates once per outlet. Pure.
 */
export function buildMapReportData(input: {
  plan: Plan;
  summary: PlanSummaryFile;
  changes: ChangesFile;
  territories: FeatureCollection<TerritoryFeature>;
}): MapReportData {
  const { plan, summary, changes, territories } = input;
  const tiers: OutletTier[] = ['large', 'night-venue', 'medium', 'small'];
  const colors = repColors(plan.reps.length);
  const repIndex = new Map(plan.reps.map((r, i) => [r.id, i]));
  const kpis = new Map(summary.reps.map((r) => [r.repId, r]));
  const reps: ReportRep[] = plan.reps.map((rep, i) => {
    const k = kpis.get(rep.id);
    return {
      id: rep.id,
      name: rep.name,
      tier: rep.tier,
      pool: rep.pool,
      color: colors[i] ?? '#888888',
      home: rep.home,
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
  const outletIndex = new Map(plan.outlets.map((o, i) => [o.id, i]));
  const outlets = plan.outlets.map((o): [string, string, number, number, number, number, string | null] => [
    o.id,
    o.name,
    tiers.indexOf(o.tier),
    o.lon,
    o.lat,
    o.repId === null ? -1 : (repIndex.get(o.repId) ?? -1),
    o.pool,
  ]);
  const routes: ReportRoute[] = [];
  plan.reps.forEach((rep, i) => {
    const days = [...(rep.days ?? [])]
      .filter((d) => d.stops.length > 0)
      .sort((a, b) => a.week - b.week || WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday));
    for (const day of days) {
      routes.push({
        rep: i,
        week: day.week,
        weekday: day.weekday,
        start: day.start,
        departure: day.departure ?? day.start,
        end: day.end,
        km: day.travelKm,
        minutes: day.totalMinutes,
        overBudgetMinutes: day.overBudgetMinutes,
        stops: day.stops
          .filter((s) => outletIndex.has(s.outletId))
          .map((s) => [outletIndex.get(s.outletId) as number, s.arrival, s.departure]),
      });
    }
  });
  const rows: ReportChange[] = [
    ...changes.new.map((c) => ({
      kind: 'new' as const,
      outletId: c.outletId,
      name: c.name,
      detail: `${c.tier} -> ${c.repId ?? 'unassigned'}`,
      reason: c.reason,
    })),
    ...changes.closed.map((c) => ({
      kind: 'closed' as const,
      outletId: c.outletId,
      name: c.name,
      detail: `was ${c.repId ?? 'unassigned'}`,
      reason: c.reason,
    })),
    ...changes.repChanged.map((c) => ({
      kind: 'rep' as const,
      outletId: c.outletId,
      name: c.name,
      detail: `${c.from ?? 'none'} -> ${c.to ?? 'none'}`,
      reason: c.reason,
    })),
    ...changes.weekdayChanged.map((c) => ({
      kind: 'weekday' as const,
      outletId: c.outletId,
      name: c.name,
      detail: `${c.from.join('+') || '-'} -> ${c.to.join('+') || '-'}`,
      reason: c.reason,
    })),
    ...changes.tierChanged.map((c) => ({
      kind: 'tier' as const,
      outletId: c.outletId,
      name: c.name,
      detail: `${c.from} -> ${c.to}`,
      reason: c.reason,
    })),
    ...changes.moved.map((c) => ({
      kind: 'moved' as const,
      outletId: c.outletId,
      name: c.name,
      detail: `${c.km.toFixed(2)} km, ${c.fromRep ?? 'none'} -> ${c.toRep ?? 'none'}${c.reassigned ? '' : ' (kept)'}`,
      reason: c.reason,
    })),
  ];
  const moves: MapReportData['moves'] = [];
  for (const c of changes.moved) {
    const index = outletIndex.get(c.outletId);
    if (index !== undefined) moves.push([index, c.from.lon, c.from.lat, c.reassigned ? 1 : 0]);
  }
  return {
    region: plan.region,
    generatedAt: plan.generatedAt,
    mode: plan.mode,
    inputHash: plan.inputHash,
    tiers,
    totals: summary.totals,
    balance: summary.balance,
    outletTiers: summary.outletTiers,
    poolStaffing: summary.pools,
    reps,
    territories: territories.features
      .filter((f) => repIndex.has(f.properties.repId))
      .flatMap((f) =>
        // One outline per part of a MultiPolygon territory; the map draws exterior rings only.
        (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).map((rings) => ({
          rep: repIndex.get(f.properties.repId) as number,
          ring: rings[0] ?? [],
        })),
      ),
    outlets,
    pools: plan.pools.map((p) => p.id),
    routes,
    changes: rows,
    changeCounts: changes.counts,
    moves,
    hasPrevious: changes.previous !== null,
    warnings: plan.warnings,
  };
}
