import type { PlanComparison } from '../../domain/plan/comparePlans.js';
import type { PlanDifference } from '../../domain/plan/planDifference.js';
import type { PlanFigures } from '../../domain/plan/planFigures.js';
import type { PlanMode } from '../../domain/plan/planTypes.js';
import { schemaValidator } from '../publish/schemaValidators.js';
import type { ShownStatus } from '../publish/publishVersion.js';
import type { LoadedPlanRef } from './loadComparedPlans.js';

/** One compared plan in compare.json: where it came from, its figures and its changes. */
export interface CompareFilePlan {
  /** The reference as given on the command line. */
  ref: string;
  /** Column heading in the table and the page: the reference, or `#N` when it is long. */
  label: string;
  /** `version`: one of the region's own versions; `scenario`: a version of a scenario folder. */
  kind: 'version' | 'scenario';
  scenario: string | null;
  /** The version folder the reference resolved to. */
  version: string;
  status: ShownStatus | null;
  generatedAt: string;
  mode: PlanMode;
  inputHash: string;
  policyHash: string;
  figures: PlanFigures;
  /** Rep and weekday changes against the first plan; null for the first plan. */
  againstBaseline: PlanDifference | null;
}

/** compare.json, schema version 1 (schemas/compare.schema.json). */
export interface CompareFile {
  schemaVersion: 1;
  region: string;
  /** When the comparison was made. */
  comparedAt: string;
  /** The comparison's folder name under `<regionOut>/compare/` (compareSlug). */
  slug: string;
  /** Every pool of any plan, in order of first appearance. */
  pools: string[];
  /** The plans in the order given; the first is the baseline. */
  plans: CompareFilePlan[];
  warnings: string[];
}

/** Longest reference used as a column heading as it is; longer ones are headed `#N`. */
const MAX_LABEL = 24;

/**
 * The contents of compare.json: each reference with what it resolved to (folder kind, scenario,
 * version, status, the plan's provenance) beside its figures and its changes against the
 * baseline, as comparePlans computed them. Pure.
 */
export function buildCompareFile(input: {
  loaded: readonly LoadedPlanRef[];
  comparison: PlanComparison;
  slug: string;
  now: Date;
}): CompareFile {
  const { loaded, comparison } = input;
  return {
    schemaVersion: 1,
    region: loaded[0]?.plan.region ?? '',
    comparedAt: input.now.toISOString(),
    slug: input.slug,
    pools: comparison.poolIds,
    plans: loaded.map((entry, i) => {
      const compared = comparison.plans[i];
      if (!compared) throw new Error(`compare: no figures for plan ${i + 1} (${entry.ref})`);
      return {
        ref: entry.ref,
        label: entry.ref.length <= MAX_LABEL ? entry.ref : `#${i + 1}`,
        kind: entry.kind,
        scenario: entry.scenario,
        version: entry.version,
        status: entry.status,
        generatedAt: entry.plan.generatedAt,
        mode: entry.plan.mode,
        inputHash: entry.plan.inputHash,
        policyHash: entry.plan.policyHash,
        figures: compared.figures,
        againstBaseline: compared.againstBaseline,
      };
    }),
    warnings: comparison.warnings,
  };
}

/**
 * Checks a compare.json value against schemas/compare.schema.json and returns readable problems
 * (empty = valid); `territory compare` refuses to write a file that fails, like the publish gate.
 */
export function validateCompareFile(value: unknown): string[] {
  const validator = schemaValidator('compare.json');
  if (validator(value)) return [];
  return (validator.errors ?? [])
    .slice(0, 20)
    .map((e) => `compare.json: ${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);
}
