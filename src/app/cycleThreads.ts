import { availableParallelism } from 'node:os';
import { planRepCycleJob, type PlannedRepCycle, type RepCycleJob } from '../domain/cycle/planRepCycles.js';
import type { RepCycleRunner } from '../domain/pipeline/planRegion.js';
import type { CycleThreadRequest } from './cycleThreadMessages.js';
import { runThreadBatch, workerEntryFile } from './threadBatch.js';

/** Most worker threads the default (defaultPlanThreads) starts, whatever the core count. */
export const MAX_DEFAULT_PLAN_THREADS = 4;

/**
 * Below this many outlets the default is one thread: starting the stages' threads and warming
 * their code costs more than the threads save (measured on generated cities, 2 cores, quiet host:
 * the 1,399-outlet sample 2.5 s in one thread against 3.9 s with two; 5,000 and 10,000 outlets no
 * faster with two; 20,000 outlets 15-17 s against 12.5-14 s; 50,000 outlets 39 s against 25 s).
 */
export const THREADS_MIN_OUTLETS = 20_000;

/**
 * Worker threads of a plan by default: min(os.availableParallelism(), 4) for a region of at least
 * THREADS_MIN_OUTLETS outlets, else 1 (no worker thread). `--threads` / PLAN_THREADS override it.
 */
export function defaultPlanThreads(outlets: number = THREADS_MIN_OUTLETS): number {
  if (outlets < THREADS_MIN_OUTLETS) return 1;
  return Math.max(1, Math.min(availableParallelism(), MAX_DEFAULT_PLAN_THREADS));
}

/**
 * The cycle worker's entry file: dist/src/app/cycleWorker.js next to this module when compiled;
 * from TypeScript sources (vitest, tsx) cycleWorkerTsx.js, which registers tsx in the thread
 * before loading cycleWorker.ts.
 */
export function resolveCycleWorkerFile(): string {
  return workerEntryFile('cycleWorker');
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
    const local = new Map<number, PlannedRepCycle>();
    const queue: number[] = [];
    jobs.forEach((job, index) => {
      if (job.greatCircle) queue.push(index);
      else {
        local.set(index, planRepCycleJob(job));
        onDone();
      }
    });
    queue.sort((a, b) => workOf(jobs[b]) - workOf(jobs[a]) || a - b);
    const results = await runThreadBatch<RepCycleJob, CycleThreadRequest, PlannedRepCycle>({
      workerFile,
      threads,
      jobs,
      queue,
      requestOf,
      nameOf: (job) => `rep ${job?.rep.id ?? '?'}`,
      stage: 'cycle',
      onResult: onDone,
    });
    for (const [index, planned] of local) results[index] = planned;
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
