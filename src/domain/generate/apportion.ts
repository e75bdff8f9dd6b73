/**
 * Splits `total` into whole numbers proportional to `weights` (largest-remainder method), so the
 * parts always sum to `total`. Ties in the remainders go to the earlier weight, which keeps the
 * split deterministic. Throws when a weight is negative or all weights are zero while total > 0.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0)
    throw new Error(`apportion: total must be a whole number >= 0, got ${total}`);
  if (weights.some((w) => !(w >= 0)))
    throw new Error(`apportion: weights must be >= 0, got [${weights.join(', ')}]`);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return weights.map(() => 0);
  if (sum <= 0) throw new Error(`apportion: cannot split ${total} over all-zero weights`);
  const exact = weights.map((w) => (w / sum) * total);
  const parts = exact.map((x) => Math.floor(x));
  let missing = total - parts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((x, index) => ({ index, remainder: x - Math.floor(x) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (missing <= 0) break;
    parts[index] = (parts[index] ?? 0) + 1;
    missing--;
  }
  return parts;
}
