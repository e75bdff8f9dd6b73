import { createHash } from 'node:crypto';
import type { PlanMode } from '../plan/planTypes.js';
import { formatPolicySetting } from '../policy/policySettings.js';
import { canonicalJson } from '../policy/resolvePolicy.js';
import type { StaffingEdit } from './applyStaffing.js';
import { formatAddedRep, formatChangedRep, hasRepEdits, type RepEdits } from './repEdits.js';

/** A file a scenario read instead of, or over, the region's own: its path and its bytes' sha256. */
export interface ScenarioFileRef {
  path: string;
  sha256: string;
}

/**
 * What a scenario tried, recorded as `scenario` in the manifest.json of each of its versions (and
 * of a candidate promoted from one), so a reader knows what was planned without rerunning it.
 * The version current when it was planned is the manifest's `basedOn`.
 */
export interface ScenarioSpec {
  name: string;
  /** rebuild (the current plan as previous, minimal disruption), resegment or fresh. */
  mode: PlanMode;
  seed: number;
  /** The `--policy` file layered over the region's policy.json, or null. */
  policyFile: ScenarioFileRef | null;
  /** The `--set` settings, in the order applied (a later one wins). */
  set: Array<{ key: string; value: unknown }>;
  /** The `--reps-file` planned instead of reps.csv, or null. */
  repsFile: ScenarioFileRef | null;
  /** The rep edits applied: by hand (`--remove-rep`, `--change-rep`, `--add-rep`) or by --apply-staffing. */
  repEdits: RepEdits;
  /** With --apply-staffing: the base plan's recommendation and the rep edits made for it; else null. */
  staffing: { recommendation: string[]; edits: StaffingEdit[] } | null;
  /** Who planned it and why (`--by`, `--note`). */
  by: string | null;
  note: string | null;
}

/**
 * The input hash of a scenario's plan: the region's input hash (its files' bytes, with a
 * `--reps-file` in place of reps.csv and the `--policy` file) when the scenario sets nothing and
 * edits no rep, else a hash of it with the settings and rep edits. So a scenario's version name
 * and hashes differ from the region's whenever its inputs do, and a rebuild after a promoted
 * scenario with other inputs was approved is never skipped as "unchanged".
 */
export function scenarioInputHash(
  regionInputHash: string,
  spec: Pick<ScenarioSpec, 'set' | 'repEdits'>,
): string {
  if (spec.set.length === 0 && !hasRepEdits(spec.repEdits)) return regionInputHash;
  return createHash('sha256')
    .update(`scenario\0${regionInputHash}\0${canonicalJson({ set: spec.set, repEdits: spec.repEdits })}`)
    .digest('hex');
}

/**
 * The scenario's inputs that differ from the region's, as the options that make them, e.g.
 * `--set visits.small.frequency=every-4-weeks`, `--add-rep R13,B,119.1,36.7`; empty when the
 * scenario planned the region's own inputs.
 */
export function describeScenarioInputs(spec: ScenarioSpec): string[] {
  return [
    ...(spec.policyFile ? [`--policy ${spec.policyFile.path}`] : []),
    ...spec.set.map((s) => `--set ${formatPolicySetting(s)}`),
    ...(spec.repsFile ? [`--reps-file ${spec.repsFile.path}`] : []),
    ...spec.repEdits.remove.map((id) => `--remove-rep ${id}`),
    ...spec.repEdits.change.map((c) => `--change-rep ${formatChangedRep(c)}`),
    ...spec.repEdits.add.map((a) => `--add-rep ${formatAddedRep(a)}`),
  ];
}

/** The whole scenario in one line: mode, staffing and input changes, e.g. `rebuild; --add-rep R13,B,...`. */
export function describeScenarioSpec(spec: ScenarioSpec): string {
  const staffing = spec.staffing
    ? [`--apply-staffing (${spec.staffing.recommendation.join('; ') || 'no change needed'})`]
    : [];
  return [spec.mode, ...staffing, ...describeScenarioInputs(spec)].join('; ');
}

/**
 * What approving a candidate promoted from a scenario means when the scenario's inputs differ
 * from the region's: the plan becomes current, but the next rebuild plans from the region's own
 * reps.csv and policy.json and undoes those changes unless the files are changed to match. Null
 * when the scenario planned the region's own inputs (only its mode or seed differed).
 */
export function promotedScenarioNotice(ref: string, spec: ScenarioSpec): string | null {
  const changes = describeScenarioInputs(spec);
  if (changes.length === 0) return null;
  return `${ref} was planned with inputs the region does not have (${changes.join(' ')}); once it is current, the next rebuild (the nightly job or territory plan) plans from the region's own reps.csv and policy.json and undoes them, unless you change those files to match`;
}
