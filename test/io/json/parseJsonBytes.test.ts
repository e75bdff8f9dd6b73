import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonBytesError, parseJsonBytes } from '../../../src/io/json/parseJsonBytes.js';

const bytesOf = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('parseJsonBytes', () => {
  it('splits objects and arrays above the slice size and parses each member alone', () => {
    const text = '{"a": [1, {"b": "x\\"}]{,"}, [], {}], "c" : "门店0115", "d": null, "e": -1.5e3}';
    expect(parseJsonBytes(bytesOf(text), 4)).toEqual(JSON.parse(text));
    expect(parseJsonBytes(bytesOf(`\ufeff  ${text}\n`), 1)).toEqual(JSON.parse(text));
  });

  it('keeps JSON.parse semantics for repeated names and __proto__', () => {
    const text = '{"k": 1, "k": [2, 3], "__proto__": {"polluted": true}}';
    const parsed = parseJsonBytes(bytesOf(text), 2) as Record<string, unknown>;
    expect(parsed).toEqual(JSON.parse(text));
    expect(Object.keys(parsed)).toEqual(['k', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses malformed documents with the byte offset', () => {
    for (const text of ['', '{"a": 1,', '[1 2]', '{"a" 1}', '{"a": 1} x', '[1, truex]', '{"a": "open']) {
      expect(() => parseJsonBytes(bytesOf(text), 2), text).toThrow(JsonBytesError);
    }
    expect(() => parseJsonBytes(bytesOf('[1, 2] ]'), 2)).toThrow(/at byte 5/);
  });

  it('gives what JSON.parse gives for any JSON value and any slice size (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 64 }), fc.boolean(), (value, slice, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : 0);
        expect(parseJsonBytes(bytesOf(text), slice)).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });
});
