import { warningText } from '../../i18n/warningText.js';
import { samePattern, visitsOfPattern } from '../cycle/visitPatterns.js';
import type { PlanMode, PlanOutlet } from '../plan/planTypes.js';
import type { Policy } from '../policy/policySchema.js';
import type { EscortDemand } from './assignEscorts.js';
import { escortPatternOptions } from './escortPatterns.js';
import { keptEscort, type PreviousEscorts } from './escortStability.js';
import type { OutletEscort, PlanSupervisor } from './escortTypes.js';

/** The demands the assignment places, and the escorts unmet before any placement (with why). */
export interface EscortDemands {
  demands: EscortDemand[];
  /** Per outlet id, escorts decided without the assignment: unmet ones. */
  unmet: Array<{ outlet: PlanOutlet; escort: OutletEscort }>;
}

/**
 * Lists, for every planned outlet whose tier has escort cadences, one demand per role: the
 * supervisors of that role who supervise the outlet's rep, times the sub-patterns of the rep's
 * pattern the cadence allows (escortPatterns.ts), with the previous plan's choice first when it
 * is still valid (escortStability.ts). A cadence no supervisor or pattern can serve is unmet at
 * once, with the reason: the outlet has no planned rep visits, no supervisor of the role
 * supervises the rep, or the rep visits less often than the cadence.
 */
export function escortDemands(input: {
  outlets: readonly PlanOutlet[];
  supervisors: readonly PlanSupervisor[];
  policy: Policy;
  previous: PreviousEscorts;
  mode: PlanMode;
}): EscortDemands {
  const { policy } = input;
  const weeks = policy.cycle.weeks;
  const demands: EscortDemand[] = [];
  const unmet: EscortDemands['unmet'] = [];
  for (const outlet of input.outlets) {
    for (const cadence of policy.visits[outlet.tier].escorts ?? []) {
      const base = { role: cadence.role, frequency: cadence.frequency, extraMinutes: cadence.extraMinutes };
      const fail = (reason: string): void => {
        unmet.push({
          outlet,
          escort: { ...base, supervisorId: null, pattern: null, visits: [], unmet: reason },
        });
      };
      const repId = outlet.repId;
      if (repId === null || !outlet.pattern) {
        fail(warningText('warning.escortReason.noVisits'));
        continue;
      }
      const candidates = input.supervisors.filter((s) => s.role === cadence.role && s.reps.includes(repId));
      if (candidates.length === 0) {
        fail(warningText('warning.escortReason.noSupervisor', { role: cadence.role, rep: repId }));
        continue;
      }
      const patterns = escortPatternOptions(outlet.pattern, cadence.frequency, weeks);
      if (patterns.unmet !== null) {
        fail(patterns.unmet);
        continue;
      }
      const options = candidates.flatMap((s) =>
        patterns.patterns.map((pattern) => ({
          supervisorId: s.id,
          pattern,
          visits: visitsOfPattern(pattern, weeks),
        })),
      );
      const kept = keptEscort(input.previous, outlet, cadence.role, input.mode);
      const keptIndex = kept
        ? options.findIndex(
            (o) => o.supervisorId === kept.supervisorId && samePattern(o.pattern, kept.pattern),
          )
        : -1;
      if (keptIndex > 0) options.unshift(...options.splice(keptIndex, 1));
      demands.push({ outlet, repId, cadence, options, keepsPrevious: keptIndex >= 0 });
    }
  }
  return { demands, unmet };
}
