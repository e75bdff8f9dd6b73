import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { PROGRAM_VERSION } from '../app/programVersion.js';
import { describeError, errorJson, exitCodeOf, isHelpOrVersion } from './describeError.js';
import { errorLanguage } from './commandLocale.js';
import { localiseError } from '../i18n/localiseWarning.js';
import { localiseHelp } from './localiseHelp.js';
import { localiseUsageError } from './localiseUsageError.js';
import type { Language } from '../i18n/languages.js';

type RegisterCommands = (program: Command) => void;

/** The errors whose messages come from `error.*` templates (by class name: no module loaded for them). */
const LOCALISED_ERRORS = new Set([
  'FatalInputError',
  'PublishGateError',
  'TravelOutageError',
  'TravelRequestError',
  'TableTooBigError',
  'TravelConfigError',
]);

/**
 * The module that registers each command, in the order `--help` lists them. A run loads only the
 * module of the command it runs (a plan does not load the queue, the API server or the generator:
 * about 80 modules and ioredis less at start-up); help, `--version` and unknown commands load all.
 */
const COMMAND_MODULES: ReadonlyArray<readonly [name: string, load: () => Promise<RegisterCommands>]> = [
  // Planning in-process (no Redis).
  ['plan', async () => (await import('./commands/plan.js')).registerPlanCommand],
  ['validate', async () => (await import('./commands/validate.js')).registerValidateCommand],
  ['policy', async () => (await import('./commands/policy.js')).registerPolicyCommand],
  ['generate', async () => (await import('./commands/generate.js')).registerGenerateCommand],
  ['sequence', async () => (await import('./commands/sequence.js')).registerSequenceCommand],
  // Published versions.
  ['versions', async () => (await import('./commands/rollback.js')).registerVersionsCommand],
  ['rollback', async () => (await import('./commands/rollback.js')).registerRollbackCommand],
  ['approve', async () => (await import('./commands/review.js')).registerReviewCommands],
  ['reject', async () => (await import('./commands/review.js')).registerReviewCommands],
  ['compare', async () => (await import('./commands/compare.js')).registerCompareCommand],
  // What-if scenarios (planned in-process beside the region's versions).
  ['scenario', async () => (await import('./commands/scenario.js')).registerScenarioCommand],
  ['scenarios', async () => (await import('./commands/scenarios.js')).registerScenariosCommands],
  ['promote', async () => (await import('./commands/scenarios.js')).registerScenariosCommands],
  // The queue: triggers and long-running processes.
  ['enqueue', async () => (await import('./commands/enqueue.js')).registerEnqueueCommand],
  ['jobs', async () => (await import('./commands/jobs.js')).registerJobsCommand],
  ['worker', async () => (await import('./commands/worker.js')).registerWorkerCommand],
  ['scheduler', async () => (await import('./commands/scheduler.js')).registerSchedulerCommand],
  ['api', async () => (await import('./commands/api.js')).registerApiCommand],
  ['serve', async () => (await import('./commands/serve.js')).registerServeCommand],
];

/** The sub-command the arguments (after node and the script) run, or null (help, version, none). */
export function commandNameOf(args: readonly string[]): string | null {
  const first = args[0];
  return first === undefined || first.startsWith('-') ? null : first;
}

/**
 * Builds the `territory` command line program: with a known `only` command name, just that
 * command (and the ones its module registers with it); otherwise every sub-command.
 */
export async function buildProgram(only: string | null = null): Promise<Command> {
  const program = new Command('territory')
    .description('Tiered outlet segmentation, balanced territories and visit-cycle routes for field sales')
    .version(PROGRAM_VERSION)
    // Program options only before the sub-command: `approve --version <v>` is the sub-command's own.
    .enablePositionalOptions()
    .showHelpAfterError()
    .exitOverride();
  const wanted = COMMAND_MODULES.filter(([name]) => name === only);
  const registered = new Set<RegisterCommands>();
  for (const [, load] of wanted.length > 0 ? wanted : COMMAND_MODULES) {
    const register = await load();
    if (registered.has(register)) continue;
    registered.add(register);
    register(program);
  }
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** True when the arguments ask for help (`-h` / `--help` before any `--`, or the `help` command). */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  const list = end === -1 ? args : args.slice(0, end);
  return list[0] === 'help' || list.includes('--help') || list.includes('-h');
}

