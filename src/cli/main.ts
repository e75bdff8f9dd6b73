import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { PROGRAM_VERSION } from '../app/programVersion.js';
import { registerApiCommand } from './commands/api.js';
import { registerEnqueueCommand } from './commands/enqueue.js';
import { registerGenerateCommand } from './commands/generate.js';
import { registerJobsCommand } from './commands/jobs.js';
import { registerPlanCommand } from './commands/plan.js';
import { registerPolicyCommand } from './commands/policy.js';
import { registerRollbackCommand, registerVersionsCommand } from './commands/rollback.js';
import { registerSchedulerCommand } from './commands/scheduler.js';
import { registerSequenceCommand } from './commands/sequence.js';
import { registerServeCommand } from './commands/serve.js';
import { registerValidateCommand } from './commands/validate.js';
import { registerWorkerCommand } from './commands/worker.js';
import { describeError } from './describeError.js';

/** Builds the `territory` command line program with every sub-command registered. */
export function buildProgram(): Command {
  const program = new Command('territory')
    .description('Tiered outlet segmentation, balanced territories and visit-cycle routes for field sales')
    .version(PROGRAM_VERSION)
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

/**
 * Runs the CLI and resolves to the process exit code. Expected failures (bad input, bad policy,
 * a refused publish) print one `error:` line without a stack trace; set TERRITORY_DEBUG=1 for stacks.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version "errors" are normal exits; commander already printed the usage problem.
      return error.exitCode === 0 ||
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version'
        ? 0
        : 2;
    }
    process.stderr.write(`error: ${describeError(error)}\n`);
    if (process.env.TERRITORY_DEBUG && error instanceof Error && error.stack)
      process.stderr.write(`${error.stack}\n`);
    return 1;
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
  process.exitCode = await main(process.argv);
}
