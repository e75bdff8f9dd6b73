/**
 * A small RFC 4180 record reader with damage control. Why not csv-parse: on a 50 MB line it took
 * ~8 s and ~950 MB of memory, and once a record breaks its size limit or a quote never closes it
 * stops and drops the rest of the file. Outlet files are hand-edited exports, so one bad row must
 * cost one row. The differential test (test/io/readCsvRecords.test.ts) checks this reader against
 * csv-parse on well-formed input.
 *
 * Rules:
 * - Fields are separated by `,`; records end at `\r\n`, `\n` or `\r` (mixed endings are fine).
 * - A field that starts with `"` is quoted: it may hold commas, line breaks and `""` (one quote)
 *   and ends at a `"` followed by `,`, a line break or the end of the text.
 * - A `"` inside an unquoted field is kept as a literal character (`12" screen`).
 * - Records with only empty or blank fields (blank lines, `,,,`) are skipped.
 * - Line numbers are 1-based physical lines; a record that holds quoted line breaks starts at
 *   `line` and ends at `endLine`.
 * Damage (reported as a problem, then reading resumes at the physical line after the record's
 * first line, so a stray quote costs one line, not the rest of the file):
 * - `too-long`: the record is longer than `maxRecordChars` characters;
 * - `unterminated-quote`: a quoted field never closes;
 * - `text-after-quote`: a quoted field is followed by other text (`"ab"c`).
 * Spanning quotes: a record whose quoted value holds a line break is offered to the caller's
 * `checkSpan` (when given). A stray quote that opens on one row and closes on a later one reads
 * as such a record: every row in between becomes part of one value. When `checkSpan` refuses the
 * record, its first line is reported (`spanning-quote`), the line of each closing quote too
 * (`spanning-quote-close`), and the lines in between are read again as records of their own.
 */
import { quarantineText } from '../../i18n/warningText.js';

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Default longest record, in characters: real outlet rows are well under 1,000. */
export const DEFAULT_MAX_RECORD_CHARS = 64 * 1024;

/** Re-reading after damage may not exceed this many passes over the text (keeps hostile input linear). */
const RESCAN_LIMIT = 8;

export interface CsvRecord {
  /** Physical line where the record starts (1-based). */
  line: number;
  /** Physical line where the record ends (differs from `line` when a quoted field holds line breaks). */
  endLine: number;
  fields: string[];
}

export type CsvDamageKind =
  | 'too-long'
  | 'unterminated-quote'
  | 'text-after-quote'
  | 'spanning-quote'
  | 'spanning-quote-close'
  | 'unread-rest';

export interface CsvDamage {
  kind: CsvDamageKind;
  /** Physical line where the damaged record starts. */
  line: number;
  /** The start of the damaged record's text (at most 200 characters). */
  excerpt: string;
  /** What went wrong and what the reader did about it. */
  message: string;
}

export interface CsvReadResult {
  records: CsvRecord[];
  damage: CsvDamage[];
}

/** A quoted value of a record that holds a line break. */
export interface QuotedSpan {
  /** Index of the field in the record. */
  field: number;
  /** Physical line of the opening quote. */
  line: number;
  /** 1-based character position of the opening quote in its line. */
  column: number;
  /** Physical line of the closing quote. */
  endLine: number;
}

/**
 * Decides whether a record with quoted line breaks is what it says. Returns null to accept it,
 * or the name of the first spanning value's column and why the record cannot be one record.
 */
export type SpanCheck = (
  record: CsvRecord,
  spans: readonly QuotedSpan[],
) => { field: string; why: string } | null;

export interface CsvReadOptions {
  maxRecordChars?: number;
  checkSpan?: SpanCheck;
}

type ReadDamageKind = 'too-long' | 'unterminated-quote' | 'text-after-quote';

type RecordAttempt =
  | { ok: true; fields: string[]; next: number; endLine: number; spans: QuotedSpan[] }
  | { ok: false; kind: ReadDamageKind; scannedTo: number; quoteLine: number };

