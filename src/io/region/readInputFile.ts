import { readFile, stat } from 'node:fs/promises';
import { MAX_INPUT_FILE_BYTES } from './decodeCsvText.js';
import { FatalInputError } from './fatalInputError.js';
import { errorText } from '../../i18n/warningText.js';

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/**
 * Reads an input file's bytes. A missing optional file is null; a missing required file, a
 * folder in its place, an unreadable file or one larger than MAX_INPUT_FILE_BYTES is a
 * FatalInputError naming the path (the size is checked before reading so a huge file costs nothing).
 */
export async function readInputFile(path: string, required: boolean): Promise<Buffer | null> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new FatalInputError(`${path}: not a file`, path);
    size = info.size;
  } catch (error) {
    if (error instanceof FatalInputError) throw error;
    if (errorCode(error) === 'ENOENT') {
      if (!required) return null;
      throw new FatalInputError(errorText('error.fileNotFound', { path }), path);
    }
    throw new FatalInputError(`${path}: cannot read the file (${(error as Error).message})`, path);
  }
  if (size > MAX_INPUT_FILE_BYTES) {
    throw new FatalInputError(
      `${path}: the file is ${Math.round(size / 1048576)} MB, more than the ${MAX_INPUT_FILE_BYTES / 1048576} MB an input file may have`,
      path,
    );
  }
  try {
    return await readFile(path);
  } catch (error) {
    throw new FatalInputError(`${path}: cannot read the file (${(error as Error).message})`, path);
  }
}

/** Throws a FatalInputError unless `dir` is an existing folder. */
export async function assertRegionFolder(dir: string): Promise<void> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new FatalInputError(`region folder ${dir} is not a folder`, dir);
  } catch (error) {
    if (error instanceof FatalInputError) throw error;
    if (errorCode(error) === 'ENOENT')
      throw new FatalInputError(errorText('error.regionMissing', { dir }), dir);
    throw new FatalInputError(`region folder ${dir} cannot be read (${(error as Error).message})`, dir);
  }
}
