import { errorText } from '../i18n/warningText.js';
import type { LonLat } from '../domain/types.js';
import type { RoadProvider, TableBlock } from './roadProvider.js';
import { TableTooBigError, TravelOutageError } from './travelErrors.js';

/** How blocks are asked for: the config's TRAVEL_* settings (see travelConfig.ts). */
export interface FetchSettings {
  /** Largest number of sources, and of targets, in one request (TRAVEL_MAX_TABLE, default 100). */
  maxTable: number;
  /** Requests in flight at once (TRAVEL_CONCURRENCY, default 4). */
  concurrency: number;
  /** Retries of a block after an outage (TRAVEL_RETRIES, default 2). */
  retries: number;
  /** First retry delay; each further retry doubles it (TRAVEL_RETRY_BASE_MS, default 500). */
  retryBaseMs: number;
  /** Time one request may take (TRAVEL_TIMEOUT_MS, default 30000). */
  timeoutMs: number;
}

/** Sources x targets to ask for, as indices into the point list. */
export interface BlockSpec {
  sources: readonly number[];
  targets: readonly number[];
}

/** What a fetch asked the provider: requests sent (retries and splits included) and pairs answered. */
export interface FetchStats {
  requests: number;
  pairs: number;
}

function chunks(indices: readonly number[], size: number): number[][] {
  const out: number[][] = [];
  for (let k = 0; k < indices.length; k += size) out.push(indices.slice(k, k + size));
  return out;
}

function halves(block: BlockSpec): BlockSpec[] {
  const splitSources = block.sources.length >= block.targets.length;
  const side = splitSources ? block.sources : block.targets;
  const mid = Math.ceil(side.length / 2);
  const parts = [side.slice(0, mid), side.slice(mid)];
  return parts.map((part) => (splitSources ? { ...block, sources: part } : { ...block, targets: part }));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Asks `provider` for every block of `specs`, cut into requests of at most `maxTable` sources x
 * `maxTable` targets (or the provider's own `maxTargets`), at most `concurrency` at a time, and hands each answer to `onBlock`. An
 * outage is retried `retries` times with doubling delays, every attempt bounded by `timeoutMs`;
 * a table-size refusal halves the request and asks again; a refused request, or an outage that
 * outlasts the retries, stops the fetch and is thrown (after the requests in flight settle).
 */
export async function fetchBlocks(
  provider: RoadProvider,
  points: readonly LonLat[],
  specs: readonly BlockSpec[],
  settings: FetchSettings,
  onBlock: (block: BlockSpec, values: TableBlock) => void,
): Promise<FetchStats> {
  const queue: BlockSpec[] = [];
  for (const spec of specs)
    for (const sources of chunks(spec.sources, settings.maxTable))
      for (const targets of chunks(spec.targets, provider.maxTargets ?? settings.maxTable))
        queue.push({ sources, targets });
  const stats: FetchStats = { requests: 0, pairs: 0 };
  let failure: unknown = null;
  let counter = 0;

  const runOne = async (block: BlockSpec): Promise<void> => {
    const label = errorText('error.label.travel.block', {
      n: ++counter,
      rows: block.sources.length,
      columns: block.targets.length,
    });
    for (let attempt = 0; ; attempt++) {
      stats.requests += 1;
      try {
        const values = await provider.table({
          sources: block.sources.map((i) => points[i] as LonLat),
          targets: block.targets.map((j) => points[j] as LonLat),
          signal: AbortSignal.timeout(settings.timeoutMs),
          label,
        });
        stats.pairs += block.sources.length * block.targets.length;
        onBlock(block, values);
        return;
      } catch (error) {
        if (error instanceof TableTooBigError && block.sources.length * block.targets.length > 1) {
          queue.push(...halves(block));
          return;
        }
        if (error instanceof TravelOutageError && attempt < settings.retries && failure === null) {
          await sleep(settings.retryBaseMs * 2 ** attempt);
          continue;
        }
        if (error instanceof TravelOutageError && attempt > 0)
          error.message = `${error.message} (after ${attempt + 1} attempts)`;
        throw error;
      }
    }
  };

  const worker = async (): Promise<void> => {
    while (failure === null) {
      const block = queue.shift();
      if (!block) return;
      await runOne(block).catch((error: unknown) => {
        failure ??= error;
      });
    }
  };
  // A split pushes new blocks while workers run; loop until nothing is queued or one failed.
  while (queue.length > 0 && failure === null)
    await Promise.all(Array.from({ length: Math.max(1, settings.concurrency) }, worker));
  if (failure !== null) throw failure instanceof Error ? failure : new Error('travel fetch failed');
  return stats;
}