/** Counts line breaks (`\r\n`, `\n`, `\r` each count once) in text[from, to). */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR) {
      count++;
      if (i + 1 < to && text.charCodeAt(i + 1) === LF) i++;
    }
  }
  return count;
}

/** Index just after the first line break at or after `from`, or text.length. */
function afterNextLineBreak(text: string, from: number): number {
  // A scan, not indexOf('\r'): in a file without CR that would run to the end of the text on
  // every damaged line, quadratic on a file of stray quotes.
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) return i + 1;
    if (c === CR) return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
  }
  return text.length;
}

/** Index just after the line break that starts at `at` (which holds CR or LF). */
function skipLineBreak(text: string, at: number): number {
  return text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF ? at + 2 : at + 1;
}

/** Index just after the last line break in text[from, to), or -1 when there is none. */
function afterLastLineBreak(text: string, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) return i + 1;
  }
  return -1;
}

function readRecord(text: string, start: number, startLine: number, maxChars: number): RecordAttempt {
  const n = text.length;
  const limit = Math.min(n, start + maxChars);
  const fields: string[] = [];
  const spans: QuotedSpan[] = [];
  let line = startLine;
  let lineStart = start;
  let i = start;
  for (;;) {
    if (i < n && text.charCodeAt(i) === QUOTE) {
      const open = i;
      let value = '';
      let segment = i + 1;
      let closeAt: number;
      for (;;) {
        const q = text.indexOf('"', segment);
        if (q === -1 || q >= limit) {
          const kind = q === -1 && n <= limit ? 'unterminated-quote' : 'too-long';
          return { ok: false, kind, scannedTo: q === -1 ? n : limit, quoteLine: line };
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(segment, q + 1);
          segment = q + 2;
          continue;
        }
        value += text.slice(segment, q);
        closeAt = q;
        break;
      }
      const breaks = countLineBreaks(text, open + 1, closeAt);
      if (breaks > 0) {
        spans.push({ field: fields.length, line, column: open - lineStart + 1, endLine: line + breaks });
        line += breaks;
        lineStart = afterLastLineBreak(text, open + 1, closeAt);
      }
      i = closeAt + 1;
      fields.push(value);
      if (i >= n) return { ok: true, fields, next: n, endLine: line, spans };
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === CR || c === LF) {
        return { ok: true, fields, next: skipLineBreak(text, i), endLine: line, spans };
      }
      return { ok: false, kind: 'text-after-quote', scannedTo: i, quoteLine: line };
    }
    let j = i;
    while (j < limit) {
      const c = text.charCodeAt(j);
      if (c === COMMA || c === CR || c === LF) break;
      j++;
    }
    if (j >= limit && limit < n) return { ok: false, kind: 'too-long', scannedTo: limit, quoteLine: line };
    fields.push(text.slice(i, j));
    if (j >= n) return { ok: true, fields, next: n, endLine: line, spans };
    if (text.charCodeAt(j) === COMMA) {
      i = j + 1;
      continue;
    }
    return { ok: true, fields, next: skipLineBreak(text, j), endLine: line, spans };
  }
}

function describeDamage(kind: ReadDamageKind, line: number, quoteLine: number, maxChars: number): string {
  switch (kind) {
    case 'too-long':
      return quarantineText('quarantine.tooLong', { max: maxChars, line });
    case 'unterminated-quote':
      return quarantineText('quarantine.unterminatedQuote', { line });
    case 'text-after-quote':
      if (quoteLine > line) return quarantineText('quarantine.strayQuote', { line, quoteLine });
      return quarantineText('quarantine.textAfterQuote', { line });
  }
}

function isBlank(fields: readonly string[]): boolean {
  return fields.every((f) => f.trim() === '');
}

/** The physical line at `pos` without its line break, at most 200 characters. */
function lineExcerpt(text: string, pos: number): string {
  return text.slice(pos, Math.min(pos + 200, afterNextLineBreak(text, pos))).replace(/[\r\n]+$/, '');
}

