import { describe, expect, it } from 'vitest';
import { appendAll } from '../../src/domain/appendAll.js';

describe('appendAll', () => {
  it('appends in order and returns the target (hand-checked)', () => {
    const target = [1, 2];
    expect(appendAll(target, [3, 4])).toBe(target);
    expect(target).toEqual([1, 2, 3, 4]);
    expect(appendAll([] as number[], new Set([5, 6]))).toEqual([5, 6]);
  });

  it('appends a list far above the call-argument limit of push(...items)', () => {
    // push(...items) throws "Maximum call stack size exceeded" near 125,000 items on Node 20.
    const items = Array.from({ length: 400_000 }, (_, i) => i);
    const target = appendAll([-1], items);
    expect(target).toHaveLength(400_001);
    expect(target[400_000]).toBe(399_999);
  });
});
