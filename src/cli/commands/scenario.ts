import { basename, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { runScenario, type RunScenarioResult } from '../../app/runScenario.js';
import { loadMapTiles, loadOutRoot } from '../../config/env.js';
import type { PlanMode } from '../../domain/plan/planTypes.js';
import { parsePolicySetting, type PolicySetting } from '../../domain/policy/policySettings.js';
import { describeStaffingEdit } from '../../domain/scenario/applyStaffing.js';
import type { AddedRep, ChangedRep } from '../../domain/scenario/repEdits.js';
import { describeScenarioSpec } from '../../domain/scenario/scenarioSpec.js';
import { isScenarioName } from '../../io/publish/planRefs.js';
import { parseAddRepArgument, parseChangeRepArgument } from '../../io/region/parseRepArgument.js';
import { renderPlanSummary } from '../format/planSummary.js';
import { createProgressReporter } from '../format/progress.js';
import type { Language } from '../../i18n/languages.js';
import {
  LANG_OPTION_HELP,
  languageArgument,
  reportChoice,
  seedArgument,
  UsageError,
} from '../parseOptions.js';
import { auditUser } from './rollback.js';

interface ScenarioCommandOptions {
  region: string;
  lang?: Language;
  name: string;
  out?: string;
  policy?: string;
  set?: PolicySetting[];
  repsFile?: string;
  addRep?: AddedRep[];
  removeRep?: string[];
  changeRep?: ChangedRep[];
  fresh?: boolean;
  resegment?: boolean;
  applyStaffing?: boolean;
  seed: number;
  by?: string;
  note?: string;
  json?: boolean;
  quiet?: boolean;
}

/** A commander parser for a repeatable option: each value parsed, a bad one a usage error (exit 2). */
function repeatable<T>(parse: (text: string) => T): (text: string, previous: T[] | undefined) => T[] {
  return (text, previous) => {
    try {
      return [...(previous ?? []), parse(text)];
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  };
}

/** Refuses option combinations before any work (exit 2). */
function checkOptions(opts: ScenarioCommandOptions): PlanMode {
  if (!isScenarioName(opts.name))
    throw new UsageError(
      `--name ${JSON.stringify(opts.name)}: a scenario name is 1-64 of a-z, 0-9 and -, starting with a letter or digit`,
    );
  if (opts.resegment && opts.fresh) throw new UsageError('--resegment and --fresh cannot be combined');
  const editsReps =
    opts.repsFile !== undefined ||
    opts.addRep !== undefined ||
    opts.removeRep !== undefined ||
    opts.changeRep !== undefined;
  if (opts.applyStaffing && editsReps)
    throw new UsageError(
      '--apply-staffing cannot be combined with --reps-file, --add-rep, --remove-rep or --change-rep: run it alone, then repeat its rep changes by hand (it prints them as --change-rep / --add-rep) with your own adjustments',
    );
  return opts.fresh ? 'fresh' : opts.resegment ? 'resegment' : 'rebuild';
}

/** The lines after the plan tables: what was tried, the staffing applied, where it went. */
function renderOutcome(result: RunScenarioResult, opts: ScenarioCommandOptions, seconds: number): string {
  const lines = [`scenario ${result.scenario}: ${describeScenarioSpec(result.spec)}`];
  if (result.staffing) {
    lines.push(
      result.staffing.edits.length === 0
        ? `staffing: the current plan ${result.basedOn ?? ''} needs no staffing change (every pool fits its working time); planned with the region's reps`
        : `staffing: the current plan ${result.basedOn ?? ''} recommends: ${result.staffing.recommendation.join('; ')}`,
      ...result.staffing.edits.map((edit) => `  ${describeStaffingEdit(edit)}`),
    );
  }
  const out = opts.out ? ` --out ${opts.out}` : '';
  lines.push(
    `published scenario ${result.outDir}/versions/${result.version} (${seconds.toFixed(2)} s); current stays ${result.basedOn ?? '(none)'}`,
    `ref: ${result.ref}`,
    `promote: territory promote --region ${result.region} --scenario ${result.scenario}/${result.version}${out}`,
  );
  return lines.join('\n');
}

/** `territory scenario`: plan a what-if into scenarios/<name>/ without touching inputs or current. */
export function registerScenarioCommand(program: Command): void {
  program
    .command('scenario')
    .description(
      "plan a what-if (policy overrides, rep changes, staffing applied) into <out>/scenarios/<name>/versions/; the region's inputs and current stay as they are",
    )
    .requiredOption('--region <dir>', 'region folder with outlets.csv, reps.csv and optional policy.json')
    .requiredOption('--name <name>', 'scenario name (a-z, 0-9, -); running it again adds a version')
    .option('--out <dir>', 'region output folder (default $OUT_DIR/<region-name>, OUT_DIR default ./out)')
    .option('--policy <file>', 'policy overrides layered over the region policy.json')
    .option(
      '--set <key=value>',
      'set a policy key (dotted path; value JSON when it parses, else text), e.g. visits.small.frequency=every-4-weeks; repeatable',
      repeatable(parsePolicySetting),
    )
    .option('--reps-file <file>', 'plan these reps (reps.csv format) instead of the region reps.csv')
    .option('--add-rep <id,tier,lon,lat>', 'add a full-time rep; repeatable', repeatable(parseAddRepArgument))
    .option(
      '--remove-rep <id>',
      'remove a rep; repeatable',
      repeatable((id: string) => id.trim()),
    )
    .option(
      '--change-rep <id,tier[,lon,lat]>',
      "change a rep's tier (and home); repeatable",
      repeatable(parseChangeRepArgument),
    )
    .option('--fresh', 'plan from scratch (the current plan is only compared against)')
    .option('--resegment', 're-evaluate every outlet tier and redraw territories')
    .option(
      '--apply-staffing',
      "apply the current plan's staffing recommendation (move reps between pools, add reps)",
    )
    .option('--seed <n>', 'seed of the randomised stages (0-4294967295)', seedArgument, 1)
    .option('--by <name>', 'who plans it, for the spec and audit log (default the OS user)')
    .option('--note <text>', 'why, for the spec and audit log')
    .option('--lang <lang>', LANG_OPTION_HELP, languageArgument)
    .option('--json', 'print the result as JSON instead of tables')
    .option('--quiet', 'no stage progress on stderr')
    .action(async (opts: ScenarioCommandOptions) => {
      const mode = checkOptions(opts);
      const started = process.hrtime.bigint();
      const progress = createProgressReporter({
        stream: process.stderr,
        quiet: opts.quiet ?? false,
        label: `scenario ${opts.name} of ${basename(resolve(opts.region))}`,
      });
      let result: RunScenarioResult;
      try {
        result = await runScenario({
          regionDir: opts.region,
          outDir: opts.out,
          outRoot: loadOutRoot(),
          mapTiles: loadMapTiles(),
          report: reportChoice(opts.lang),
          name: opts.name,
          policyFile: opts.policy,
          settings: opts.set ?? [],
          repsFile: opts.repsFile,
          repEdits: { remove: opts.removeRep ?? [], change: opts.changeRep ?? [], add: opts.addRep ?? [] },
          applyStaffing: opts.applyStaffing ?? false,
          mode,
          seed: opts.seed,
          by: auditUser(opts.by),
          note: opts.note ?? null,
          onProgress: (stage, percent) => progress.update(stage, percent),
        });
      } catch (error) {
        progress.finish();
        throw error;
      }
      progress.finish('done');
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (opts.json) {
        const { plan: _plan, locale: _locale, ...rest } = result;
        process.stdout.write(`${JSON.stringify({ ...rest, seconds }, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `${renderPlanSummary(result.plan, result.locale)}\n\n${renderOutcome(result, opts, seconds)}\n`,
      );
    });
}
