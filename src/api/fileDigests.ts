import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/** Files whose digest is remembered; the oldest is forgotten first beyond this. */
const REMEMBERED = 4096;

/** sha256 by file identity (path, device, inode, size, modification and change times). */
const digests = new Map<string, string>();

const identityOf = (path: string, info: Stats): string =>
  `${path}\0${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;

async function hashHandle(handle: FileHandle, size: number): Promise<string> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(Math.min(Math.max(size, 1), 1 << 20));
  let position = 0;
  for (;;) {
    const { bytesRead } = await handle.read({ buffer, position });
    if (bytesRead === 0) break;
    hash.update(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
  return hash.digest('hex');
}

/**
 * The sha256 (hex) of an open file, read through `handle` (so it is the very file that is then
 * sent), remembered by the file's identity: published files are written once and renamed into
 * place, so a file with the same path, inode, size and times has the same bytes, and each is
 * read twice (hash, send) only the first time it is served. A file rewritten in place changes
 * its times and is hashed again.
 */
export async function fileDigest(path: string, handle: FileHandle, info: Stats): Promise<string> {
  const key = identityOf(path, info);
  const known = digests.get(key);
  if (known !== undefined) {
    digests.delete(key);
    digests.set(key, known);
    return known;
  }
  const digest = await hashHandle(handle, info.size);
  digests.set(key, digest);
  if (digests.size > REMEMBERED) digests.delete(digests.keys().next().value as string);
  return digest;
}
