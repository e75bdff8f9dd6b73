const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a plain decimal number as written in a CSV cell (`116.39`, `-3`, `1e3`), or returns null.
 * Stricter than Number(): '', 'NaN', 'Infinity', hex and decimal commas (`39,9`) are not numbers,
 * so a typo never turns into 0 or a silently different value.
 */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}
