import type { Plan } from '../../domain/plan/planTypes.js';
import type { OutletTier } from '../../domain/types.js';
import type { FeatureCollection } from '../artifacts/geoJson.js';
import type { ChangesFile } from '../artifacts/renderChanges.js';
import type { TerritoryFeature } from '../artifacts/renderTerritoriesGeoJson.js';
import { reportOutlines, type ReportOutline } from './mapReportOutlines.js';
import type { QuantizedCoordinates } from './quantizedCoordinates.js';
import { formatZonedTime } from '../../i18n/formatZonedTime.js';
import type { Language } from '../../i18n/languages.js';
import { reasonLabel } from '../../i18n/reasonLabel.js';

/** The kinds of change rows, in table order; a row's first number indexes this list. */
export const CHANGE_KINDS = ['new', 'closed', 'rep', 'weekday', 'tier', 'moved'] as const;

/**
 * One row of the changes table as numbers: `[kind, ref, from, to, reason, ...extra]`. `kind`
 * indexes CHANGE_KINDS; `ref` is the outlet index (for `closed`: the index into
 * ReportReview.closed); `from`, `to` and `reason` index ReportReview.labels (-1: none). `from`
 * and `to` are rep ids (new, closed, rep, moved), weekday lists like `Mon+Thu` (weekday) or
 * tiers (tier). Extra: for `new` the tier index; for `moved` the km x 100 and 1 when the rep
 * changed, else 0.
 */
export type ReportChangeRow = number[];

/** Outlets of the previous plan that are gone, at their previous position. */
export interface ReportClosedOutlets {
  id: string[];
  name: string[];
  x: number[];
  y: number[];
  /** Index into MapReportData.pools of the pool that served it, or -1. */
  pool: number[];
}

/** What the map needs to show a plan against the previous one. */
export interface ReportReview {
  hasPrevious: boolean;
  /**
   * What the changes are against: a published version's name, else the previous plan's time
   * (formatZonedTime in the report's zone); both null for a first plan. The page words it.
   */
  againstVersion: string | null;
  againstPlanAt: string | null;
  counts: ChangesFile['counts'];
  /** Strings the rows refer to (rep ids, weekday lists, tiers, reasons), each once. */
  labels: string[];
  rows: ReportChangeRow[];
  closed: ReportClosedOutlets;
  /** Moved outlets: [outlet index, previous x, previous y, 1 when it changed rep]. */
  moves: Array<[outlet: number, fromX: number, fromY: number, reassigned: 0 | 1]>;
  /** The previous plan's territory outlines (rep -1 when that rep is gone). */
  before: ReportOutline[];
}

/** A string table: each distinct string gets the next index. */
class Labels {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  of(text: string | null): number {
    if (text === null) return -1;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(text);
      this.index.set(text, i);
    }
    return i;
  }
}

/**
 * The review part of the map data: the changes table's rows (as numbers into a string table),
 * closed outlets at their previous position, moved outlets' previous positions and the previous
 * plan's territory outlines. `previousVersion` names what the changes are against (else the
 * previous plan's time, in `timeZone`, is used). Pure.
 */
export function buildReportReview(input: {
  changes: ChangesFile;
  previous: Plan | null;
  previousVersion: string | null;
  previousTerritories: FeatureCollection<TerritoryFeature> | null;
  outletIndex: ReadonlyMap<string, number>;
  repIndex: ReadonlyMap<string, number>;
  pools: readonly string[];
  tiers: readonly OutletTier[];
  coords: QuantizedCoordinates;
  /** The IANA zone the previous plan's time is shown in. */
  timeZone: string;
  /** The page's language, for the change reasons (reasonLabel; default English: the ids). */
  lang?: Language;
}): ReportReview {
  const { changes, previous, outletIndex, coords } = input;
  const lang = input.lang ?? 'en';
  const labels = new Labels();
  const rows: ReportChangeRow[] = [];
  const add = (
    kind: number,
    outletId: string,
    from: number,
    to: number,
    reason: string,
    ...extra: number[]
  ) => {
    const ref = outletIndex.get(outletId);
    if (ref !== undefined) rows.push([kind, ref, from, to, labels.of(reasonLabel(reason, lang)), ...extra]);
  };
  const days = (list: readonly string[]): number => labels.of(list.join('+'));
  for (const c of changes.new)
    add(0, c.outletId, -1, labels.of(c.repId), c.reason, input.tiers.indexOf(c.tier));
  const closed: ReportClosedOutlets = { id: [], name: [], x: [], y: [], pool: [] };
  const previousOutlets = new Map((previous?.outlets ?? []).map((o) => [o.id, o]));
  for (const c of changes.closed) {
    const old = previousOutlets.get(c.outletId);
    if (!old) continue;
    rows.push([1, closed.id.length, labels.of(c.repId), -1, labels.of(reasonLabel(c.reason, lang))]);
    closed.id.push(old.id);
    closed.name.push(old.name);
    closed.x.push(coords.x(old.lon));
    closed.y.push(coords.y(old.lat));
    closed.pool.push(old.pool === null ? -1 : input.pools.indexOf(old.pool));
  }
  for (const c of changes.repChanged) add(2, c.outletId, labels.of(c.from), labels.of(c.to), c.reason);
  for (const c of changes.weekdayChanged) add(3, c.outletId, days(c.from), days(c.to), c.reason);
  for (const c of changes.tierChanged) add(4, c.outletId, labels.of(c.from), labels.of(c.to), c.reason);
  const moves: ReportReview['moves'] = [];
  for (const c of changes.moved) {
    add(
      5,
      c.outletId,
      labels.of(c.fromRep),
      labels.of(c.toRep),
      c.reason,
      Math.round(c.km * 100),
      c.reassigned ? 1 : 0,
    );
    const index = outletIndex.get(c.outletId);
    if (index !== undefined)
      moves.push([index, coords.x(c.from.lon), coords.y(c.from.lat), c.reassigned ? 1 : 0]);
  }
  return {
    hasPrevious: changes.previous !== null,
    againstVersion: input.previousVersion,
    againstPlanAt:
      input.previousVersion === null && previous
        ? formatZonedTime(previous.generatedAt, input.timeZone)
        : null,
    counts: changes.counts,
    labels: labels.list,
    rows,
    closed,
    moves,
    before: input.previousTerritories
      ? reportOutlines(input.previousTerritories, input.repIndex, input.pools, coords)
      : [],
  };
}
