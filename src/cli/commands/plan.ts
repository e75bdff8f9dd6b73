import { basename, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { errorText } from '../../i18n/warningText.js';
import {
  loadArchivePolicy,
  loadMapTiles,
  loadOutRoot,
  loadPlanThreads,
  MAX_PLAN_THREADS,
} from '../../config/env.js';
import { runPlan, type RunPlanResult } from '../../app/runPlan.js';
import type { PlanMode } from '../../domain/plan/planTypes.js';
import { renderPlanSummary } from '../format/planSummary.js';
import { createProgressReporter } from '../format/progress.js';
import type { InputEncodingChoice } from '../../domain/policy/policySchema.js';
import { translator } from '../../i18n/catalog.js';
import { localiseWarning } from '../../i18n/localiseWarning.js';
import type { Language } from '../../i18n/languages.js';
import { DEFAULT_REPORT_LOCALE } from '../../i18n/reportLocale.js';
import {
  encodingArgument,
  INPUT_OPTION_HELP,
  LANG_OPTION_HELP,
  languageArgument,
  reportChoice,
  seedArgument,
  UsageError,
} from '../parseOptions.js';
import { auditUser } from './rollback.js';

interface PlanCommandOptions {
  region: string;
  policy?: string;
  out?: string;
  previous?: string;
  resegment?: boolean;
  fresh?: boolean;
  force?: boolean;
  replanAll?: boolean;
  publish?: boolean;
  by?: string;
  note?: string;
  seed: number;
  json?: boolean;
  quiet?: boolean;
  encoding?: InputEncodingChoice;
  sheet?: string;
  lang?: Language;
  threads?: number;
}

/** commander argument parser for `--threads`: a whole number of cycle threads, 1-64. */
function threadsArgument(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PLAN_THREADS)
    throw new InvalidArgumentError(
      errorText('error.arg.wholeNumber', { min: 1, max: MAX_PLAN_THREADS, value }),
    );
  return n;
}

/** `territory plan`: the whole pipeline in-process, no Redis. */
export function registerPlanCommand(program: Command): void {
  program
    .command('plan')
    .description(
      'plan a region in-process (no Redis): segment, pool, territories, visit cycle, routes; publish a new version',
    )
    .requiredOption(
      '--region <dir>',
      'region folder with outlets.csv or .xlsx, reps.csv or .xlsx and optional policy.json',
    )
    .option('--policy <file>', 'policy overrides layered over the region policy.json')
    .option('--encoding <name>', INPUT_OPTION_HELP.encoding, encodingArgument)
    .option('--sheet <name>', INPUT_OPTION_HELP.sheet)
    .option('--out <dir>', 'region output folder (default $OUT_DIR/<region-name>, OUT_DIR default ./out)')
    .option('--previous <plan.json>', 'previous plan to build on (default <out>/current/plan.json)')
    .option('--resegment', 're-evaluate every outlet tier and redraw territories')
    .option('--fresh', 'plan from scratch: the previous plan decides nothing, it is only compared against')
    .option('--force', 'plan even when inputs are unchanged since the current plan')
    .option(
      '--replan-all',
      "plan every rep's cycle again, whole, instead of reusing the current version's unchanged ones and repairing lightly changed ones incrementally (slower)",
    )
    .option(
      '--publish',
      'make the plan current at once: without it --resegment and --fresh plans, and rebuilds above the policy review thresholds, are published as candidates to approve',
    )
    .option('--by <name>', 'who plans, for the audit log (default the OS user)')
    .option('--note <text>', 'note for the audit log')
    .option('--seed <n>', 'seed of the randomised stages (0-4294967295)', seedArgument, 1)
    .option('--lang <lang>', LANG_OPTION_HELP, languageArgument)
    .option(
      '--threads <n>',
      "worker threads drawing the pools' territories and planning the reps' visit cycles, 1 = none (default $PLAN_THREADS, else the cores up to 4 from 20,000 outlets, 1 below)",
      threadsArgument,
    )
    .option('--json', 'print the result summary as JSON instead of tables')
    .option('--quiet', 'no stage progress on stderr')
    .action(async (opts: PlanCommandOptions) => {
      if (opts.resegment && opts.fresh) throw new UsageError('--resegment and --fresh cannot be combined');
      const mode: PlanMode = opts.fresh ? 'fresh' : opts.resegment ? 'resegment' : 'rebuild';
      const outRoot = loadOutRoot();
      const mapTiles = loadMapTiles();
      const archive = loadArchivePolicy();
      const report = reportChoice(opts.lang);
      const threads = opts.threads ?? loadPlanThreads();
      const started = process.hrtime.bigint();
      // Stage progress on stderr (a bar on a terminal, lines otherwise); stdout stays the result.
      const progress = createProgressReporter({
        stream: process.stderr,
        quiet: opts.quiet ?? false,
        label: `plan ${basename(resolve(opts.region))}`,
      });
      let result: RunPlanResult;
      try {
        result = await runPlan({
          regionDir: opts.region,
          outDir: opts.out,
          outRoot,
          policyFile: opts.policy,
          ...(opts.encoding !== undefined ? { encoding: opts.encoding } : {}),
          ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
          previousFile: opts.previous,
          mode,
          force: opts.force ?? false,
          reuseCycles: !(opts.replanAll ?? false),
          publish: opts.publish ?? false,
          by: auditUser(opts.by),
          note: opts.note ?? null,
          seed: opts.seed,
          onProgress: (stage, percent) => progress.update(stage, percent),
          mapTiles,
          archive,
          report,
          ...(threads === null ? {} : { threads }),
        });
      } catch (error) {
        progress.finish();
        throw error;
      }
      progress.finish(result.status === 'skipped' ? 'skipped' : 'done');
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (opts.json) {
        const { plan: _plan, locale: _locale, ...rest } = result;
        process.stdout.write(`${JSON.stringify({ ...rest, seconds }, null, 2)}\n`);
        return;
      }
      const locale = result.locale ?? DEFAULT_REPORT_LOCALE;
      const t = translator(locale.lang);
      if (result.status === 'skipped') {
        process.stdout.write(
          `${
            result.pendingCandidate
              ? t('cli.plan.skippedCandidate', { region: result.region, candidate: result.pendingCandidate })
              : t('cli.plan.skipped', { region: result.region })
          }\n`,
        );
        return;
      }
      if (result.plan) process.stdout.write(`${renderPlanSummary(result.plan, locale)}\n`);
      const path = `${result.outDir}/versions/${result.version ?? ''}`;
      if (result.status === 'candidate') {
        const command = `territory approve --region ${result.region} --version ${result.version ?? ''}${opts.out ? ` --out ${opts.out}` : ''}`;
        process.stdout.write(
          `\n${t('cli.plan.candidate', { path, seconds: seconds.toFixed(2), current: result.review?.current ?? '(none)' })}\n` +
            `${t('cli.plan.why', { reason: localiseWarning(result.review?.reason ?? 'review', locale.lang) })}\n` +
            `${t('cli.plan.approve', { command })}\n`,
        );
        return;
      }
      process.stdout.write(`\n${t('cli.plan.published', { path, seconds: seconds.toFixed(2) })}\n`);
    });
}
