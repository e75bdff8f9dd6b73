import type { LonLat, Rep, RepTier } from '../types.js';
import { ScenarioError } from './scenarioError.js';

/** A rep of the region given another tier and, optionally, another home (`--change-rep`). */
export interface ChangedRep {
  id: string;
  tier: RepTier;
  /** The new home, or null to keep the rep's. */
  home: LonLat | null;
}

/** A rep the region does not have (`--add-rep`): full time, the policy's day and weekdays. */
export interface AddedRep {
  id: string;
  tier: RepTier;
  home: LonLat;
}

/** A scenario's changes to the region's reps, applied in this order: remove, change, add. */
export interface RepEdits {
  remove: string[];
  change: ChangedRep[];
  add: AddedRep[];
}

/** No rep changes. */
export const NO_REP_EDITS: RepEdits = { remove: [], change: [], add: [] };

/** True when the edits change anything. */
export function hasRepEdits(edits: RepEdits): boolean {
  return edits.remove.length + edits.change.length + edits.add.length > 0;
}

/** `R05, R06, ... (12 reps)` for messages. */
function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, 8).join(', ');
  return ids.length > 8 ? `${shown}, ... (${ids.length} reps)` : shown || 'none';
}

/** `--change-rep id,tier[,lon,lat]` as typed. */
export function formatChangedRep(edit: ChangedRep): string {
  return edit.home ? `${edit.id},${edit.tier},${edit.home[0]},${edit.home[1]}` : `${edit.id},${edit.tier}`;
}

/** `--add-rep id,tier,lon,lat` as typed. */
export function formatAddedRep(edit: AddedRep): string {
  return `${edit.id},${edit.tier},${edit.home[0]},${edit.home[1]}`;
}

/**
 * Applies a scenario's rep edits to the reps loaded from `source` (reps.csv or `--reps-file`):
 * removed reps are dropped, changed reps get their new tier (and home when given) and keep
 * everything else (name, capacity, days), added reps are appended in order as full-time reps
 * with the policy's day and weekdays. Reps keep their file order. Throws a ScenarioError naming
 * the argument for an id to remove or change that the reps do not have, an id removed or changed
 * twice, a change of a removed rep, a change that changes nothing, an added id that is taken
 * (reps.csv's ids stay taken even when removed: change a rep with --change-rep), and edits that
 * leave no rep. Pure; the input is not modified.
 */
export function applyRepEdits(reps: readonly Rep[], edits: RepEdits, source: string): Rep[] {
  const byId = new Map(reps.map((rep) => [rep.id, rep]));
  const known = listIds(reps.map((rep) => rep.id));
  const removed = new Set<string>();
  for (const id of edits.remove) {
    if (!byId.has(id))
      throw new ScenarioError(`--remove-rep ${id}: ${source} has no rep ${id} (reps: ${known})`);
    if (removed.has(id)) throw new ScenarioError(`--remove-rep ${id}: given twice`);
    removed.add(id);
  }
  const changed = new Map<string, ChangedRep>();
  for (const edit of edits.change) {
    const arg = `--change-rep ${formatChangedRep(edit)}`;
    const rep = byId.get(edit.id);
    if (!rep) throw new ScenarioError(`${arg}: ${source} has no rep ${edit.id} (reps: ${known})`);
    if (removed.has(edit.id))
      throw new ScenarioError(`${arg}: rep ${edit.id} is also removed by --remove-rep`);
    if (changed.has(edit.id)) throw new ScenarioError(`${arg}: rep ${edit.id} is changed twice`);
    const sameHome = edit.home === null || (edit.home[0] === rep.homeLon && edit.home[1] === rep.homeLat);
    if (edit.tier === rep.tier && sameHome)
      throw new ScenarioError(
        `${arg}: rep ${edit.id} already has tier ${rep.tier}${edit.home ? ' and that home' : ''}; nothing to change`,
      );
    changed.set(edit.id, edit);
  }
  const added = new Set<string>();
  for (const edit of edits.add) {
    const arg = `--add-rep ${formatAddedRep(edit)}`;
    if (byId.has(edit.id))
      throw new ScenarioError(
        `${arg}: ${source} already has a rep ${edit.id}${removed.has(edit.id) ? ' (removed by --remove-rep)' : ''}; use another id, or --change-rep to change that rep`,
      );
    if (added.has(edit.id)) throw new ScenarioError(`${arg}: rep ${edit.id} is added twice`);
    added.add(edit.id);
  }

  const result: Rep[] = [];
  for (const rep of reps) {
    if (removed.has(rep.id)) continue;
    const change = changed.get(rep.id);
    if (!change) result.push(rep);
    else
      result.push({
        ...rep,
        tier: change.tier,
        homeLon: change.home ? change.home[0] : rep.homeLon,
        homeLat: change.home ? change.home[1] : rep.homeLat,
      });
  }
  for (const edit of edits.add)
    result.push({
      id: edit.id,
      name: edit.id,
      tier: edit.tier,
      homeLon: edit.home[0],
      homeLat: edit.home[1],
      dailyMinutes: null,
      workingDays: null,
      capacity: 1,
      line: 0,
    });
  if (result.length === 0)
    throw new ScenarioError(`the rep edits remove every rep of ${source}; a plan needs at least one rep`);
  return result;
}