/** The help of the command the arguments name (else the program's), worded in `lang`. */
function localisedHelp(program: Command, args: readonly string[], lang: Language): string {
  localiseHelp(program, lang);
  const name = commandNameOf(args);
  const command = program.commands.find((c) => c.name() === name) ?? program;
  return command.helpInformation();
}

/** True when the arguments ask for JSON output (`--json` before any `--`). */
export function wantsJson(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).includes('--json');
}

/**
 * Routes commander's own error output (usage problems, and the help shown after them) through
 * `report` instead of straight to stderr, for the program and every sub-command.
 */
function captureCommanderErrors(program: Command, report: (text: string) => void): void {
  for (const command of [program, ...program.commands]) {
    command.configureOutput({
      outputError: (text) => report(text),
      writeErr: (text) => report(text),
    });
  }
}

/**
 * Runs the CLI and resolves to the process exit code, for every command alike (see exitCodeOf):
 * 0 success, 1 a runtime or input error, 2 a usage error. Errors print one `error: <message>`
 * line on stderr without a stack trace (TERRITORY_DEBUG=1 adds it); with `--json` they print
 * instead one JSON object `{"error": {"message", "code", "exitCode", ...}}` on stdout, where the
 * result would have been, so a consumer parses stdout either way and checks the exit code.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const json = wantsJson(argv.slice(2));
  const program = await buildProgram(commandNameOf(argv.slice(2)));
  // Help in the language of --lang, else the --region folder's policy, else LANG (as the error line).
  if (wantsHelp(argv.slice(2))) localiseHelp(program, await errorLanguage(argv.slice(2)));
  let usageText = '';
  captureCommanderErrors(program, (text) => {
    usageText += text;
  });
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError && isHelpOrVersion(error)) return 0;
    if (json) {
      process.stdout.write(`${JSON.stringify(errorJson(error))}\n`);
    } else if (usageText !== '') {
      // commander's message and the help that follows it, in the report language.
      const lang = await errorLanguage(argv.slice(2));
      process.stderr.write(
        lang === 'en'
          ? usageText
          : localiseUsageError(usageText, lang, localisedHelp(program, argv.slice(2), lang)),
      );
    } else {
      // Errors the catalogue covers (fatal input errors, the publish gate's refusal, road travel
      // failures) are shown in the report language; --json keeps English.
      const message = describeError(error);
      const shown =
        error instanceof Error && LOCALISED_ERRORS.has(error.name)
          ? localiseError(message, await errorLanguage(argv.slice(2)))
          : message;
      process.stderr.write(`error: ${shown}\n`);
    }
    if (process.env.TERRITORY_DEBUG && error instanceof Error && error.stack)
      process.stderr.write(`${error.stack}\n`);
    return exitCodeOf(error);
  }
}

/**
 * Keeps the CLI working when whoever reads its output goes away (`territory plan ... | head`):
 * a closed stdout or stderr pipe (EPIPE) only silences further output, so a plan under way still
 * finishes and publishes instead of dying half-way; any other stream error still throws. Called
 * once per process by the launchers, not by main(), which tests run many times in one process.
 */
export function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
      throw error;
    });
  }
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

// `tsx src/cli/main.ts ...` (npm run dev) runs the CLI directly; bin/territory.js imports main().
const invokedDirectly = isEntryPoint();
if (invokedDirectly) {
  ignoreClosedPipes();
  process.exitCode = await main(process.argv);
}
