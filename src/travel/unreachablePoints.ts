/**
 * Which points of a travel table to leave out so that every remaining pair that matters has a
 * route: repeatedly drops the droppable point (an outlet) with the most missing pairs, ties to
 * the lower index, until none is missing. Pairs between two fixed points (rep homes) do not
 * matter: no route ever joins two homes. `minutes` is row-major n x n with NaN for no route.
 * Returns the dropped indices in ascending order. Deterministic; O(n^2) plus O(n) per drop.
 */
export function unreachablePoints(
  size: number,
  minutes: Float64Array,
  droppable: (index: number) => boolean,
): number[] {
  const missing = new Int32Array(size);
  const counts = (i: number, j: number): boolean =>
    i !== j && (droppable(i) || droppable(j)) && Number.isNaN(minutes[i * size + j]);
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++)
      if (counts(i, j)) {
        missing[i] = (missing[i] as number) + 1;
        missing[j] = (missing[j] as number) + 1;
      }
  const dropped = new Uint8Array(size);
  const out: number[] = [];
  for (;;) {
    let worst = -1;
    for (let i = 0; i < size; i++)
      if (
        !dropped[i] &&
        droppable(i) &&
        (missing[i] as number) > (worst < 0 ? 0 : (missing[worst] as number))
      )
        worst = i;
    if (worst < 0) break;
    dropped[worst] = 1;
    out.push(worst);
    for (let j = 0; j < size; j++) {
      if (dropped[j]) continue;
      if (counts(worst, j)) missing[j] = (missing[j] as number) - 1;
      if (counts(j, worst)) missing[j] = (missing[j] as number) - 1;
    }
  }
  return out.sort((a, b) => a - b);
}
