import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FatalInputError } from '../../../src/io/region/fatalInputError.js';
import { loadRegion, type LoadedRegion } from '../../../src/io/region/loadRegion.js';
import { MAX_ENTRY_VALUE_CHARS } from '../../../src/io/region/quarantine.js';

const scratch = mkdtempSync(join(tmpdir(), 'territory-property-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let runs = 0;

const OUTLET_HEADER =
  'id,name,lon,lat,business_type,monthly_volume,status,locked_rep,open_from,open_to,district';
const REPS = 'id,name,tier,home_lon,home_lat,working_days\nr1,Ann,C,116.4,39.9,Mon-Fri\n';

const quote = (value: string) =>
  /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;

/** Anything a spreadsheet user might type, and worse. */
const nasty = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('"', ',', '\n', '\r', ' ', 'x', '-', '.', '店', '😀'), maxLength: 10 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.double().map(String),
  fc.integer().map(String),
  fc.constantFrom(
    '',
    ' ',
    'NaN',
    '-5',
    '1e400',
    '116,4',
    '25:00',
    '18:00',
    '02:00',
    'closed',
    'r1',
    'r9',
    'Mon-Fri',
  ),
);

/** A plausible outlet row (which may still carry bad optional fields). */
const plausibleRow = (id: string) =>
  fc
    .record({
      name: nasty,
      lon: fc.double({ min: 116.39, max: 116.41, noNaN: true }),
      lat: fc.double({ min: 39.89, max: 39.91, noNaN: true }),
      type: fc.constantFrom('grocery', 'KTV', ''),
      volume: fc.nat(2000),
      status: fc.constantFrom('', 'active', 'closed', 'Maybe'),
      lock: fc.constantFrom('', 'r1', 'r9'),
      from: fc.constantFrom('', '09:00', '18:00', '9am'),
      to: fc.constantFrom('', '21:00', '02:00', ''),
      district: nasty,
    })
    .map((r) => [
      id,
      r.name,
      String(r.lon),
      String(r.lat),
      r.type,
      String(r.volume),
      r.status,
      r.lock,
      r.from,
      r.to,
      r.district,
    ]);

const junkRow = fc.array(nasty, { minLength: 0, maxLength: 14 });

function writeRegion(outlets: string): string {
  const dir = join(scratch, `r${runs++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'outlets.csv'), outlets);
  writeFileSync(join(dir, 'reps.csv'), REPS);
  return dir;
}

async function loadOrFatal(dir: string): Promise<LoadedRegion | FatalInputError> {
  try {
    return await loadRegion(dir);
  } catch (error) {
    if (error instanceof FatalInputError) return error;
    throw error; // anything else is a bug the property must report
  }
}

function checkEntries(loaded: LoadedRegion, fileLines: number): void {
  for (const entry of loaded.region.quarantine) {
    expect(entry.value.length).toBeLessThanOrEqual(MAX_ENTRY_VALUE_CHARS + 1);
    expect(entry.line).toBeGreaterThanOrEqual(2);
    expect(entry.line).toBeLessThanOrEqual(fileLines);
  }
  const { outlets } = loaded.stats;
  expect(outlets.rows).toBe(outlets.loaded + outlets.rejected);
}

describe('loader property: random rows', () => {
  it('loads or quarantines every well-quoted row, at its real line', async () => {
    const rows = fc.array(fc.oneof(plausibleRow('?'), junkRow), { minLength: 0, maxLength: 25 });
    let loadedRuns = 0;
    await fc.assert(
      fc.asyncProperty(rows, fc.constantFrom('\n', '\r\n'), async (mixed, eol) => {
        // Unique ids for plausible rows; junk keeps its own (random) first cell.
        const data = mixed.map((cells, i) => (cells[0] === '?' ? [`p${i}`, ...cells.slice(1)] : cells));
        // Always a few clean active outlets so the region is usually loadable.
        data.push(
          ['a1', 'Anchor', '116.4', '39.9', 'grocery', '10'],
          ['a2', 'Anchor', '116.401', '39.9', 'grocery', '10'],
        );
        const lines: number[] = [];
        let line = 2;
        const encoded = data.map((cells) => {
          const text = cells.map(quote).join(',');
          lines.push(line);
          line += (text.match(/\r\n|\r|\n/g) ?? []).length + 1;
          return text;
        });
        const dir = writeRegion([OUTLET_HEADER, ...encoded].join(eol) + eol);
        const result = await loadOrFatal(dir);
        if (result instanceof FatalInputError) return;
        loadedRuns++;
        checkEntries(result, line);
        const loadedLines = result.region.outlets.map((o) => o.line);
        const rejectedLines = new Set(
          result.region.quarantine
            .filter((e) => (e as { action?: string }).action === 'row-rejected')
            .map((e) => e.line),
        );
        for (const l of loadedLines) expect(rejectedLines.has(l)).toBe(false);
        const nonBlank = (_: unknown, i: number) => !(data[i] ?? []).every((c) => c.trim() === '');
        const expected = lines.filter(nonBlank);
        const outcomes = new Set([...loadedLines, ...rejectedLines]);
        for (const l of expected) expect(outcomes.has(l)).toBe(true);
        // A quoted line break outside a text column is refused as a stray quote: then the lines of
        // that record are read (and loaded or rejected) on their own, but never beyond the record.
        const ownLines = new Set(
          encoded.flatMap((text, i) => {
            if (!nonBlank(text, i)) return [];
            const start = lines[i] as number;
            return Array.from({ length: (text.match(/\r\n|\r|\n/g) ?? []).length + 1 }, (_, k) => start + k);
          }),
        );
        for (const l of outcomes) expect(ownLines.has(l)).toBe(true);
      }),
      { numRuns: 150 },
    );
    // The anchors keep most regions loadable, so the line check above really ran.
    expect(loadedRuns).toBeGreaterThan(100);
  });

  it('never throws anything but FatalInputError on raw junk, and counts every row', async () => {
    const junkText = fc.array(
      fc.array(nasty, { maxLength: 12 }).map((cells) => cells.join(',')),
      { maxLength: 30 },
    );
    await fc.assert(
      fc.asyncProperty(junkText, fc.boolean(), async (rawLines, withAnchors) => {
        const body = withAnchors
          ? ['a1,Anchor,116.4,39.9,grocery,10', ...rawLines, 'a2,Anchor,116.401,39.9,grocery,10']
          : rawLines;
        const text = [OUTLET_HEADER, ...body].join('\n');
        const result = await loadOrFatal(writeRegion(text));
        if (result instanceof FatalInputError) {
          expect(result.message).toContain('outlets.csv');
          return;
        }
        checkEntries(result, text.split(/\r\n|\r|\n/).length);
      }),
      { numRuns: 150 },
    );
  });
});
