import { describe, expect, it } from 'vitest';
import { decodeCsvText } from '../../../src/io/region/decodeCsvText.js';
import { FatalInputError } from '../../../src/io/region/fatalInputError.js';
import { hashInputs } from '../../../src/io/region/hashInputs.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const fatalMessage = (input: Uint8Array): string => {
  try {
    decodeCsvText(input, 'x/outlets.csv');
  } catch (error) {
    expect(error).toBeInstanceOf(FatalInputError);
    expect((error as FatalInputError).file).toBe('x/outlets.csv');
    return (error as Error).message;
  }
  throw new Error('expected a FatalInputError');
};

describe('decodeCsvText', () => {
  it('decodes UTF-8 and drops a BOM', () => {
    expect(decodeCsvText(Buffer.from('\uFEFFid,名\n'), 'f')).toBe('id,名\n');
    expect(decodeCsvText(Buffer.from('id\n'), 'f')).toBe('id\n');
  });

  it('explains files that are not UTF-8 CSV', () => {
    expect(fatalMessage(bytes())).toContain('the file is empty');
    expect(fatalMessage(Buffer.from('\uFEFF \n\r\n'))).toContain('the file is empty');
    expect(fatalMessage(bytes(0xff, 0xfe, 0x69, 0x00))).toContain('UTF-16');
    expect(fatalMessage(bytes(0x50, 0x4b, 0x03, 0x04, 0x14))).toContain('spreadsheet');
    expect(fatalMessage(Buffer.from('id\nab\u0000c\n'))).toContain('NUL byte at offset 5, line 2');
    // "便利店" in GBK: invalid as UTF-8 at its first byte.
    expect(
      fatalMessage(Buffer.concat([Buffer.from('id,name\r\no1,'), bytes(0xb1, 0xe3, 0xc0, 0xfb)])),
    ).toContain('invalid byte 0xb1 at offset 12, line 2');
    // An overlong encoding and a lone surrogate are not UTF-8 either.
    expect(fatalMessage(bytes(0x61, 0xc0, 0xaf))).toContain('offset 1');
    expect(fatalMessage(bytes(0x61, 0xed, 0xa0, 0x80))).toContain('offset 1');
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
