import { createHash } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { contentPieces, type ArtifactContent } from '../artifacts/artifactContent.js';

/** Bytes gathered before one write(2): few system calls, little memory. */
const WRITE_BATCH_BYTES = 4 << 20;

/** Size and sha256 of what was written, as manifest.json lists them. */
export interface WrittenDigest {
  size: number;
  sha256: string;
}

/**
 * Writes a new file and fsyncs it before returning, so that after a crash the file either does
 * not exist or holds all its bytes. Fails if the file exists (staging folders are fresh).
 */
export async function writeFileDurable(path: string, content: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes a new file from text, bytes or chunked content (UTF-8), piece by piece in batches of a
 * few MiB, hashing what it writes, and fsyncs it before returning: a file larger than any one
 * string can be written, and its manifest digest comes from the bytes on their way to disk
 * instead of a second pass. Fails if the file exists (staging folders are fresh). With `sync`
 * false (default true) the fsync is the caller's: syncFiles after a batch of files.
 */
export async function writeContentDurable(
  path: string,
  content: ArtifactContent,
  sync = true,
): Promise<WrittenDigest> {
  const handle = await open(path, 'wx');
  const hash = createHash('sha256');
  let size = 0;
  let batch: Buffer[] = [];
  let batchBytes = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const bytes = batch.length === 1 ? (batch[0] as Buffer) : Buffer.concat(batch, batchBytes);
    batch = [];
    batchBytes = 0;
    await handle.write(bytes);
  };
  try {
    for (const piece of contentPieces(content)) {
      const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece);
      hash.update(bytes);
      size += bytes.byteLength;
      batch.push(bytes);
      batchBytes += bytes.byteLength;
      if (batchBytes >= WRITE_BATCH_BYTES) await flush();
    }
    await flush();
    if (sync) await handle.sync();
  } finally {
    await handle.close();
  }
  return { size, sha256: hash.digest('hex') };
}

/** Files whose fsync syncFiles has in flight at once. */
const SYNC_CONCURRENCY = 16;

/**
 * Fsyncs files written with `sync` false, several at a time: one fsync after another costs a
 * disk flush each (about 1 s for the 450 files of a 400-rep version here), while the device
 * completes concurrent ones together. Resolves when every file's bytes are on disk.
 */
export async function syncFiles(paths: readonly string[]): Promise<void> {
  for (let i = 0; i < paths.length; i += SYNC_CONCURRENCY) {
    await Promise.all(
      paths.slice(i, i + SYNC_CONCURRENCY).map(async (path) => {
        const handle = await open(path, 'r');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
      }),
    );
  }
}

/** Fsyncs a directory so that entries created, renamed or removed in it survive a crash. */
export async function fsyncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Removes a folder tree; a missing folder is fine. */
export async function removeTree(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}

/** True when a process with this pid is alive on this machine. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