function describeRefusedSpan(
  span: QuotedSpan,
  last: number,
  verdict: { field: string; why: string },
): string {
  const { line } = span;
  const params = { field: verdict.field, line, column: span.column, end: span.endLine, why: verdict.why };
  return last - line > 1
    ? quarantineText('quarantine.refusedSpanBetween', { ...params, next: line + 1, before: last - 1 })
    : quarantineText('quarantine.refusedSpan', params);
}

/** Receives what the reader finds, in file order (a record or damage at a time). */
export interface CsvRecordVisitor {
  record(record: CsvRecord): void;
  damage(damage: CsvDamage): void;
}

/**
 * Splits CSV text (already decoded, without BOM) into records with their physical line numbers,
 * following RFC 4180 plus the damage rules in this file's header. Never throws, and runs in time
 * linear in the text length even on hostile input (a single 50 MB line, thousands of stray quotes).
 */
export function readCsvRecords(text: string, options: CsvReadOptions = {}): CsvReadResult {
  const records: CsvRecord[] = [];
  const damage: CsvDamage[] = [];
  scanCsvRecords(text, options, {
    record: (record) => records.push(record),
    damage: (found) => damage.push(found),
  });
  return { records, damage };
}

/**
 * readCsvRecords without collecting: hands each record and each damage report to `visit` as soon
 * as it is read, so a caller that handles rows one at a time keeps no more than one record in
 * memory (a 250 MB file is millions of records). `options.checkSpan` is read at every spanning
 * record, so a caller may install it once it has read the header. Throws only what `visit` throws.
 */
export function scanCsvRecords(text: string, options: CsvReadOptions, visit: CsvRecordVisitor): void {
  const maxChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  const rescanBudget = RESCAN_LIMIT * text.length + maxChars;
  /** Lines holding the closing quote of a refused spanning record, with their message. */
  const closingLines = new Map<number, string>();
  let rescanned = 0;
  let pos = 0;
  let line = 1;
  /** Reports the line at `pos` as damaged and moves to the next one; false when reading must stop. */
  const skipLine = (kind: Exclude<CsvDamageKind, 'unread-rest'>, message: string, scannedTo: number) => {
    visit.damage({ kind, line, excerpt: lineExcerpt(text, pos), message });
    const resume = afterNextLineBreak(text, pos);
    // Text scanned beyond the resume point will be read again; bound that re-reading.
    rescanned += Math.max(0, scannedTo - resume);
    pos = resume;
    line += 1;
    if (rescanned > rescanBudget && pos < text.length) {
      visit.damage({
        kind: 'unread-rest',
        line,
        excerpt: text.slice(pos, pos + 200),
        message: quarantineText('quarantine.unreadRest', { line }),
      });
      return false;
    }
    return true;
  };
  while (pos < text.length) {
    const closing = closingLines.get(line);
    if (closing !== undefined) {
      closingLines.delete(line);
      if (!skipLine('spanning-quote-close', closing, pos)) break;
      continue;
    }
    const attempt = readRecord(text, pos, line, maxChars);
    if (!attempt.ok) {
      if (
        !skipLine(
          attempt.kind,
          describeDamage(attempt.kind, line, attempt.quoteLine, maxChars),
          attempt.scannedTo,
        )
      )
        break;
      continue;
    }
    const record = { line, endLine: attempt.endLine, fields: attempt.fields };
    const first = attempt.spans[0];
    const checkSpan = options.checkSpan;
    const verdict = first && checkSpan && !isBlank(record.fields) ? checkSpan(record, attempt.spans) : null;
    if (first && verdict) {
      for (const span of attempt.spans) {
        closingLines.set(
          span.endLine,
          quarantineText('quarantine.closingQuote', {
            field: verdict.field,
            line: first.line,
            column: first.column,
            end: span.endLine,
          }),
        );
      }
      if (!skipLine('spanning-quote', describeRefusedSpan(first, record.endLine, verdict), attempt.next))
        break;
      continue;
    }
    pos = attempt.next;
    line = attempt.endLine + 1;
    for (const closingLine of closingLines.keys())
      if (closingLine <= record.endLine) closingLines.delete(closingLine);
    if (!isBlank(record.fields)) visit.record(record);
  }
}
