import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** What a batch worker thread answers to one request: the result at `index`, or what was thrown. */
export type ThreadReply<R> =
  { index: number; result: R } | { index: number; error: { message: string; stack: string | null } };

/** How runThreadBatch names a job in its errors and sends it to a thread. */
export interface ThreadBatch<J, Q> {
  /** The worker entry file every thread runs. */
  workerFile: string;
  /** How many threads to start (never more than there are queued jobs, at least 1). */
  threads: number;
  jobs: readonly J[];
  /** Indexes of the jobs to run on threads, in the order they are sent. */
  queue: readonly number[];
  /** The message for job `index` (structured-cloneable). */
  requestOf: (job: J, index: number) => Q;
  /** The job's name in errors, e.g. `rep R12` or `pool C`. */
  nameOf: (job: J | undefined) => string;
  /** The stage's name in errors, e.g. `cycle`. */
  stage: string;
  /** Called as each job's result arrives, in any order. */
  onResult: (index: number) => void;
}

/**
 * Runs the queued jobs of a batch on up to `threads` worker threads of `workerFile`, each thread
 * taking the next queued job when it answers; resolves with the results by job index (order
 * independent of timing; jobs not queued stay undefined). The first failure (a job that threw in
 * its thread, a thread error or exit) rejects naming the job; every thread is terminated when the
 * batch ends, resolved or rejected, including threads started before one failed to start.
 */
export async function runThreadBatch<J, Q, R>(batch: ThreadBatch<J, Q>): Promise<Array<R | undefined>> {
  const { jobs, queue, stage, nameOf } = batch;
  const results = new Array<R | undefined>(jobs.length);
  const count = Math.min(Math.max(1, Math.floor(batch.threads)), queue.length);
  if (count === 0) return results;
  const workers: Worker[] = [];
  try {
    // Inside the try: a thread that fails to start must not leave the others running.
    for (let i = 0; i < count; i++) workers.push(new Worker(batch.workerFile));
    await new Promise<void>((resolveAll, reject) => {
      let next = 0;
      let finished = 0;
      const inFlight = new Map<Worker, number>();
      const send = (worker: Worker): void => {
        const index = queue[next++];
        if (index === undefined) return;
        inFlight.set(worker, index);
        worker.postMessage(batch.requestOf(jobs[index] as J, index));
      };
      const jobOf = (worker: Worker): string => {
        const index = inFlight.get(worker);
        return index === undefined ? '(none)' : nameOf(jobs[index]);
      };
      for (const worker of workers) {
        worker.on('message', (reply: ThreadReply<R>) => {
          inFlight.delete(worker);
          if ('error' in reply) {
            reject(threadError(stage, nameOf(jobs[reply.index]), reply.error));
            return;
          }
          results[reply.index] = reply.result;
          batch.onResult(reply.index);
          if (++finished === queue.length) resolveAll();
          else send(worker);
        });
        worker.on('error', (error) =>
          reject(
            new Error(`${stage} worker thread failed on ${jobOf(worker)}: ${error.message}`, {
              cause: error,
            }),
          ),
        );
        worker.on('exit', (code) => {
          if (finished < queue.length)
            reject(new Error(`${stage} worker thread exited with code ${code} on ${jobOf(worker)}`));
        });
        send(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}

/** The error of a job that threw in its thread, naming the job; the thread's stack is the cause's. */
function threadError(stage: string, job: string, thrown: { message: string; stack: string | null }): Error {
  const cause = new Error(thrown.message);
  if (thrown.stack) cause.stack = thrown.stack;
  return new Error(`${stage} of ${job} failed in a worker thread: ${thrown.message}`, { cause });
}

/** A ThreadReply for `index` from running `work` (what a batch worker posts back). */
export function threadReply<R>(index: number, work: () => R): ThreadReply<R> {
  try {
    return { index, result: work() };
  } catch (error) {
    return {
      index,
      error:
        error instanceof Error
          ? { message: error.message, stack: error.stack ?? null }
          : { message: String(error), stack: null },
    };
  }
}

/**
 * A worker entry file of src/app: `<name>.js` next to this module when compiled (dist/src/app),
 * else, from TypeScript sources (vitest, tsx), `<name>Tsx.js`, which registers tsx in the thread
 * before loading `<name>.ts` (worker threads do not inherit tsx's loader).
 */
export function workerEntryFile(name: string): string {
  const compiled = fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  if (existsSync(compiled)) return compiled;
  const fromSource = fileURLToPath(new URL(`./${name}Tsx.js`, import.meta.url));
  if (existsSync(fromSource)) return fromSource;
  throw new Error(`no ${name} entry found (looked for ${compiled} and ${fromSource}); run npm run build`);
}
