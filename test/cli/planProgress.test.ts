import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgressReporter } from '../../src/cli/format/progress.js';
import { territory } from './runCli.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'territory-progress-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('territory plan stage progress', () => {
  it('prints plain stage lines on stderr when stderr is not a terminal', async () => {
    const result = await territory([
      'plan',
      '--region',
      'data/regions/kuiwen-sample',
      '--out',
      join(work, 'a'),
    ]);
    expect(result.code).toBe(0);
    const lines = result.stderr.trim().split('\n');
    for (const line of lines) expect(line).toMatch(/^plan kuiwen-sample: +\d+% [a-z]+ \(\d+\.\d s\)$/);
    const stages = lines.map((l) => /% ([a-z]+) /.exec(l)?.[1]);
    // Every stage in order, the cycle stage more than once (rep by rep), ending with done.
    expect([...new Set(stages)]).toEqual([
      'load',
      'segment',
      'pool',
      'territories',
      'cycle',
      'summary',
      'publish',
      'done',
    ]);
    expect(stages.filter((s) => s === 'cycle').length).toBeGreaterThan(1);
    expect(lines.at(-1)).toMatch(/100% done/);
    // stdout is untouched: the summary tables only.
    expect(result.stdout).not.toMatch(/% (load|cycle)/);
  }, 120_000);

  it('prints nothing on stderr with --quiet', async () => {
    const result = await territory([
      'plan',
      '--region',
      'data/regions/kuiwen-sample',
      '--out',
      join(work, 'b'),
      '--quiet',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/published /);
  }, 120_000);
});

describe('createProgressReporter', () => {
  const clock = () => {
    let t = 0;
    return () => (t += 250);
  };

  it('redraws one bar line on a terminal and ends it with a newline', () => {
    const out: string[] = [];
    const reporter = createProgressReporter({
      stream: { isTTY: true, columns: 120, write: (s: string) => out.push(s) },
      label: 'plan x',
      now: clock(),
    });
    reporter.update('load', 0);
    reporter.update('cycle', 60);
    reporter.update('cycle', 60); // unchanged: not redrawn
    reporter.update('cycle', 80);
    reporter.finish('done');
    expect(out).toHaveLength(5);
    expect(out[0]).toMatch(/^\rplan x \[-{24}\] {3}0% load/);
    expect(out[1]).toMatch(/^\rplan x \[#+-+\] {2}59% cycle/);
    expect(out[3]).toMatch(/100% done/);
    expect(out[4]).toBe('\n');
    expect(out.join('')).not.toMatch(/\n.*\n/);
  });

  it('clears the bar when the run fails, so the error line starts clean', () => {
    const out: string[] = [];
    const reporter = createProgressReporter({
      stream: { isTTY: true, write: (s: string) => out.push(s) },
      label: 'plan x',
    });
    reporter.update('load', 0);
    reporter.finish();
    expect(out.at(-1)).toBe('\r\x1b[K');
  });

  it('reports a long stage every 5 points in plain lines, and nothing when quiet', () => {
    const lines: string[] = [];
    const plain = createProgressReporter({ stream: { write: (s: string) => lines.push(s) }, label: 'p' });
    for (let p = 60; p <= 95; p++) plain.update('cycle', p);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.length).toBeLessThan(10);
    const quietOut: string[] = [];
    const quiet = createProgressReporter({
      stream: { write: (s: string) => quietOut.push(s) },
      label: 'p',
      quiet: true,
    });
    quiet.update('load', 0);
    quiet.finish('done');
    expect(quietOut).toEqual([]);
  });
});
