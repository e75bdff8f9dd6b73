import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRegion } from '../../../src/io/region/loadRegion.js';
import {
  countQuarantine,
  isOmissionNote,
  QuarantineCollector,
  quarantineKind,
  type LoaderQuarantineEntry,
} from '../../../src/io/region/quarantine.js';
import { territory } from '../../cli/runCli.js';

const scratch = mkdtempSync(join(tmpdir(), 'territory-bounded-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const HEADER = 'id,name,lon,lat,business_type,monthly_volume';

/** 10 valid outlets, then `duplicates` rows repeating their ids, then `badLon` rows with a bad longitude. */
function makeRegion(name: string, duplicates: number, badLon: number): string {
  const lines = [HEADER];
  for (let i = 0; i < 10; i++)
    lines.push(`o${i},Shop ${i},${(116.4 + i * 0.001).toFixed(4)},39.9,grocery,10`);
  for (let i = 0; i < duplicates; i++) lines.push(`o${i % 10},Again ${i},116.4,39.9,grocery,10`);
  for (let i = 0; i < badLon; i++) lines.push(`x${i},Bad ${i},east,39.9,grocery,10`);
  const dir = join(scratch, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'outlets.csv'), `${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'reps.csv'), 'id,name,tier,home_lon,home_lat\nr1,Ann,D,116.4,39.9\n');
  return dir;
}

function entry(line: number, reason: string): LoaderQuarantineEntry {
  return {
    file: 'outlets.csv',
    line,
    id: `o${line}`,
    field: 'id',
    value: 'v',
    reason,
    action: 'row-rejected',
  };
}

describe('QuarantineCollector', () => {
  it('keeps the first N entries of each kind and counts every entry exactly', () => {
    const collector = new QuarantineCollector(3);
    for (let line = 2; line < 12; line++)
      collector.add(entry(line, `duplicate id (first used on line ${line - 1})`));
    collector.add(entry(20, 'empty id; row rejected'));
    const report = collector.report();
    expect(report.entries.map((e) => e.line)).toEqual([2, 3, 4, 20]);
    expect(report.total).toBe(11);
    expect(report.omitted).toBe(7);
    expect(report.byAction).toEqual({ 'row-rejected': 11 });
    expect(report.kinds).toEqual([
      expect.objectContaining({
        reason: 'duplicate id (first used on line #)',
        count: 10,
        listed: 3,
        omitted: 7,
      }),
      expect.objectContaining({ reason: 'empty id; row rejected', count: 1, listed: 1, omitted: 0 }),
    ]);
    expect(report.notes).toHaveLength(1);
    expect(report.notes[0]?.reason).toMatch(
      /^omitted: 7 more entries of this kind \(10 in all, the first 3 listed\)/,
    );
    expect(countQuarantine([...report.notes, ...report.entries])).toEqual({
      listed: 4,
      omitted: 7,
      total: 11,
    });
  });

  it('takes line numbers and figures out of the kind, not the file, field or action', () => {
    expect(quarantineKind(entry(2, 'line 7, 12.5 km'))).toBe(quarantineKind(entry(9, 'line 8, 3.25 km')));
    expect(quarantineKind(entry(2, 'x'))).not.toBe(quarantineKind({ ...entry(2, 'x'), field: 'lon' }));
  });
});

describe('loadRegion with many problems of one kind', () => {
  it('lists at most N entries per kind, with exact counts and an omission note per cut kind', async () => {
    const { region, stats, quarantine } = await loadRegion(makeRegion('dups', 50, 7), {
      maxEntriesPerKind: 5,
    });
    expect(region.outlets).toHaveLength(10);
    // Exact row accounting: nothing is lost from the counts.
    expect(stats.outlets).toMatchObject({ rows: 67, loaded: 10, rejected: 57 });
    expect(quarantine.total).toBe(57);
    expect(quarantine.omitted).toBe(45 + 2);
    expect(quarantine.entries).toHaveLength(10);
    const byReason = new Map(quarantine.kinds.map((k) => [k.reason, k]));
    expect(byReason.get('duplicate id (first used on line #); row rejected')).toMatchObject({
      count: 50,
      listed: 5,
      omitted: 45,
    });
    expect(byReason.get('longitude is not a number; row rejected')).toMatchObject({
      count: 7,
      listed: 5,
      omitted: 2,
    });
    // plan.json / quarantine.csv get the listed entries plus one note per cut kind, saying how many.
    const notes = region.quarantine.filter(isOmissionNote);
    expect(notes.map((n) => n.reason)).toEqual([
      expect.stringMatching(/^omitted: 45 more entries/),
      expect.stringMatching(/^omitted: 2 more entries/),
    ]);
    expect(countQuarantine(region.quarantine)).toEqual({ listed: 10, omitted: 47, total: 57 });
  });

  it('keeps every entry when no kind reaches the limit', async () => {
    const { region, quarantine } = await loadRegion(makeRegion('few', 4, 2));
    expect(quarantine.omitted).toBe(0);
    expect(region.quarantine).toHaveLength(6);
    expect(region.quarantine.some(isOmissionNote)).toBe(false);
  });
});

describe('territory validate --json on a file of duplicates', () => {
  it('prints valid JSON with exact counts and how many entries were omitted', async () => {
    const dir = makeRegion('cli-dups', 2500, 0);
    const result = await territory(['validate', '--region', dir, '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      problems: number;
      listed: number;
      omitted: number;
      quarantine: unknown[];
      kinds: Array<{ count: number; listed: number; omitted: number }>;
    };
    expect(report).toMatchObject({ problems: 2500, listed: 1000, omitted: 1500 });
    expect(report.quarantine).toHaveLength(1000);
    expect(report.kinds).toEqual([expect.objectContaining({ count: 2500, listed: 1000, omitted: 1500 })]);
  }, 60_000);
});

describe('territory plan --json on a file of duplicates', () => {
  it('counts every quarantined row in the summary, not only the listed ones', async () => {
    const dir = makeRegion('plan-dups', 2500, 3);
    const out = join(scratch, 'plan-dups-out');
    const result = await territory(['plan', '--region', dir, '--out', out, '--json', '--quiet']);
    expect(result.code).toBe(0);
    const digest = JSON.parse(result.stdout) as { summary?: { quarantined?: number }; quarantined?: number };
    expect(digest.summary?.quarantined ?? digest.quarantined).toBe(2503);
  }, 60_000);
});
