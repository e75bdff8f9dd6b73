/**
 * Nine well-separated colours (Tableau 10 without its grey, which reads as "unassigned"),
 * readable on white and on a street basemap, distinct when printed.
 */
export const REP_PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
] as const;

/** Colour number `k` beyond the palette: hues spaced by the golden angle. */
function extraColor(k: number): string {
  const hue = Math.round((k * 137.508) % 360);
  const lightness = 36 + (k % 3) * 9;
  return `hsl(${hue}, 60%, ${lightness}%)`;
}

/**
 * Display colours for `count` reps such that two reps listed in `neighbours` (pairs of rep
 * indexes, e.g. territories that share a border) never get the same colour: DSatur graph
 * colouring (most-constrained rep first: the one whose neighbours already use the most different
 * colours, then the one with most neighbours, then the lowest index), giving each rep the palette
 * colour its neighbours do not use that is used least so far, so colours spread evenly over the
 * map. A rep whose neighbours use every palette colour gets a further, generated colour (planar
 * maps need at most four, so this stays rare). Deterministic; reps without neighbours simply take
 * the least used colour.
 */
export function repColors(count: number, neighbours: ReadonlyArray<readonly [number, number]>): string[] {
  const adjacent: Array<Set<number>> = Array.from({ length: count }, () => new Set<number>());
  for (const [a, b] of neighbours) {
    if (a === b || a < 0 || b < 0 || a >= count || b >= count) continue;
    adjacent[a]?.add(b);
    adjacent[b]?.add(a);
  }
  const color = new Array<number>(count).fill(-1);
  const usedAround: Array<Set<number>> = Array.from({ length: count }, () => new Set<number>());
  const uses: number[] = [];
  for (let step = 0; step < count; step++) {
    let pick = -1;
    for (let i = 0; i < count; i++) {
      if (color[i] !== -1) continue;
      if (pick === -1) {
        pick = i;
        continue;
      }
      const sat = (usedAround[i] as Set<number>).size - (usedAround[pick] as Set<number>).size;
      const deg = (adjacent[i] as Set<number>).size - (adjacent[pick] as Set<number>).size;
      if (sat > 0 || (sat === 0 && deg > 0)) pick = i;
    }
    const taken = usedAround[pick] as Set<number>;
    let best = -1;
    for (let c = 0; c < REP_PALETTE.length; c++) {
      if (!taken.has(c) && (best === -1 || (uses[c] ?? 0) < (uses[best] ?? 0))) best = c;
    }
    // Every palette colour is next door: the first generated colour none of the neighbours has.
    if (best === -1) for (best = REP_PALETTE.length; taken.has(best);) best += 1;
    color[pick] = best;
    uses[best] = (uses[best] ?? 0) + 1;
    for (const other of adjacent[pick] as Set<number>) usedAround[other]?.add(best);
  }
  return color.map((c) => REP_PALETTE[c] ?? extraColor(c));
}
