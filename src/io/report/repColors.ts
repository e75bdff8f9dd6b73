/** Twelve well-separated colours (Tableau 10 plus two), readable on white and distinct when printed. */
const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#3b3b98',
  '#17becf',
  '#8c564b',
];

/**
 * Distinct display colours for `count` reps, in rep order: the fixed palette first, then hues
 * spaced by the golden angle so that neighbours in the list never look alike.
 */
export function repColors(count: number): string[] {
  const colors: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i < PALETTE.length) colors.push(PALETTE[i] as string);
    else {
      const hue = Math.round((i * 137.508) % 360);
      const lightness = 38 + ((i * 7) % 3) * 8;
      colors.push(`hsl(${hue}, 62%, ${lightness}%)`);
    }
  }
  return colors;
}
