import iconv from 'iconv-lite';

/**
 * How Excel on Chinese Windows opens a .csv file with a double click: as UTF-8 when the file
 * starts with the UTF-8 byte order mark (which it drops), otherwise in the ANSI code page 936
 * (GBK), which garbles UTF-8 text.
 */
export function decodeAsExcel(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf)
    return buffer.subarray(3).toString('utf8');
  return iconv.decode(buffer, 'gbk');
}
