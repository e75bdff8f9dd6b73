import { isUtf8 } from 'node:buffer';
import { FatalInputError } from './fatalInputError.js';

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

/**
 * Decodes an input file's bytes as UTF-8 text without its BOM, or throws a FatalInputError that
 * says what the file looks like instead: empty, UTF-16, a spreadsheet or other binary file, or
 * text in another encoding (e.g. GBK or Latin-1). A wrongly encoded file is fatal rather than
 * quarantined row by row because the damage is file-wide: every name would be garbled.
 */
export function decodeCsvText(bytes: Uint8Array, path: string): string {
  if (bytes.length === 0) throw new FatalInputError(`${path}: the file is empty`, path);
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new FatalInputError(`${path}: the file is UTF-16 text; save it as CSV in UTF-8`, path);
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new FatalInputError(
      `${path}: the file is a spreadsheet workbook or archive, not CSV; export it as CSV (UTF-8)`,
      path,
    );
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new FatalInputError(
      `${path}: not a text file (binary data: a NUL byte at offset ${nul}, line ${lineOfByte(bytes, nul)})`,
      path,
    );
  }
  if (!isUtf8(bytes)) {
    const bad = firstInvalidUtf8(bytes);
    throw new FatalInputError(
      `${path}: not UTF-8 text (invalid byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')} at offset ${bad}, line ${lineOfByte(bytes, bad)}); ` +
        'binary data, or text saved in another encoding such as GBK or Latin-1: save it as CSV in UTF-8',
      path,
    );
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (withoutBom.trim() === '') throw new FatalInputError(`${path}: the file is empty`, path);
  return withoutBom;
}
