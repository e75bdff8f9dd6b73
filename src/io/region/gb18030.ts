import iconv from 'iconv-lite';

/**
 * GB18030 (the superset of GBK and GB2312 that Excel and WPS on Chinese Windows save "CSV" in) as
 * a byte structure: ASCII bytes; 0x80 (the euro sign of Windows' GBK code page 936); a lead byte
 * 0x81-0xFE followed by 0x40-0x7E or 0x80-0xFE; or a four-byte sequence lead, 0x30-0x39,
 * 0x81-0xFE, 0x30-0x39 inside the two assigned ranges (BMP 0x81308130-0x8431A439, supplementary
 * planes 0x90308130-0xE3329A35). Decoding is iconv-lite's; this file only decides whether a file
 * is well-formed GB18030 and whether it reads like Chinese text rather than Latin-1.
 */

/** Four-byte sequences covering the BMP end at this linear index (0x8431A439). */
const LAST_BMP_INDEX = 39419;
/** Linear index of the first supplementary-plane sequence (0x90308130). */
const FIRST_SUPPLEMENTARY_INDEX = 189000;
/** Supplementary-plane sequences cover U+10000-U+10FFFF: 0x100000 indexes. */
const SUPPLEMENTARY_COUNT = 0x100000;

/** Linear index of a four-byte sequence (0 for 0x81308130). */
function fourByteIndex(b1: number, b2: number, b3: number, b4: number): number {
  return (((b1 - 0x81) * 10 + (b2 - 0x30)) * 126 + (b3 - 0x81)) * 10 + (b4 - 0x30);
}

const isDigit = (b: number | undefined): b is number => b !== undefined && b >= 0x30 && b <= 0x39;
const isHigh = (b: number | undefined): b is number => b !== undefined && b >= 0x81 && b <= 0xfe;

/** What a scan of GB18030 bytes found. */
export interface Gb18030Scan {
  /** Offset of the first byte that does not start a well-formed sequence, or -1. */
  invalidAt: number;
  /** Two-byte characters whose second byte is 0xA1 or above (all of GB2312, the common characters). */
  commonPairs: number;
  /**
   * Two-byte characters that a Latin-1 file would produce: a lead byte 0xC0-0xFE (an accented
   * letter such as `é`) followed by an ASCII byte 0x40-0x7E (the letter after it). Real Chinese
   * text has few of them (rare GBK characters), Latin-1 text little else.
   */
  latinLikePairs: number;
}

/** Scans bytes as GB18030 (see the file comment); stops at the first malformed sequence. */
export function scanGb18030(bytes: Uint8Array): Gb18030Scan {
  let commonPairs = 0;
  let latinLikePairs = 0;
  let i = 0;
  const invalid = (at: number): Gb18030Scan => ({ invalidAt: at, commonPairs, latinLikePairs });
  while (i < bytes.length) {
    const b1 = bytes[i] as number;
    if (b1 <= 0x80) {
      i++;
      continue;
    }
    if (b1 === 0xff) return invalid(i);
    const b2 = bytes[i + 1];
    if (isDigit(b2)) {
      const b3 = bytes[i + 2];
      const b4 = bytes[i + 3];
      if (!isHigh(b3) || !isDigit(b4)) return invalid(i);
      const index = fourByteIndex(b1, b2, b3, b4);
      const bmp = index <= LAST_BMP_INDEX;
      const supplementary =
        index >= FIRST_SUPPLEMENTARY_INDEX && index < FIRST_SUPPLEMENTARY_INDEX + SUPPLEMENTARY_COUNT;
      if (!bmp && !supplementary) return invalid(i);
      i += 4;
      continue;
    }
    if (b2 === undefined || b2 < 0x40 || b2 === 0x7f || b2 === 0xff) return invalid(i);
    if (b2 >= 0xa1) commonPairs++;
    else if (b1 >= 0xc0 && b2 <= 0x7e) latinLikePairs++;
    i += 2;
  }
  return invalid(-1);
}

/** Decodes well-formed GB18030 bytes (check with scanGb18030 first) to a string. */
export function decodeGb18030(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
}
