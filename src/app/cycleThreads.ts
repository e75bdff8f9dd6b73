import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { planRepCycleJob, type PlannedRepCycle, type RepCycleJob } from '../domain/cycle/planRepCycles.js';
import type { RepCycleRunner } from '../domain/pipeline/planRegion.js';
import type { CycleThreadReply, CycleThreadRequest } from './cycleThreadMessages.js';

/** Most worker threads the default (defaultPlanThreads) starts, whatever the core count. */
export const MAX_DEFAULT_PLAN_THREADS = 4;

/** Worker threads of the cycle stage by default: min(os.availableParallelism(), 4). */
export function defaultPlanThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_DEFAULT_PLAN_THREADS));
}

/**
 * The cycle worker's entry file: dist/src/app/cycleWorker.js next to this module when compiled;
 * from TypeScript sources (vitest, tsx) cycleWorkerTsx.js, which registers tsx in the thread
 * before loading cycleWorker.ts.
 */
export function resolveCycleWorkerFile(): string {
  const compiled = fileURLToPath(new URL('./cycleWorker.js', import.meta.url));
  if (existsSync(compiled)) return compiled;
  const fromSource = fileURLToPath(new URL('./cycleWorkerTsx.js', import.meta.url));
  if (existsSync(fromSource)) return fromSource;
  throw new Error(
    `no cycle worker entry found (looked for ${compiled} and ${fromSource}); run npm run build`,
  );
}

/**
 * A RepCycleRunner planning each job on a pool of `threads` worker threads (never more than there
 * are jobs). Jobs go out longest first (most outlets x starts; ties in job order) so the threads
 * finish close together; results come back by index, so their order is the jobs' order whatever the timing.
 * A job without great-circle settings (a road travel model, which cannot cross threads) is planned
 * in the calling thread. The first failure rejects with the rep id in its message; every thread
 * is terminated when the batch ends, resolved or rejected.
 */
export function threadedCycleRunner(threads: number, workerFile = resolveCycleWorkerFile()): RepCycleRunner {
  return async (jobs, onDone) => {
    const results = new Array<PlannedRepCycle | undefined>(jobs.length);
    const queue: number[] = [];
    jobs.forEach((job, index) => {
      if (job.greatCircle) queue.push(index);
      else {
        results[index] = planRepCycleJob(job);
        onDone();
      }
    });
    queue.sort((a, b) => workOf(jobs[b]) - workOf(jobs[a]) || a - b);
    const count = Math.min(Math.max(1, Math.floor(threads)), queue.length);
    if (count === 0) return results as PlannedRepCycle[];
    const workers: Worker[] = [];
    try {
      // Inside the try: a thread that fails to start must not leave the others running.
      for (let i = 0; i < count; i++) workers.push(new Worker(workerFile));
      await new Promise<void>((resolveAll, reject) => {
        let next = 0;
        let finished = 0;
        const inFlight = new Map<Worker, number>();
        const send = (worker: Worker): void => {
          const index = queue[next++];
          if (index === undefined) return;
          inFlight.set(worker, index);
          worker.postMessage(requestOf(jobs[index] as RepCycleJob, index));
        };
        const repOf = (worker: Worker): string => {
          const index = inFlight.get(worker);
          return index === undefined ? '(none)' : (jobs[index]?.rep.id ?? '?');
        };
        for (const worker of workers) {
          worker.on('message', (reply: CycleThreadReply) => {
            inFlight.delete(worker);
            if ('error' in reply) {
              const rep = jobs[reply.index]?.rep.id ?? '?';
              reject(threadError(rep, reply.error));
              return;
            }
            results[reply.index] = reply.planned;
            onDone();
            if (++finished === queue.length) resolveAll();
            else send(worker);
          });
          worker.on('error', (error) =>
            reject(
              new Error(`cycle worker thread failed on rep ${repOf(worker)}: ${error.message}`, {
                cause: error,
              }),
            ),
          );
          worker.on('exit', (code) => {
            if (finished < queue.length)
              reject(new Error(`cycle worker thread exited with code ${code} on rep ${repOf(worker)}`));
          });
          send(worker);
        }
      });
    } finally {
      await Promise.all(workers.map((worker) => worker.terminate()));
    }
    return results as PlannedRepCycle[];
  };
}

/**
 * A job's rough cost for ordering: outlets x starts (a small territory gets several starts, so it
 * may cost more than a large one with one start).
 */
function workOf(job: RepCycleJob | undefined): number {
  return job ? job.input.outlets.length * job.starts : 0;
}

/** The message for one job: its input without the travel model, which the thread rebuilds. */
function requestOf(job: RepCycleJob, index: number): CycleThreadRequest {
  const { travel: _travel, ...input } = job.input;
  if (!job.greatCircle) throw new Error(`rep ${job.rep.id}: a road travel model cannot cross threads`);
  return { index, input, starts: job.starts, basis: job.basis, greatCircle: job.greatCircle };
}

/** The error of a job that threw in its thread, naming the rep; the thread's stack is the cause's. */
function threadError(rep: string, thrown: { message: string; stack: string | null }): Error {
  const cause = new Error(thrown.message);
  if (thrown.stack) cause.stack = thrown.stack;
  return new Error(`cycle of rep ${rep} failed in a worker thread: ${thrown.message}`, { cause });
}
