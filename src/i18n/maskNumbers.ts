/**
 * A text with every number (integer or decimal) replaced by `#`: how quarantine reasons are
 * grouped into kinds ("duplicate id (first used on line 17)" and "... line 912" are one kind),
 * and how a kind's reason is matched back to its catalogue template. Pure.
 */
export function maskNumbers(text: string): string {
  return text.replace(/\d+(?:\.\d+)?/g, '#');
}
