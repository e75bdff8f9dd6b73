import { describe, expect, it } from 'vitest';
import { decodeCsvText, type EncodingChoice } from '../../../src/io/region/decodeCsvText.js';
import { FatalInputError } from '../../../src/io/region/fatalInputError.js';
import { hashInputs } from '../../../src/io/region/hashInputs.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const fatalMessage = (input: Uint8Array, choice: EncodingChoice = 'auto'): string => {
  try {
    decodeCsvText(input, 'x/outlets.csv', choice);
  } catch (error) {
    expect(error).toBeInstanceOf(FatalInputError);
    expect((error as FatalInputError).file).toBe('x/outlets.csv');
    return (error as Error).message;
  }
  throw new Error('expected a FatalInputError');
};

describe('decodeCsvText', () => {
  it('decodes UTF-8 and drops a BOM', () => {
    expect(decodeCsvText(Buffer.from('\uFEFFid,名\n'), 'f')).toEqual({ text: 'id,名\n', encoding: 'utf-8' });
    expect(decodeCsvText(Buffer.from('id\n'), 'f')).toEqual({ text: 'id\n', encoding: 'utf-8' });
  });

  // "便利店" (convenience store) and "食杂店" (grocery) in GBK, as Excel on Chinese Windows saves them.
  const gbk = Buffer.concat([
    Buffer.from('id,name\r\no1,'),
    bytes(0xb1, 0xe3, 0xc0, 0xfb, 0xb5, 0xea),
    Buffer.from('\r\no2,'),
    bytes(0xca, 0xb3, 0xd4, 0xd3, 0xb5, 0xea),
    Buffer.from('\r\n'),
  ]);

  it('decodes GBK text that is not UTF-8 as GB18030', () => {
    expect(decodeCsvText(gbk, 'f')).toEqual({
      text: 'id,name\r\no1,便利店\r\no2,食杂店\r\n',
      encoding: 'gb18030',
    });
    // Four-byte GB18030 (U+20000 and the euro sign of Windows code page 936, 0x80) decode too.
    expect(decodeCsvText(bytes(0x61, 0x95, 0x32, 0x82, 0x36, 0x80, 0x0a), 'f').text).toBe('a\u{20000}€\n');
  });

  it('honours a forced encoding', () => {
    expect(decodeCsvText(gbk, 'f', 'gb18030').encoding).toBe('gb18030');
    // UTF-8 bytes forced as GB18030 are read as GB18030: the setting is the user's word.
    const forced = decodeCsvText(Buffer.from('id,中文\n'), 'f', 'gb18030');
    expect(forced.encoding).toBe('gb18030');
    expect(forced.text).toHaveLength('id,'.length + 3 + 1);
    expect(fatalMessage(gbk, 'utf-8')).toContain(
      'not UTF-8 text (invalid byte 0xb1 at offset 12, line 2) although UTF-8 was forced',
    );
    expect(fatalMessage(Buffer.from('\uFEFFid\n'), 'gb18030')).toContain(
      'UTF-8 byte order mark but GB18030 was forced',
    );
    expect(fatalMessage(bytes(0x61, 0x0a, 0x81, 0x0a), 'gb18030')).toContain(
      'not GB18030 text (invalid byte 0x81 at offset 2, line 2)',
    );
  });

  it('refuses text in neither encoding, and binary data', () => {
    // Latin-1 "Café M": 0xE9 followed by a space is no GB18030 character.
    const cafe = Buffer.concat([Buffer.from('id,name\no1,Caf'), bytes(0xe9), Buffer.from(' M\n')]);
    expect(fatalMessage(cafe)).toContain(
      'not UTF-8 text (invalid byte 0xe9 at offset 14, line 2) and not GB18030/GBK either (invalid byte 0xe9 at offset 14, line 2)',
    );
    // Latin-1 "Müller Bäck": well-formed GB18030 by accident, but only as rare characters.
    const latin = Buffer.concat([
      Buffer.from('M'),
      bytes(0xfc),
      Buffer.from('ller B'),
      bytes(0xe4),
      Buffer.from('ck\n'),
    ]);
    expect(fatalMessage(latin)).toContain('(2 of 2 two-byte characters look like an accented letter');
    expect(decodeCsvText(latin, 'f', 'gb18030').encoding).toBe('gb18030');
    // A control byte other than tab and line breaks is binary data, not text.
    expect(fatalMessage(bytes(0x61, 0xb1, 0xe3, 0x01, 0x0a))).toContain(
      'not a text file (binary data: control byte 0x01 at offset 3',
    );
    expect(fatalMessage(Buffer.from('id,name\r\n', 'utf16le'))).toContain(
      'UTF-16 text without a byte order mark',
    );
    expect(fatalMessage(bytes(0xef, 0xbb, 0xbf, 0x61, 0xb1, 0xe3, 0x0a))).toContain(
      'although it starts with a UTF-8 byte order mark',
    );
  });

  it('explains files that are not UTF-8 CSV', () => {
    expect(fatalMessage(bytes())).toContain('the file is empty');
    expect(fatalMessage(Buffer.from('\uFEFF \n\r\n'))).toContain('the file is empty');
    expect(fatalMessage(bytes(0xff, 0xfe, 0x69, 0x00))).toContain('UTF-16');
    expect(fatalMessage(bytes(0x50, 0x4b, 0x03, 0x04, 0x14))).toContain('spreadsheet');
    expect(fatalMessage(Buffer.from('id\nab\u0000c\n'))).toContain('NUL byte at offset 5, line 2');
    // An overlong encoding and a lone surrogate are not UTF-8 (nor GB18030: 0xAF ends the text).
    expect(fatalMessage(bytes(0x61, 0xc0, 0xaf), 'utf-8')).toContain('offset 1');
    expect(fatalMessage(bytes(0x61, 0xed, 0xa0, 0x80), 'utf-8')).toContain('offset 1');
    expect(fatalMessage(bytes(0x61, 0xc0, 0xaf, 0xff))).toContain(
      'not GB18030/GBK either (invalid byte 0xff at offset 3',
    );
  });
});

describe('hashInputs', () => {
  const a = Buffer.from('a');
  const b = Buffer.from('b');
  it('changes when files swap roles, content moves between files, or an empty policy appears', () => {
    const base = hashInputs([
      { role: 'outlets.csv', bytes: a },
      { role: 'reps.csv', bytes: b },
      { role: 'policy.json', bytes: null },
    ]);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    const variants = [
      hashInputs([
        { role: 'outlets.csv', bytes: b },
        { role: 'reps.csv', bytes: a },
        { role: 'policy.json', bytes: null },
      ]),
      hashInputs([
        { role: 'outlets.csv', bytes: Buffer.from('ab') },
        { role: 'reps.csv', bytes: Buffer.from('') },
        { role: 'policy.json', bytes: null },
      ]),
      hashInputs([
        { role: 'outlets.csv', bytes: a },
        { role: 'reps.csv', bytes: b },
        { role: 'policy.json', bytes: Buffer.from('') },
      ]),
    ];
    expect(new Set([base, ...variants]).size).toBe(4);
    expect(
      hashInputs([
        { role: 'outlets.csv', bytes: Buffer.from('a') },
        { role: 'reps.csv', bytes: Buffer.from('b') },
        { role: 'policy.json', bytes: null },
      ]),
    ).toBe(base);
  });
});
