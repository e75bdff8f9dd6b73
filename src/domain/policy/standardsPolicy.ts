import { z } from 'zod';
import { OUTLET_TIERS, REP_TIERS } from '../types.js';

// --- quantity and quality ("2Q") standards (issue 12 item 6) ---------------------------------
/**
 * Quantity standard of one rep tier: the visits every rep of the tier makes on each working day.
 * Either bound may be omitted; with both, min <= max.
 */
export const quantityStandardSchema = z
  .object({
    minVisitsPerDay: z.number().int().min(0).max(500).optional(),
    maxVisitsPerDay: z.number().int().min(0).max(500).optional(),
  })
  .strict()
  .refine(
    (q) =>
      q.minVisitsPerDay === undefined ||
      q.maxVisitsPerDay === undefined ||
      q.minVisitsPerDay <= q.maxVisitsPerDay,
    {
      message: 'maxVisitsPerDay must be at least minVisitsPerDay',
      path: ['maxVisitsPerDay'],
    },
  );
export type QuantityStandard = z.infer<typeof quantityStandardSchema>;

/** Quality standard of one outlet tier in a pool: the share (0-1) of each rep's visits it gets. */
export const shareStandardSchema = z
  .object({
    minShare: z.number().min(0).max(1).optional(),
    maxShare: z.number().min(0).max(1).optional(),
  })
  .strict()
  .refine((s) => s.minShare === undefined || s.maxShare === undefined || s.minShare <= s.maxShare, {
    message: 'maxShare must be at least minShare',
    path: ['maxShare'],
  });
export type ShareStandard = z.infer<typeof shareStandardSchema>;

/**
 * The 2Q standards a plan is held against: `quantity` by rep tier (visits per working day),
 * `quality` by pool id and outlet tier (share of each rep's visits). Optional and without zod
 * defaults, so a policy without them hashes and plans exactly as before.
 */
export const standardsSchema = z
  .object({
    quantity: z.partialRecord(z.enum(REP_TIERS), quantityStandardSchema).optional(),
    quality: z.record(z.string(), z.partialRecord(z.enum(OUTLET_TIERS), shareStandardSchema)).optional(),
  })
  .strict();
export type StandardsPolicy = z.infer<typeof standardsSchema>;

/** Where a standard does not fit the policy's pools: the offending key and why. */
export interface StandardsProblem {
  key: string;
  message: string;
}

/**
 * The consistency checks a schema-valid `standards` block must still pass against the policy's
 * pools: every quality pool names a policy pool, every tier it sets is a tier that pool serves,
 * and the minimum shares of one pool add up to at most 1 (otherwise no visit mix can meet them).
 * Returns the first problem, or null when the standards fit.
 */
export function standardsProblem(
  standards: StandardsPolicy | undefined,
  pools: ReadonlyArray<{ id: string; outletTiers: readonly string[] }>,
): StandardsProblem | null {
  for (const [poolId, tiers] of Object.entries(standards?.quality ?? {})) {
    const pool = pools.find((p) => p.id === poolId);
    if (!pool) return { key: `standards.quality.${poolId}`, message: `names unknown pool "${poolId}"` };
    let minTotal = 0;
    for (const [tier, share] of Object.entries(tiers)) {
      if (!pool.outletTiers.includes(tier))
        return {
          key: `standards.quality.${poolId}.${tier}`,
          message: `pool "${poolId}" does not serve outlet tier "${tier}" (it serves ${pool.outletTiers.join(', ')})`,
        };
      minTotal += share?.minShare ?? 0;
    }
    if (minTotal > 1 + 1e-9)
      return {
        key: `standards.quality.${poolId}`,
        message: `minimum shares add up to ${Math.round(minTotal * 1000) / 1000}, more than 1`,
      };
  }
  return null;
}
// --- end 2Q standards --------------------------------------------------------------------------
