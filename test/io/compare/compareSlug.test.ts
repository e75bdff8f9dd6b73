import { describe, expect, it } from 'vitest';
import { compareOutDir, compareSlug, isCompareSlug } from '../../../src/io/compare/compareSlug.js';

describe('compareSlug', () => {
  it('maps references to one folder name: scenario: -> scenario-, / -> -, joined by --', () => {
    expect(compareSlug(['current', 'scenario:add-rep'])).toBe('current--scenario-add-rep');
    expect(compareSlug(['20261206T204932Z-296b01be', 'scenario:x/20261207T080000Z-2b21b9c6-2'])).toBe(
      '20261206T204932Z-296b01be--scenario-x-20261207T080000Z-2b21b9c6-2',
    );
    expect(compareOutDir('/out/r', ['current', 'scenario:b'])).toBe('/out/r/compare/current--scenario-b');
  });

  it('keeps long lists at 200 characters, stable and distinct, ending in a hash', () => {
    const refs = Array.from({ length: 6 }, (_, i) => `scenario:s${i}/20261207T080000Z-2b21b9c6`);
    const slug = compareSlug(refs);
    expect(slug).toHaveLength(200);
    expect(isCompareSlug(slug)).toBe(true);
    expect(slug).toMatch(/^scenario-s0-20261207T080000Z-2b21b9c6--scenario-s1-.*-[0-9a-f]{16}$/);
    expect(compareSlug(refs)).toBe(slug);
    expect(compareSlug([...refs.slice(0, 5), 'scenario:s9/20261207T080000Z-2b21b9c6'])).not.toBe(slug);
  });

  it('refuses what no plan reference contains', () => {
    expect(() => compareSlug(['current', '../etc'])).toThrow(/characters other than/);
    expect(() => compareSlug([])).toThrow(/no plan references/);
    expect(isCompareSlug('../x')).toBe(false);
  });
});
