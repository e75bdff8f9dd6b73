import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FatalInputError } from '../../../src/io/region/fatalInputError.js';
import { loadRegion, type LoadedRegion } from '../../../src/io/region/loadRegion.js';
import { validateRegion } from '../../../src/io/region/validateRegion.js';

/**
 * Issue 10 item 1: a quote that opens in one row and closes in a later one must not silently
 * merge the rows in between into one quoted value.
 */
const sample = fileURLToPath(new URL('../../../data/regions/kuiwen-sample', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'territory-stray-quote-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let dirs = 0;

function region(outlets: string, reps?: string): string {
  const dir = join(scratch, `r${dirs++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'outlets.csv'), outlets);
  if (reps === undefined) copyFileSync(join(sample, 'reps.csv'), join(dir, 'reps.csv'));
  else writeFileSync(join(dir, 'reps.csv'), reps);
  return dir;
}

/** The sample's outlets.csv with `edit` applied to its physical lines (index 0 = line 1). */
function editedSample(edit: (lines: string[]) => void): string {
  const lines = readFileSync(join(sample, 'outlets.csv'), 'utf8').split('\n');
  edit(lines);
  return lines.join('\n');
}

function rejected(loaded: LoadedRegion): Map<number, string> {
  const lines = new Map<number, string>();
  for (const entry of loaded.region.quarantine) {
    if (entry.action === 'row-rejected') lines.set(entry.line, entry.reason);
  }
  return lines;
}

describe('a quote that spans rows', () => {
  it('issue repro: a stray quote on line 102 closed on line 103 costs those two lines, nothing else', async () => {
    const original = await loadRegion(sample);
    const dir = region(
      editedSample((lines) => {
        lines[101] = (lines[101] as string).replace(/^KW00101,/, 'KW00101,"');
        lines[102] = (lines[102] as string).replace(
          /^KW00102,Hengxin Supermarket,/,
          'KW00102,Hengxin Supermarket",',
        );
      }),
    );
    expect(readFileSync(join(dir, 'outlets.csv'), 'utf8')).toContain(
      'KW00101,"Liu\'s Phone Shop,119.165314,36.730525,side_seller,16,active,,,,D03\nKW00102,Hengxin Supermarket",',
    );
    const loaded = await loadRegion(dir);
    const reasons = rejected(loaded);
    expect([...reasons.keys()].sort((a, b) => a - b)).toEqual([102, 103]);
    expect(reasons.get(102)).toMatch(/quote.*line 102.*closes only on line 103/);
    expect(reasons.get(103)).toMatch(/closing quote.*opened on line 102/);
    // KW00101 does not get KW00102's coordinates: both damaged rows are out, every other row is in.
    expect(loaded.region.outlets.find((o) => o.id === 'KW00101')).toBeUndefined();
    expect(loaded.region.outlets.find((o) => o.id === 'KW00102')).toBeUndefined();
    expect(loaded.region.outlets).toHaveLength(original.region.outlets.length - 2);
    expect(loaded.stats.outlets).toMatchObject({ rows: 1399, rejected: 2 });

    const validation = await validateRegion(dir);
    expect(validation.problemsByAction).toEqual({ 'row-rejected': 2 });
  });

  it('re-reads the rows a stray quote swallowed, so the untouched rows between still load', async () => {
    const dir = region(
      editedSample((lines) => {
        // The sample's own quoted names (line 125 on) would end the stray quote early; unquote them.
        lines.forEach((text, i) => {
          lines[i] = text.replace(/"((?:[^"]|"")*)"/g, (_, value: string) => value.replace(/""|,/g, ''));
        });
        lines[101] = (lines[101] as string).replace(/^KW00101,/, 'KW00101,"');
        // The closing quote 700 rows later.
        lines[801] = (lines[801] as string).replace(/^(KW\d+,[^,]*),/, '$1",');
      }),
    );
    const loaded = await loadRegion(dir);
    const reasons = rejected(loaded);
    expect([...reasons.keys()].sort((a, b) => a - b)).toEqual([102, 802]);
    expect(reasons.get(102)).toContain('lines 103-801 read as rows of their own');
    expect(reasons.get(802)).toContain('line 102');
    const lines = new Set(loaded.region.outlets.map((o) => o.line));
    for (let line = 103; line <= 801; line++) expect(lines.has(line)).toBe(true);
    expect(loaded.stats.outlets).toMatchObject({ rows: 1399, loaded: 1397, rejected: 2 });
  });

  it('a lone stray quote costs its own line, even when a later quoted name ends it', async () => {
    const dir = region(
      editedSample((lines) => {
        lines[101] = (lines[101] as string).replace(/^KW00101,/, 'KW00101,"');
      }),
    );
    const loaded = await loadRegion(dir);
    const reasons = rejected(loaded);
    expect([...reasons.keys()]).toEqual([102]);
    // The sample's next quote is the quoted name on line 125.
    expect(reasons.get(102)).toContain('opens on line 102 runs to a quote on line 125');
    expect(loaded.stats.outlets).toMatchObject({ rows: 1399, loaded: 1398, rejected: 1 });
  });

  it('rejects a multi-line value in a number column and keeps the rows after it', async () => {
    const header = 'id,name,lon,lat,business_type,monthly_volume';
    const dir = region(
      [
        header,
        'o1,A,"116.40',
        '",39.9,grocery,10',
        'o2,B,116.41,39.9,grocery,10',
        'o3,C,116.40,39.91,grocery,5',
      ].join('\n'),
    );
    const loaded = await loadRegion(dir);
    const reasons = rejected(loaded);
    expect([...reasons.keys()]).toEqual([2, 3]);
    expect(reasons.get(2)).toContain('lon is not a text column');
    expect(loaded.region.outlets.map((o) => o.id)).toEqual(['o2', 'o3']);
  });

  it('keeps a genuine multi-line name and reports the merged lines', async () => {
    const header = 'id,name,lon,lat,business_type,monthly_volume,district';
    const dir = region(
      [
        header,
        'o1,"Two-line, really',
        'name",116.40,39.9,grocery,10,"Old',
        'district"',
        'o2,B,116.41,39.9,grocery,10,D1',
      ].join('\r\n'),
    );
    const loaded = await loadRegion(dir);
    expect(loaded.region.outlets.map((o) => [o.id, o.name, o.district, o.line])).toEqual([
      ['o1', 'Two-line, really\r\nname', 'Old\r\ndistrict', 2],
      ['o2', 'B', 'D1', 5],
    ]);
    expect(loaded.region.quarantine.map((e) => [e.line, e.field, e.action, e.reason])).toEqual([
      [2, 'name', 'field-ignored', expect.stringContaining('spans lines 2-3') as string],
      [2, 'district', 'field-ignored', expect.stringContaining('spans lines 3-4') as string],
    ]);
    expect(loaded.stats.outlets).toMatchObject({ rows: 2, loaded: 2, rejected: 0, withIgnoredFields: 1 });
  });

  it('applies the same rule to reps.csv', async () => {
    const reps = [
      'id,name,tier,home_lon,home_lat',
      'R01,"Ma Lin,A,119.117216,36.708403',
      'R02,Cao Ping",B,119.105456,36.699694',
      'R03,Wu Fei,C,119.11,36.70',
      'R04,Li Na,D,119.12,36.71',
    ].join('\n');
    const loaded = await loadRegion(region(readFileSync(join(sample, 'outlets.csv'), 'utf8'), reps));
    const entries = loaded.region.quarantine.filter((e) => e.file === 'reps.csv');
    expect(entries.map((e) => [e.line, e.action])).toEqual([
      [2, 'row-rejected'],
      [3, 'row-rejected'],
    ]);
    expect(entries[0]?.reason).toMatch(/name value on line 2.*closes only on line 3/);
    expect(loaded.region.reps.map((r) => r.id)).toEqual(['R03', 'R04']);
  });
});

const HEADER = 'id,name,lon,lat,business_type,monthly_volume,status,locked_rep,open_from,open_to,district';
const REPS = 'id,name,tier,home_lon,home_lat\nr1,Ann,C,116.4,39.9\n';
const NAMES = ['Shop', 'Big Store', '"Shop, Inc"', '"Two\nlines"', '"Say ""hi"""', 'Kiosk 2'];

interface Row {
  id: string;
  lon: string;
  lat: string;
  text: string;
}

const validRows = fc
  .array(fc.record({ name: fc.constantFrom(...NAMES), dx: fc.nat(999), dy: fc.nat(999) }), {
    minLength: 3,
    maxLength: 25,
  })
  .map((specs) =>
    specs.map((spec, i): Row => {
      const lon = (116.4 + spec.dx / 100000).toFixed(5);
      const lat = (39.9 + spec.dy / 100000).toFixed(5);
      const id = `o${i + 1}`;
      return { id, lon, lat, text: `${id},${spec.name},${lon},${lat},grocery,${i + 1},active,,,,D${i % 3}` };
    }),
  );

/** Physical lines of a text (LF only), 1-based: index 0 is line 1. */
const physicalLines = (text: string) => text.split('\n');

describe('property: stray quotes never lose a physical line silently', () => {
  it('every physical line is planned, quarantined, or reported as part of a merged multi-line value', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(
        validRows,
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }),
        async (rows, insertions) => {
          const clean = [HEADER, ...rows.map((r) => r.text)].join('\n') + '\n';
          // Where each row's own text starts, so a planned outlet can be matched to its row.
          const rowOfLine = new Map<number, Row>();
          let line = 2;
          for (const row of rows) {
            rowOfLine.set(line, row);
            line += physicalLines(row.text).length;
          }
          // Insert quotes at random offsets after the header.
          let text = clean;
          for (const [at] of insertions) {
            const offset = HEADER.length + 1 + (at % (text.length - HEADER.length - 1));
            text = `${text.slice(0, offset)}"${text.slice(offset)}`;
          }
          let loaded: LoadedRegion;
          try {
            loaded = await loadRegion(region(text, REPS));
          } catch (error) {
            if (error instanceof FatalInputError) return;
            throw error;
          }
          checked++;
          const planned = new Map(loaded.region.outlets.map((o) => [o.line, o]));
          const rejectedLines = new Set(
            loaded.region.quarantine.filter((e) => e.action === 'row-rejected').map((e) => e.line),
          );
          const merged = new Map<number, number>(); // line -> line of the record it was merged into
          for (const entry of loaded.region.quarantine) {
            const span = /spans lines (\d+)-(\d+)/.exec(entry.reason);
            if (!span || entry.action !== 'field-ignored') continue;
            for (let l = Number(span[1]); l <= Number(span[2]); l++) merged.set(l, entry.line);
          }
          const lines = physicalLines(text);
          for (let l = 2; l <= lines.length; l++) {
            if ((lines[l - 1] ?? '').trim() === '') continue;
            const fate = [planned.has(l), rejectedLines.has(l), merged.has(l) && merged.get(l) !== l];
            expect(fate.some(Boolean), `line ${l} ${JSON.stringify(lines[l - 1])} lost in\n${text}`).toBe(
              true,
            );
            expect(planned.has(l) && rejectedLines.has(l)).toBe(false);
          }
          // A planned outlet holds its own row's coordinates unless it is a reported merge.
          for (const [l, outlet] of planned) {
            const reportedMerge = loaded.region.quarantine.some(
              (e) => e.line === l && e.action === 'field-ignored' && /spans lines/.test(e.reason),
            );
            const own = rowOfLine.get(l);
            if (reportedMerge || !own) continue;
            expect([outlet.lon.toFixed(5), outlet.lat.toFixed(5)], `line ${l} in\n${text}`).toEqual([
              own.lon,
              own.lat,
            ]);
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(200);
  });
});
