import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CycleRecords } from '../../domain/cycle/cycleReuse.js';
import type { Plan } from '../../domain/plan/planTypes.js';
import { chunked } from '../artifacts/artifactContent.js';
import { jsonChunks } from '../artifacts/jsonChunks.js';
import { parseJsonBytes } from '../json/parseJsonBytes.js';
import { fsyncDirectory, writeContentDurable } from '../publish/durableFs.js';

/** Where the cycle records of a region's versions live, inside the region's output folder. */
const CYCLES_DIR = '.cycles';

/**
 * `.cycles/<version>.json`: the cycle records of one version's plan (see cycleReuse.ts), kept
 * beside the versions rather than in them, so plan.json and the published files stay as they
 * are. The plan's `generatedAt` and `inputHash` tie the records to that very plan.
 */
interface CycleRecordsFile {
  recordsVersion: 1;
  version: string;
  generatedAt: string;
  inputHash: string;
  records: CycleRecords;
}

function recordsPath(regionOutDir: string, version: string): string {
  return join(regionOutDir, CYCLES_DIR, `${version}.json`);
}

/**
 * Writes the cycle records of a published (or candidate) version atomically, then removes the
 * records of versions that no longer exist (pruned). A lost or partial file costs only reuse.
 */
export async function writeCycleRecords(
  regionOutDir: string,
  version: string,
  plan: Plan,
  records: CycleRecords,
): Promise<void> {
  const dir = join(regionOutDir, CYCLES_DIR);
  await mkdir(dir, { recursive: true });
  const file: CycleRecordsFile = {
    recordsVersion: 1,
    version,
    generatedAt: plan.generatedAt,
    inputHash: plan.inputHash,
    records,
  };
  const path = recordsPath(regionOutDir, version);
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  // Streamed: a province's records are larger than the longest string V8 can make.
  await writeContentDurable(
    temporary,
    chunked(() => jsonChunks(file, 0)),
  );
  await rename(temporary, path);
  await fsyncDirectory(dir);
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.json')) continue;
    const exists = await stat(join(regionOutDir, 'versions', name.slice(0, -'.json'.length))).catch(
      () => null,
    );
    if (!exists) await rm(join(dir, name), { force: true });
  }
}

/**
 * The cycle records of `version`, when they exist and belong to `plan` (that version's plan);
 * null otherwise (older versions, a version copied from elsewhere, a damaged file), in which case
 * every cycle is planned.
 */
export async function readCycleRecords(
  regionOutDir: string,
  version: string,
  plan: Plan,
): Promise<CycleRecords | null> {
  try {
    const file = parseJsonBytes(await readFile(recordsPath(regionOutDir, version))) as CycleRecordsFile;
    const matches =
      file.recordsVersion === 1 &&
      file.version === version &&
      file.generatedAt === plan.generatedAt &&
      file.inputHash === plan.inputHash &&
      Array.isArray(file.records);
    return matches ? file.records : null;
  } catch {
    return null;
  }
}
