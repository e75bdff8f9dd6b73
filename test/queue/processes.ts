import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '../../src/config/env.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = fileURLToPath(new URL('./fixtures/cli.ts', import.meta.url));

/** Environment that reproduces `config` for a child process. */
export function envOf(config: AppConfig, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    REDIS_URL: config.redisUrl,
    QUEUE_PREFIX: config.queuePrefix,
    REGIONS_DIR: config.regionsDir,
    OUT_DIR: config.outDir,
    API_TOKEN: config.apiToken ?? '',
    LOG_LEVEL: 'info',
    WORKER_CONCURRENCY: String(config.workerConcurrency),
    LOCK_DURATION_MS: String(config.lockDurationMs),
    STALLED_INTERVAL_MS: String(config.stalledIntervalMs),
    JOB_ATTEMPTS: String(config.jobAttempts),
    JOB_BACKOFF_MS: String(config.jobBackoffMs),
    REGION_BUSY_RETRY_MS: String(config.regionBusyRetryMs),
    SHUTDOWN_GRACE_MS: String(config.shutdownGraceMs),
    ...extra,
  };
}

export interface CliProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const FAKE_WORKER = fileURLToPath(new URL('./fixtures/fakeWorker.ts', import.meta.url));

/** Spawns `territory <args>` (queue commands only) from the TypeScript sources. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv): CliProcess {
  return spawnScript(CLI, args, env);
}

/** Spawns a worker process running the fake pipeline (see fixtures/fakeWorker.ts). */
export function spawnFakeWorker(env: NodeJS.ProcessEnv): CliProcess {
  return spawnScript(FAKE_WORKER, [], env);
}

/** Spawns the compiled `territory` CLI (bin/territory.js; needs `npm run build`), as deployed. */
export function spawnCompiledCli(args: string[], env: NodeJS.ProcessEnv): CliProcess {
  return spawnScript(fileURLToPath(new URL('../../bin/territory.js', import.meta.url)), args, env, []);
}

function spawnScript(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  nodeArgs: string[] = ['--import', 'tsx'],
): CliProcess {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => text, exited };
}

/** Runs a short CLI command to completion. */
export async function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  const p = spawnCli(args, env);
  const { code } = await p.exited;
  return { code, output: p.output() };
}
