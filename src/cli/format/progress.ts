/**
 * Stage progress of `territory plan` on stderr: a redrawn bar when stderr is a terminal, plain
 * stage lines otherwise (CI logs, pipes), nothing when quiet. stdout is left alone, so `--json`
 * output and the summary tables stay clean.
 */

/** What a progress display needs from its stream (process.stderr, or a fake in tests). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressReporter {
  /** runPlan's onProgress: a stage and that stage's own percent (0-100). */
  update(stage: string, percent: number): void;
  /** Ends the display: a final line (`done` or `skipped`), or just clears the bar after an error. */
  finish(outcome?: string): void;
}

/** A stage's percent as a share of the whole run, as the job progress reports it: load 0-5, pipeline 5-95, publish 95-100. */
export function overallPercent(stage: string, percent: number): number {
  const p = Math.max(0, Math.min(100, percent));
  if (stage === 'load') return Math.round(p * 0.05);
  if (stage === 'publish') return Math.round(95 + p * 0.05);
  return Math.round(5 + p * 0.9);
}

/** Plain lines repeat a stage only after it has moved on this many overall percent points. */
const LINE_STEP = 5;
const BAR_WIDTH = 24;

/**
 * Creates the progress display for one run. `label` starts every line (`plan kuiwen-sample`).
 * `now` returns milliseconds (injected for tests).
 */
export function createProgressReporter(options: {
  stream: ProgressStream;
  quiet?: boolean;
  label: string;
  now?: () => number;
}): ProgressReporter {
  const { stream, label } = options;
  const now = options.now ?? (() => performance.now());
  if (options.quiet) return { update: () => undefined, finish: () => undefined };
  const started = now();
  const elapsed = () => `${((now() - started) / 1000).toFixed(1)} s`;
  let lastStage = '';
  let lastPercent = -1;

  if (stream.isTTY) {
    let drawn = false;
    const draw = (stage: string, percent: number) => {
      const filled = Math.round((BAR_WIDTH * percent) / 100);
      const bar = `${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}`;
      const line = `${label} [${bar}] ${String(percent).padStart(3)}% ${stage} ${elapsed()}`;
      const width = stream.columns && stream.columns > 10 ? stream.columns - 1 : line.length;
      stream.write(`\r${line.slice(0, width)}\x1b[K`);
      drawn = true;
    };
    return {
      update(stage, percent) {
        const overall = overallPercent(stage, percent);
        if (stage === lastStage && overall === lastPercent) return;
        lastStage = stage;
        lastPercent = overall;
        draw(stage, overall);
      },
      finish(outcome) {
        if (outcome === undefined) {
          if (drawn) stream.write('\r\x1b[K');
          return;
        }
        draw(outcome, 100);
        stream.write('\n');
      },
    };
  }

  const line = (stage: string, percent: number) =>
    stream.write(`${label}: ${String(percent).padStart(3)}% ${stage} (${elapsed()})\n`);
  return {
    update(stage, percent) {
      const overall = overallPercent(stage, percent);
      // A new stage always gets a line; a long stage (the cycle, rep by rep) one per LINE_STEP
      // points; 100% is left to finish(), which says how the run ended.
      if (overall >= 100 || (stage === lastStage && overall < lastPercent + LINE_STEP)) return;
      lastStage = stage;
      lastPercent = overall;
      line(stage, overall);
    },
    finish(outcome) {
      if (outcome !== undefined) line(outcome, 100);
    },
  };
}
