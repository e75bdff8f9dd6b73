import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FatalInputError } from '../../../src/io/region/fatalInputError.js';
import { loadRegion } from '../../../src/io/region/loadRegion.js';

/**
 * The bad-input corpus: one folder per input problem under test/fixtures/bad-inputs, each with
 * its files and an expected.json that documents the outcome (a fatal message, or the exact
 * quarantine entries and the number of rows that still load).
 */
interface ExpectedEntry {
  file: string;
  line: number;
  id: string | null;
  field: string;
  action: string;
  reasonIncludes: string;
}
interface Expected {
  description: string;
  fatal?: { messageIncludes: string; file: string; column?: string };
  outlets?: number;
  reps?: number;
  quarantine?: ExpectedEntry[];
  outletChecks?: Array<Record<string, unknown> & { id: string }>;
  repChecks?: Array<Record<string, unknown> & { id: string }>;
}

const corpus = fileURLToPath(new URL('../../fixtures/bad-inputs/', import.meta.url));
const cases = readdirSync(corpus, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('bad-input corpus', () => {
  it('covers every problem named in the brief', () => {
    for (const name of [
      'missing-coordinates',
      'non-numeric-coordinates',
      'out-of-range-coordinates',
      'far-outlier',
      'duplicate-ids',
      'unknown-rep-tier',
      'unknown-locked-rep',
      'negative-volume',
      'malformed-times',
      'empty-file',
      'bom',
      'crlf',
      'quoted-commas',
      'binary-garbage',
      'missing-required-column',
      'missing-file',
      'no-valid-outlet',
      'no-rep',
    ]) {
      expect(cases).toContain(name);
    }
  });

  for (const name of cases) {
    it(name, async () => {
      const dir = join(corpus, name);
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
      if (expected.fatal) {
        const error: unknown = await loadRegion(dir).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(FatalInputError);
        const fatal = error as FatalInputError;
        expect(fatal.message).toContain(expected.fatal.messageIncludes);
        expect(basename(fatal.file)).toBe(expected.fatal.file);
        if (expected.fatal.column !== undefined) expect(fatal.column).toBe(expected.fatal.column);
        return;
      }
      const { region, stats } = await loadRegion(dir);
      expect(region.name).toBe(name);
      expect(region.outlets).toHaveLength(expected.outlets ?? -1);
      expect(region.reps).toHaveLength(expected.reps ?? -1);
      const actual = region.quarantine.map((entry) => ({
        file: entry.file,
        line: entry.line,
        id: entry.id,
        field: entry.field,
        action: (entry as { action?: string }).action,
        reason: entry.reason,
      }));
      expect(actual.map(({ reason: _reason, ...rest }) => rest)).toEqual(
        (expected.quarantine ?? []).map(({ reasonIncludes: _reason, ...rest }) => rest),
      );
      (expected.quarantine ?? []).forEach((entry, index) => {
        expect(actual[index]?.reason).toContain(entry.reasonIncludes);
      });
      for (const check of expected.outletChecks ?? []) {
        expect(region.outlets.find((o) => o.id === check.id)).toMatchObject(check);
      }
      for (const check of expected.repChecks ?? []) {
        expect(region.reps.find((r) => r.id === check.id)).toMatchObject(check);
      }
      // No row silently lost: every data row is loaded or rejected.
      expect(stats.outlets.rows).toBe(stats.outlets.loaded + stats.outlets.rejected);
      expect(stats.reps.rows).toBe(stats.reps.loaded + stats.reps.rejected);
    });
  }
});
