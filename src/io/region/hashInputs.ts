import { createHash } from 'node:crypto';

/** The input files that decide a plan, in hashing order (a table is a CSV file or a workbook). */
export type InputRole =
  | 'outlets.csv'
  | 'outlets.xlsx'
  | 'reps.csv'
  | 'reps.xlsx'
  | 'policy.json'
  | '--policy'
  /** Optional; hashed (last) only when the region has one, so regions without it hash as before. */
  | 'supervisors.csv'
  | 'supervisors.xlsx';

/**
 * sha256 (hex) over the input files' bytes. Each file is prefixed by its role and byte length
 * (and an absent file by its role and `absent`), so swapping two files, moving bytes from one
 * file to the next, or adding an empty policy all change the hash.
 */
export function hashInputs(files: ReadonlyArray<{ role: InputRole; bytes: Uint8Array | null }>): string {
  const hash = createHash('sha256');
  for (const { role, bytes } of files) {
    if (bytes === null) {
      hash.update(`${role}\0absent\0`);
    } else {
      hash.update(`${role}\0${bytes.byteLength}\0`);
      hash.update(bytes);
    }
  }
  return hash.digest('hex');
}
