/** Parses a non-negative integer seed option, naming the option when it is not one. */
export function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new Error(`--seed must be a whole number from 0 to 4294967295, got "${value}"`);
  }
  return n;
}
