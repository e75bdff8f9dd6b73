import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { PROGRAM_VERSION } from '../app/programVersion.js';
import { registerApiCommand } from './commands/api.js';
import { registerCompareCommand } from './commands/compare.js';
import { registerEnqueueCommand } from './commands/enqueue.js';
import { registerGenerateCommand } from './commands/generate.js';
import { registerJobsCommand } from './commands/jobs.js';
import { registerPlanCommand } from './commands/plan.js';
import { registerPolicyCommand } from './commands/policy.js';
import { registerReviewCommands } from './commands/review.js';
import { registerRollbackCommand, registerVersionsCommand } from './commands/rollback.js';
import { registerScenarioCommand } from './commands/scenario.js';
import { registerScenariosCommands } from './commands/scenarios.js';
import { registerSchedulerCommand } from './commands/scheduler.js';
import { registerSequenceCommand } from './commands/sequence.js';
import { registerServeCommand } from './commands/serve.js';
import { registerValidateCommand } from './commands/validate.js';
import { registerWorkerCommand } from './commands/worker.js';
import { describeError, errorJson, exitCodeOf, isHelpOrVersion } from './describeError.js';
import { errorLanguage } from './commandLocale.js';
import { localiseError } from '../i18n/localiseWarning.js';
import { FatalInputError } from '../io/region/fatalInputError.js';

/** Builds the `territory` command line program with every sub-command registered. */
export function buildProgram(): Command {
  const program = new Command('territory')
    .description('Tiered outlet segmentation, balanced territories and visit-cycle routes for field sales')
    .version(PROGRAM_VERSION)
    // Program options only before the sub-command: `approve --version <v>` is the sub-command's own.
    .enablePositionalOptions()
    .showHelpAfterError()
    .exitOverride();
  // Planning in-process (no Redis).
  registerPlanCommand(program);
  registerValidateCommand(program);
  registerPolicyCommand(program);
  registerGenerateCommand(program);
  registerSequenceCommand(program);
  // Published versions.
  registerVersionsCommand(program);
  registerRollbackCommand(program);
  registerReviewCommands(program);
  registerCompareCommand(program);
  // What-if scenarios (planned in-process beside the region's versions).
  registerScenarioCommand(program);
  registerScenariosCommands(program);
  // The queue: triggers and long-running processes.
  registerEnqueueCommand(program);
  registerJobsCommand(program);
  registerWorkerCommand(program);
  registerSchedulerCommand(program);
  registerApiCommand(program);
  registerServeCommand(program);
  for (const command of program.commands) command.exitOverride();
  return program;
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
  const program = buildProgram();
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
      // commander's message and the help that follows it, as commander would have printed them.
      process.stderr.write(usageText);
    } else {
      // Fatal input errors the catalogue covers are shown in the report language; --json keeps English.
      const message = describeError(error);
      const shown =
        error instanceof FatalInputError
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
