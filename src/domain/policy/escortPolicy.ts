import { z } from 'zod';
import type { VisitFrequency } from './policySchema.js';

/**
 * Escorted ("three-level") visits of a tier (issue 12): a supervisor role joins the rep on some of
 * the rep's visits to each outlet of the tier, at its own regular cadence. `extraMinutes` is the
 * time the escorted visit takes beyond the rep's usual minutes at the outlet (0 = none); the rep's
 * day is re-timed with it. Built from the policy's frequency names (policySchema.ts passes them
 * in, which keeps this module free of an import cycle). One entry per role and tier.
 */
export function tierEscortsSchema(frequencies: readonly [VisitFrequency, ...VisitFrequency[]]) {
  const cadence = z
    .object({
      /** Supervisor role (`role` column of supervisors.csv), e.g. `market-manager`. */
      role: z.string().min(1),
      frequency: z.enum(frequencies),
      extraMinutes: z.number().min(0).max(240).default(0),
    })
    .strict();
  return z.array(cadence).refine((list) => new Set(list.map((e) => e.role)).size === list.length, {
    message: 'each role may appear once per tier',
  });
}

/** One escort cadence of a tier: a role, its frequency and its extra minutes at the outlet. */
export interface EscortCadence {
  role: string;
  frequency: VisitFrequency;
  extraMinutes: number;
}

/** Limits per supervisor role: joint visits a supervisor of the role makes per day at most. */
export const escortRolesSchema = z.record(
  z.string().min(1),
  z.object({ maxJointVisitsPerDay: z.number().int().min(1).max(100) }).strict(),
);
export type EscortRoles = z.infer<typeof escortRolesSchema>;
