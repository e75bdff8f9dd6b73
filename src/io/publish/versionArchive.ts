import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip, gunzipSync } from 'node:zlib';
import { fsyncDirectory } from './durableFs.js';

/** A compressed version file is stored as `<path>.gz` in place of `<path>`. */
export const COMPRESSED_SUFFIX = '.gz';

/**
 * Which old versions are kept compressed: every version except the newest `keepPlain`, the
 * current one and pending candidates, once its files add up to at least `minBytes`. A
 * 200,000-outlet version is about 735 MB and compresses to about a tenth.
 */
export interface ArchivePolicy {
  /** Newest versions left as they are (default 2). */
  keepPlain: number;
  /** Versions smaller than this (bytes, per manifest) stay plain (default 100 MB). */
  minBytes: number;
}

/** The default ArchivePolicy: the newest 2 versions plain, older ones of 100 MB or more compressed. */
export const DEFAULT_ARCHIVE_POLICY: ArchivePolicy = { keepPlain: 2, minBytes: 100 * 1024 * 1024 };

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `from` by `to`, written through `transform`, so that at every moment one complete
 * copy exists: the new file is written beside it, fsynced and renamed into place before the old
 * one is removed. A crash leaves either both (readers prefer the plain file) or one.
 */
async function transcode(from: string, to: string, transform: () => NodeJS.ReadWriteStream): Promise<void> {
  const temporary = `${to}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await pipeline(createReadStream(from), transform(), createWriteStream(temporary, { flags: 'wx' }));
    await fsyncFile(temporary);
    await rename(temporary, to);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await fsyncDirectory(dirname(to));
  await rm(from, { force: true });
}

/** True when any of the listed files of a version folder is held compressed. */
export async function isCompressed(versionDir: string, paths: readonly string[]): Promise<boolean> {
  for (const path of paths) {
    const plain = join(versionDir, path);
    if (!(await exists(plain)) && (await exists(plain + COMPRESSED_SUFFIX))) return true;
  }
  return false;
}

/** Compresses every listed file of a version folder that is still plain (gzip); returns how many. */
export async function compressVersionFiles(versionDir: string, paths: readonly string[]): Promise<number> {
  let compressed = 0;
  for (const path of paths) {
    const plain = join(versionDir, path);
    if (!(await exists(plain))) continue;
    await transcode(plain, plain + COMPRESSED_SUFFIX, () => createGzip({ level: 6 }));
    compressed++;
  }
  return compressed;
}

/**
 * Makes every listed file of a version folder plain again (before the version becomes current,
 * so that readers of `current` never meet a compressed file, and before the API serves one).
 * A `.gz` beside a plain file is left alone: it may be a compression under way, which removes
 * the plain file only after its `.gz` is complete, so deleting either here could lose both.
 */
export async function restoreVersionFiles(versionDir: string, paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    const plain = join(versionDir, path);
    const packed = plain + COMPRESSED_SUFFIX;
    if ((await exists(plain)) || !(await exists(packed))) continue;
    await transcode(packed, plain, () => createGunzip());
  }
}

/** The bytes of one version file, plain or compressed. Throws like readFile when neither exists. */
export async function readVersionFile(versionDir: string, path: string): Promise<Buffer> {
  const plain = join(versionDir, path);
  try {
    return await readFile(plain);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const packed = await readFile(plain + COMPRESSED_SUFFIX).catch(() => null);
    if (packed === null) throw error;
    return gunzipSync(packed);
  }
}
