import type { TravelConfig } from '../config/travelConfig.js';
import type { Policy } from '../domain/policy/policySchema.js';
import { DenseTravelMatrix, type TravelMatrix } from '../domain/routing/travelModel.js';
import type { LonLat } from '../domain/types.js';
import { createRoadProvider } from '../travel/createRoadProvider.js';
import { roadMatrix } from '../travel/roadMatrix.js';

/** A day's road matrix and where it came from. */
export interface RoadDayMatrix {
  matrix: TravelMatrix;
  provider: string;
  profile: string;
  /** Requests sent to the provider. */
  requests: number;
}

/**
 * The road travel matrix over one day's points (home first) from the provider `travel` names,
 * configured by `config` (TRAVEL_* variables), without a cache: `territory sequence` re-sequences
 * a single day. Road matrices may be asymmetric (one-way streets); the sequencer takes them as
 * they are. A pair with no route is an error naming both points (`labels`), since no order can
 * visit a stop the rep cannot reach or leave.
 */
export async function roadDayMatrix(
  travel: Policy['travel'],
  config: TravelConfig,
  points: readonly LonLat[],
  labels: readonly string[],
): Promise<RoadDayMatrix> {
  const provider = createRoadProvider(travel, config);
  if (provider === null) throw new Error('roadDayMatrix needs a road provider, not great-circle');
  try {
    const table = await roadMatrix(provider, points, config, null);
    const n = points.length;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        if (i !== j && Number.isNaN(table.minutes[i * n + j]))
          throw new Error(
            `${provider.name} (${provider.profile}) at ${provider.endpoint} has no road route from ${labels[i] ?? i} to ${labels[j] ?? j}`,
          );
    return {
      matrix: new DenseTravelMatrix(n, table.km, table.minutes),
      provider: provider.name,
      profile: provider.profile,
      requests: table.stats.requests,
    };
  } finally {
    await provider.close();
  }
}
