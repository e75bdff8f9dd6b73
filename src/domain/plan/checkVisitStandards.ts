import { canonicalJson } from '../policy/resolvePolicy.js';
import type { Plan } from './planTypes.js';
import { measureVisitStandards, type RepStandardFigures } from './visitStandards.js';

/**
 * The gate's check of a plan's 2Q block: measures the plan's own day routes against the standards
 * the block names (measureVisitStandards) and reports every rep whose figures, and every flag,
 * that disagree with what the block says, so a plan cannot publish figures its days do not have.
 * A plan without a block passes. Returns readable messages (empty: consistent).
 */
export function visitStandardsProblems(plan: Plan): string[] {
  const block = plan.standards;
  if (!block) return [];
  const measured = measureVisitStandards(plan, { quantity: block.quantity, quality: block.quality });
  const problems: string[] = [];
  const stated = new Map<string, RepStandardFigures>(block.reps.map((r) => [r.repId, r]));
  for (const rep of measured.reps) {
    const given = stated.get(rep.repId);
    if (!given) problems.push(`standards: rep ${rep.repId} has no 2Q figures`);
    else if (canonicalJson(given) !== canonicalJson(rep))
      problems.push(
        `standards: rep ${rep.repId}'s 2Q figures ${canonicalJson(given)} disagree with its days, which give ${canonicalJson(rep)}`,
      );
  }
  if (block.reps.length !== measured.reps.length)
    problems.push(
      `standards: ${block.reps.length} reps have 2Q figures, the plan has ${measured.reps.length}`,
    );
  const expected = new Set(measured.flags.map((f) => canonicalJson(f)));
  const given = new Set(block.flags.map((f) => canonicalJson(f)));
  for (const flag of expected)
    if (!given.has(flag))
      problems.push(`standards: flag ${flag} is missing though the days miss the standard`);
  for (const flag of given)
    if (!expected.has(flag)) problems.push(`standards: flag ${flag} does not follow from the days`);
  if (block.flags.length !== measured.flags.length)
    problems.push(`standards: ${block.flags.length} flags listed, the days give ${measured.flags.length}`);
  return problems;
}
