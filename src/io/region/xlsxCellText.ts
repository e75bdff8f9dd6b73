/**
 * Worksheet cells as the text a CSV export of them would hold. Excel stores dates and times as
 * serial numbers (days since 1899-12-30, the time of day as the fraction: 0.375 = 09:00) and only
 * the cell's number format says that a number is a time; exceljs hands over numbers, strings,
 * booleans, Dates, rich text, hyperlinks, formulas with their cached result and errors. This file
 * turns each into text (and keeps a number's value, so a clock-time column can read a plain
 * serial as a time too).
 */

/** One worksheet cell: its text and, for a number (a date or time included), its serial value. */
export interface SheetCell {
  text: string;
  /** The cell's number (for a date or time: its Excel serial), or null for text, booleans and blanks. */
  serial: number | null;
}

/** An empty cell. */
export const EMPTY_CELL: SheetCell = { text: '', serial: null };

const MS_PER_DAY = 86_400_000;
/** Serial of 1970-01-01 in Excel's 1900 date system (and in the 1904 system). */
const UNIX_EPOCH_SERIAL = { 1900: 25569, 1904: 24107 } as const;

/**
 * What a number format shows: a date part (day, month or year fields), a time part (hours,
 * seconds or AM/PM; minutes alone are months), both or neither. Literal text in quotes,
 * backslash escapes and bracketed codes such as colours or locales are ignored, except the
 * elapsed-time codes `[h]`, `[m]`, `[s]`.
 */
export function numberFormatKind(format: string | undefined): { date: boolean; time: boolean } {
  if (format === undefined || format === '' || /^general$/i.test(format)) return { date: false, time: false };
  const section = format.split(';')[0] ?? '';
  const codes = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '')
    .replace(/e[+-]/gi, '')
    .toLowerCase();
  const time = /[hs]|am\/pm|a\/p|上午\/下午/.test(codes);
  const date = /[dye]/.test(codes) || (!time && /m/.test(codes));
  return { date, time };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * A time of day or an elapsed time from a serial: `HH:MM`, or `HH:MM:SS` when the seconds are not
 * zero, rounded to the second; hours run past 24 for serials of a day or more (`[h]:mm`).
 */
export function serialClockText(serial: number): string {
  const seconds = Math.round(serial * 86_400);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return s === 0 ? `${pad(h)}:${pad(m)}` : `${pad(h)}:${pad(m)}:${pad(s)}`;
}

/** A date serial as `YYYY-MM-DD`, with the time of day (`YYYY-MM-DD HH:MM[:SS]`) when asked. */
function serialDateText(serial: number, withTime: boolean, date1904: boolean): string {
  const base = UNIX_EPOCH_SERIAL[date1904 ? 1904 : 1900];
  const days = Math.floor(serial);
  const date = new Date((days - base) * MS_PER_DAY);
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  return withTime ? `${day} ${serialClockText(serial - days)}` : day;
}

/** A number cell as text: dates and times by their format, other numbers as JavaScript writes them. */
function numberCell(value: number, format: string | undefined, date1904: boolean): SheetCell {
  if (!Number.isFinite(value)) return { text: String(value), serial: null };
  const kind = numberFormatKind(format);
  if (kind.date) return { text: serialDateText(value, kind.time, date1904), serial: value };
  if (kind.time) return { text: serialClockText(value), serial: value };
  return { text: String(value), serial: value };
}

/** The serial of a Date exceljs made from a date-formatted cell (the inverse of its conversion). */
function dateSerial(date: Date, date1904: boolean): number {
  return date.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL[date1904 ? 1904 : 1900];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * One cell's value (as exceljs reads it) and number format as a SheetCell: text as is, numbers
 * plainly or by their date/time format, booleans as TRUE / FALSE, rich text joined, a hyperlink's
 * text, a formula's cached result (a formula Excel never calculated is empty), an error as
 * written (`#N/A`). `date1904` is the workbook's date system.
 */
export function sheetCell(value: unknown, format: string | undefined, date1904: boolean): SheetCell {
  if (value === null || value === undefined) return EMPTY_CELL;
  if (typeof value === 'string') return { text: value, serial: null };
  if (typeof value === 'number') return numberCell(value, format, date1904);
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', serial: null };
  if (value instanceof Date) {
    const serial = dateSerial(value, date1904);
    const kind = numberFormatKind(format);
    // exceljs made a Date because the format is a date or time format; keep what it shows.
    return numberCell(serial, kind.date || kind.time ? format : 'yyyy-mm-dd hh:mm:ss', date1904);
  }
  if (isRecord(value)) {
    if (Array.isArray(value.richText)) {
      const parts = value.richText as unknown[];
      return {
        text: parts
          .map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
          .join(''),
        serial: null,
      };
    }
    if ('formula' in value || 'sharedFormula' in value) return sheetCell(value.result, format, date1904);
    if ('error' in value)
      return { text: typeof value.error === 'string' ? value.error : '#ERROR', serial: null };
    if ('text' in value) return sheetCell(value.text, format, date1904);
  }
  // Anything else exceljs may add one day: its JSON, never a silent empty cell.
  return { text: JSON.stringify(value) ?? '', serial: null };
}
