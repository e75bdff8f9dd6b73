import { isUtf8 } from 'node:buffer';
import { FatalInputError } from './fatalInputError.js';
import { decodeGb18030, scanGb18030 } from './gb18030.js';
import { errorText } from '../../i18n/warningText.js';

/**
 * Largest input file accepted, in bytes. A region of 100,000 outlets is about 10 MB; anything past
 * this limit is not an outlet list, and reading it would only risk the worker's memory.
 */
export const MAX_INPUT_FILE_BYTES = 256 * 1024 * 1024;

/** 1-based line of a byte offset (counts LF, and CR not followed by LF). */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  return line;
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let length: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [length, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [length, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [length, min] = [4, 0x10000];
    else return i;
    let code = b & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += length;
  }
  return -1;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** The encodings a CSV input may be read in: detected (`auto`) or forced. */
export type EncodingChoice = 'auto' | 'utf-8' | 'gb18030';

/** The encoding a CSV file was read in (GBK files read as GB18030, their superset). */
export type CsvEncoding = 'utf-8' | 'gb18030';

/** A decoded CSV file: its text without BOM and the encoding it was read in. */
export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** Offset of the first C0 control byte that text never holds (all but tab, LF, VT, FF, CR), or -1. */
function firstControlByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x20 && (b < 0x09 || b > 0x0d)) return i;
  }
  return -1;
}

/**
 * True when NUL bytes sit at every other position, as in UTF-16 text of Latin letters without a
 * byte order mark (`i\0d\0,\0`), judged on the first 4,096 bytes.
 */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  return pairs >= 2 && Math.max(even, odd) >= 0.9 * pairs && Math.min(even, odd) <= 0.1 * pairs;
}

/** Where a byte is, for messages: `0xb1 at offset 12, line 2`. */
function describeByte(bytes: Uint8Array, offset: number): string {
  return `0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at offset ${offset}, line ${lineOfByte(bytes, offset)}`;
}

/** The checks every CSV file passes whatever its encoding: not empty, not UTF-16, not a workbook, no NUL. */
function checkIsText(bytes: Uint8Array, path: string): void {
  if (bytes.length === 0) throw new FatalInputError(errorText('error.fileEmpty', { path }), path);
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new FatalInputError(`${path}: the file is UTF-16 text; save it as CSV in UTF-8`, path);
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new FatalInputError(
      `${path}: the file is a spreadsheet workbook or archive, not CSV; save an Excel workbook as .xlsx ` +
        'and name it outlets.xlsx / reps.xlsx, or export it as CSV (UTF-8)',
      path,
    );
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    if (looksLikeUtf16(bytes)) {
      throw new FatalInputError(
        `${path}: the file looks like UTF-16 text without a byte order mark (every other byte is NUL); save it as CSV in UTF-8`,
        path,
      );
    }
    throw new FatalInputError(
      `${path}: not a text file (binary data: a NUL byte at offset ${nul}, line ${lineOfByte(bytes, nul)})`,
      path,
    );
  }
}

/** Decodes bytes known to be UTF-8, without the BOM. */
function utf8Text(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Decodes bytes as GB18030 because the settings force it, or throws naming the first malformed byte. */
function gb18030Text(bytes: Uint8Array, path: string): string {
  if (startsWith(bytes, UTF8_BOM)) {
    throw new FatalInputError(
      `${path}: the file starts with a UTF-8 byte order mark but GB18030 was forced (input.encoding / --encoding); drop the setting or the mark`,
      path,
    );
  }
  const scan = scanGb18030(bytes);
  if (scan.invalidAt !== -1) {
    throw new FatalInputError(
      `${path}: not GB18030 text (invalid byte ${describeByte(bytes, scan.invalidAt)}) although GB18030 was forced (input.encoding / --encoding)`,
      path,
    );
  }
  return decodeGb18030(bytes);
}

/**
 * Reads a file that is not UTF-8 as GB18030 when it is well-formed GB18030 and reads like Chinese
 * text; otherwise throws a FatalInputError saying why (binary, or some other encoding).
 */
function detectGb18030(bytes: Uint8Array, path: string, utf8Bad: number): string {
  const notUtf8 = `not UTF-8 text (invalid byte ${describeByte(bytes, utf8Bad)})`;
  if (startsWith(bytes, UTF8_BOM)) {
    throw new FatalInputError(
      `${path}: ${notUtf8}, although it starts with a UTF-8 byte order mark: the file is damaged or was saved in two encodings`,
      path,
    );
  }
  const control = firstControlByte(bytes);
  if (control !== -1) {
    throw new FatalInputError(
      `${path}: not a text file (binary data: control byte ${describeByte(bytes, control)}); ${notUtf8}`,
      path,
    );
  }
  const scan = scanGb18030(bytes);
  if (scan.invalidAt !== -1) {
    throw new FatalInputError(
      errorText('error.notUtf8NorGb18030', {
        path,
        utf8Byte: describeByte(bytes, utf8Bad),
        gbByte: describeByte(bytes, scan.invalidAt),
      }),
      path,
    );
  }
  if (scan.latinLikePairs > scan.commonPairs) {
    throw new FatalInputError(
      `${path}: ${notUtf8}; read as GB18030 it would be mostly rare characters (${scan.latinLikePairs} of ${scan.latinLikePairs + scan.commonPairs} ` +
        'two-byte characters look like an accented letter and the letter after it), so it is more likely Latin-1 or another ' +
        'single-byte encoding: save it as CSV in UTF-8, or force GB18030 with input.encoding / --encoding gb18030',
      path,
    );
  }
  return decodeGb18030(bytes);
}

/**
 * Decodes an input CSV file's bytes without its BOM and says which encoding it was read in.
 * `auto` (the default) reads UTF-8 (with or without BOM), and a file that is not UTF-8 but is
 * well-formed GB18030 (GBK, as Excel on Chinese Windows saves CSV) and reads like Chinese text
 * as GB18030; `utf-8` and `gb18030` force one. Whatever the choice, an empty file, UTF-16 (with
 * or without BOM), a spreadsheet or archive and binary data (a NUL or other control byte) throw
 * a FatalInputError that says what the file looks like, and so does text in neither encoding
 * (pointing at the first bad byte): the damage is file-wide, every name would be garbled.
 */
export function decodeCsvText(bytes: Uint8Array, path: string, choice: EncodingChoice = 'auto'): DecodedCsv {
  checkIsText(bytes, path);
  let decoded: DecodedCsv;
  if (choice === 'gb18030') decoded = { text: gb18030Text(bytes, path), encoding: 'gb18030' };
  else if (isUtf8(bytes)) decoded = { text: utf8Text(bytes), encoding: 'utf-8' };
  else if (choice === 'utf-8') {
    throw new FatalInputError(
      `${path}: not UTF-8 text (invalid byte ${describeByte(bytes, firstInvalidUtf8(bytes))}) although UTF-8 was forced ` +
        '(input.encoding / --encoding): save it as CSV in UTF-8, or let the encoding be detected (auto)',
      path,
    );
  } else {
    decoded = { text: detectGb18030(bytes, path, firstInvalidUtf8(bytes)), encoding: 'gb18030' };
  }
  if (decoded.text.trim() === '') throw new FatalInputError(errorText('error.fileEmpty', { path }), path);
  return decoded;
}
