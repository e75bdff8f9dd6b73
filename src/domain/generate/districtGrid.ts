/**
 * The old administrative areas of a synthetic region: a grid of rectangles numbered row by row
 * from the north-west corner (`D01`, `D02`, ...). The status-quo baseline "one rep per
 * administrative area" compares against these, so they deliberately ignore where outlets cluster.
 */
export interface DistrictGrid {
  cols: number;
  rows: number;
  /** Label of the district containing local point (x, y) km; points on the border clamp inwards. */
  labelAt(x: number, y: number): string;
}

const REFERENCE_WIDTH_KM = 15;
const REFERENCE_HEIGHT_KM = 12;
const REFERENCE_COLS = 4;
const REFERENCE_ROWS = 3;

/**
 * Builds the district grid for a `widthKm` x `heightKm` region centred on the origin: 4 x 3
 * districts for the reference 15 x 12 km district, and proportionally more (same district size)
 * for larger regions. Labels are zero-padded to at least two digits so they sort naturally.
 */
export function createDistrictGrid(widthKm: number, heightKm: number): DistrictGrid {
  const cols = Math.max(1, Math.round((REFERENCE_COLS * widthKm) / REFERENCE_WIDTH_KM));
  const rows = Math.max(1, Math.round((REFERENCE_ROWS * heightKm) / REFERENCE_HEIGHT_KM));
  const digits = Math.max(2, String(cols * rows).length);
  return {
    cols,
    rows,
    labelAt(x, y) {
      const col = Math.min(cols - 1, Math.max(0, Math.floor(((x + widthKm / 2) / widthKm) * cols)));
      const row = Math.min(rows - 1, Math.max(0, Math.floor(((heightKm / 2 - y) / heightKm) * rows)));
      return `D${String(row * cols + col + 1).padStart(digits, '0')}`;
    },
  };
}
