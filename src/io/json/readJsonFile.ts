import { readFile } from 'node:fs/promises';
import { parseJsonBytes } from './parseJsonBytes.js';

/**
 * Reads and parses a JSON file of any size the process can hold as bytes (see parseJsonBytes):
 * a province-sized plan.json is larger than the longest string V8 can make, so it is never
 * decoded to one string. Errors carry the path (and the byte offset, when the JSON is malformed).
 */
export async function readJsonFile(path: string): Promise<unknown> {
  const bytes = await readFile(path);
  try {
    return parseJsonBytes(bytes);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
}
