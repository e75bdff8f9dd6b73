const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Minutes after midnight of a clock time `H:MM` or `HH:MM` (seconds `:SS` are accepted and
 * ignored; full-width digits and colons `８：３０` are read as half-width), or null when the text is
 * not a valid time. `24:00` is accepted (end of day) so that
 * a shop open until midnight can say so.
 */
export function parseClockTime(text: string): number | null {
  const match = CLOCK.exec(text.normalize('NFKC').trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  const seconds = match[3] === undefined ? 0 : Number(match[3]);
  if (minutes > 59 || seconds > 59) return null;
  if (hours === 24 && minutes === 0 && seconds === 0) return 1440;
  if (hours > 23) return null;
  return hours * 60 + minutes;
}

/** An opening window in minutes after midnight; `to` may exceed 1440 for windows past midnight. */
export interface OpeningWindow {
  from: number;
  to: number;
}

/**
 * Builds an opening window from two clock times. A window that ends at or before it starts runs
 * past midnight (18:00-02:00), so its end is stored as minutes + 1440 (02:00 -> 1560): the window
 * is then always `from < to` on one continuous time line that starts at the opening day's midnight.
 * Equal times are rejected (a zero-length window is a typo, not a 24-hour shop).
 */
export function openingWindow(from: number, to: number): OpeningWindow | null {
  if (from === to || from >= 1440) return null;
  return to > from ? { from, to } : { from, to: to + 1440 };
}
