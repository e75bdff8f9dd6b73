import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_FILE_BYTES } from '../../../src/io/region/decodeCsvText.js';
import { FatalInputError } from '../../../src/io/region/fatalInputError.js';
import { loadRegion } from '../../../src/io/region/loadRegion.js';

/** Hostile inputs are generated here, never committed. */
const scratch = mkdtempSync(join(tmpdir(), 'territory-hostile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const HEADER = 'id,name,lon,lat,business_type,monthly_volume';
const validRows = (from: number, count: number) =>
  Array.from(
    { length: count },
    (_, i) => `o${from + i},Shop ${from + i},${(116.4 + i * 0.001).toFixed(4)},39.9,grocery,10`,
  );

function region(name: string, outlets: Buffer): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'outlets.csv'), outlets);
  writeFileSync(join(dir, 'reps.csv'), 'id,name,tier,home_lon,home_lat\nr1,Ann,D,116.4,39.9\n');
  return dir;
}

describe('hostile input', () => {
  it('quarantines a single 50 MB line as too long and loads the rest', async () => {
    const before = Buffer.from(`${[HEADER, ...validRows(1, 10)].join('\n')}\n`);
    const huge = Buffer.alloc(50 * 1024 * 1024, 'x');
    const after = Buffer.from(`\n${validRows(11, 10).join('\n')}\n`);
    const dir = region('fifty-mb-line', Buffer.concat([before, huge, after]));
    const { region: loaded, stats } = await loadRegion(dir);
    expect(loaded.outlets).toHaveLength(20);
    expect(loaded.quarantine).toHaveLength(1);
    expect(loaded.quarantine[0]).toMatchObject({
      file: 'outlets.csv',
      line: 12,
      field: '(row)',
      action: 'row-rejected',
    });
    expect(loaded.quarantine[0]?.reason).toContain('longer than');
    expect(loaded.quarantine[0]?.value.length).toBeLessThanOrEqual(201);
    expect(loaded.outlets.find((o) => o.id === 'o11')?.line).toBe(13);
    expect(stats.outlets).toMatchObject({ rows: 21, loaded: 20, rejected: 1 });
  });

  it('costs one line for a 20 MB quoted value that never closes', async () => {
    const text = `${[HEADER, ...validRows(1, 5)].join('\n')}\no6,"${'y'.repeat(20 * 1024 * 1024)}\n${validRows(7, 5).join('\n')}\n`;
    const { region: loaded } = await loadRegion(region('open-quote', Buffer.from(text)));
    expect(loaded.outlets.map((o) => o.id)).toEqual([
      'o1',
      'o2',
      'o3',
      'o4',
      'o5',
      'o7',
      'o8',
      'o9',
      'o10',
      'o11',
    ]);
    expect(loaded.quarantine).toMatchObject([{ line: 7, field: '(row)', action: 'row-rejected' }]);
  });

  it('handles 20,000 stray quotes without losing the valid rows between them', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 20_000; i++)
      lines.push(i % 2 === 0 ? `o${i},"Bad "quote,116.4,39.9,grocery,1` : `o${i},Fine,116.4,39.9,grocery,1`);
    const { region: loaded, stats } = await loadRegion(region('stray-quotes', Buffer.from(lines.join('\n'))));
    expect(loaded.outlets).toHaveLength(10_000);
    expect(stats.outlets).toMatchObject({ rows: 20_000, loaded: 10_000, rejected: 10_000 });
  });

  it('refuses a file over the size limit before reading it', async () => {
    const dir = region('huge-file', Buffer.from(''));
    // A sparse file: its size is over the limit but nothing is written to disk.
    truncateSync(join(dir, 'outlets.csv'), MAX_INPUT_FILE_BYTES + 1);
    const error = await loadRegion(dir).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FatalInputError);
    expect((error as Error).message).toContain('more than the 256 MB an input file may have');
  });
});
