import { loadTravelConfig, type TravelConfig } from '../config/travelConfig.js';
import type { PlanContext } from '../domain/pipeline/preparePlan.js';
import type { PrefetchedTravel } from './prefetchTravel.js';

/**
 * The travel step of a run (runPlan, runPoolPlan): nothing for the great-circle model (the
 * environment is not even read); otherwise prefetchTravel with `config` (default: the TRAVEL_*
 * variables, parsed here once per run) and the region's cache store (openTravelCache), closed
 * when the step ends.
 */
export async function travelForRun(
  context: PlanContext,
  regionOutDir: string,
  config?: TravelConfig,
): Promise<PrefetchedTravel> {
  const provider = context.policy.travel.provider ?? 'great-circle';
  if (provider === 'great-circle') return { context, warnings: [], summary: null };
  // Loaded only for road travel: the cache's Redis client (ioredis) and the providers cost a
  // great-circle run (the default) a noticeable share of its start-up.
  const [{ openTravelCache }, { prefetchTravel }] = await Promise.all([
    import('./openTravelCache.js'),
    import('./prefetchTravel.js'),
  ]);
  const settings = config ?? loadTravelConfig(process.env);
  const store = openTravelCache(settings, context.region.name, regionOutDir);
  try {
    return await prefetchTravel(context, settings, store);
  } finally {
    await store?.close();
  }
}
