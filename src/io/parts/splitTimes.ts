import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDirectory, writeFileDurable } from '../publish/durableFs.js';

/** The last published split flow's child times, in the region's output folder. */
const SPLIT_TIMES_FILE = '.split-times.json';

/** Per pool: the run time of its cycle children and their outlet-visits, summed over its groups. */
export interface SplitTimes {
  timesVersion: 1;
  flowId: string;
  pools: Record<string, { ms: number; outletVisits: number }>;
}

/** Writes the times of a published flow atomically (temporary file, fsync, rename, fsync folder). */
export async function writeSplitTimes(regionOutDir: string, times: SplitTimes): Promise<void> {
  await mkdir(regionOutDir, { recursive: true });
  const path = join(regionOutDir, SPLIT_TIMES_FILE);
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  await writeFileDurable(temporary, JSON.stringify(times));
  await rename(temporary, path);
  await fsyncDirectory(regionOutDir);
}

/**
 * Ms per outlet-visit of every pool in the last published split flow, for ordering the next
 * flow's children. No file (no flow published yet) is an empty map; an unreadable one too, with
 * the reason in `problem` (the order is an optimisation: the flow still plans without it).
 */
export async function readPoolRates(
  regionOutDir: string,
): Promise<{ rates: Map<string, number>; problem: string | null }> {
  const path = join(regionOutDir, SPLIT_TIMES_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { rates: new Map(), problem: code === 'ENOENT' ? null : `${path}: ${(error as Error).message}` };
  }
  try {
    const times = JSON.parse(text) as SplitTimes;
    if (times.timesVersion !== 1 || typeof times.pools !== 'object' || times.pools === null)
      return { rates: new Map(), problem: `${path}: not a split times file` };
    const rates = new Map<string, number>();
    for (const [pool, { ms, outletVisits }] of Object.entries(times.pools))
      if (Number.isFinite(ms) && outletVisits > 0) rates.set(pool, ms / outletVisits);
    return { rates, problem: null };
  } catch (error) {
    return { rates: new Map(), problem: `${path}: ${(error as Error).message}` };
  }
}
