import { describe, expect, it } from 'vitest';
import { displayWidth, padDisplay } from '../../src/cli/format/displayWidth.js';
import { renderTable } from '../../src/cli/format/table.js';

describe('terminal display width', () => {
  it('counts Chinese characters and full-width punctuation as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('客户经理')).toBe(8);
    expect(displayWidth('大型客户（核心）')).toBe(16);
    expect(displayWidth('A类')).toBe(3);
    expect(padDisplay('档位', 6, 'end')).toBe('档位  ');
    expect(padDisplay('7', 3, 'start')).toBe('  7');
  });

  it('lines up a table with Chinese headers and cells', () => {
    const lines = renderTable(
      ['档位', 'n'],
      [
        ['大型客户', 1],
        ['x', 22],
      ],
    ).split('\n');
    expect(lines).toEqual(['档位       n', '--------  --', '大型客户   1', 'x         22']);
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
  });
});
