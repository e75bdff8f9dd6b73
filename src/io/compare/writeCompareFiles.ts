import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fsyncDirectory, writeFileDurable } from '../publish/durableFs.js';

/**
 * Writes files into a folder (created when missing), each atomically: its bytes go to a fresh
 * temporary name in the same folder and are fsynced, then renamed over the target, so a reader
 * (the HTTP API serving compare.html, a browser reloading it) sees the old file or the new one,
 * never a half-written one. A failed write removes its temporary file. Returns the paths written.
 */
export async function writeFilesAtomically(
  dir: string,
  files: ReadonlyArray<{ name: string; content: string }>,
): Promise<string[]> {
  const folder = resolve(dir);
  await mkdir(folder, { recursive: true });
  const written: string[] = [];
  for (const file of files) {
    const target = join(folder, file.name);
    const temp = join(folder, `.${file.name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFileDurable(temp, file.content);
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw new Error(`cannot write ${target}: ${(error as Error).message}`, { cause: error });
    }
    written.push(target);
  }
  await fsyncDirectory(folder);
  return written;
}
