import { ChildCommand, ParentCommand, type Child, type ChildPool, type Worker } from 'bullmq';

/**
 * Keeps BullMQ's sandbox from reusing a thread that still runs a job.
 *
 * BullMQ 6's sandbox (`classes/sandbox.js`) gives its thread back to the child pool as soon as
 * the job's promise settles. That is also the case when the *parent* gives up on the job while
 * the thread still works: a progress update or log line of a job whose key disappeared (Redis
 * restarted without persistence, FLUSHALL, failover) rejects the job in the parent. The busy
 * thread then goes back to the free pool, the next job sent to it fails with "cannot start a not
 * idling child process", and the orphaned thread goes on planning and may publish.
 *
 * The guard hooks the worker's child pool (the one seam BullMQ has between a job and its thread):
 * it follows each thread's Start and Completed/Failed messages, and a thread handed back while
 * still running a job is terminated instead of pooled (the pool starts a fresh one for the next
 * job). A job whose lock renewal fails (its lock expired or was taken: it is no longer ours, and
 * another worker may already run it) has its thread terminated at once as well. The region lock's
 * fence is the guarantee that an attempt which lost the job never publishes; ending its thread
 * frees the slot and the CPU early.
 */
export interface SandboxGuard {
  /** Terminates the thread running `jobId`, if any; true when there was one. */
  terminateJob(jobId: string, reason: string): boolean;
}

interface StartMessage {
  cmd: ChildCommand;
  job?: { id?: string };
}

/** Installs the guard on a sandboxed worker; `onTerminate` is told about every thread it ends. */
export function guardSandbox(
  worker: Worker,
  onTerminate: (jobId: string, reason: string) => void,
): SandboxGuard {
  // BullMQ keeps the pool private; without it (a BullMQ that changed) the guard cannot work.
  const pool = (worker as unknown as { childPool?: ChildPool }).childPool;
  if (!pool || typeof pool.retain !== 'function' || typeof pool.release !== 'function')
    throw new Error('sandbox guard: this BullMQ version has no worker child pool to guard');

  /** The job each thread is running, from its Start until its Completed or Failed message. */
  const running = new Map<Child, string>();
  const followed = new WeakSet<Child>();

  const follow = (child: Child): void => {
    if (followed.has(child)) return;
    followed.add(child);
    const send = child.send.bind(child);
    child.send = (message: StartMessage) => {
      if (message.cmd === ChildCommand.Start) running.set(child, message.job?.id ?? '?');
      return send(message);
    };
    child.on('message', (message: { cmd?: ParentCommand }) => {
      if (message.cmd === ParentCommand.Completed || message.cmd === ParentCommand.Failed)
        running.delete(child);
    });
    child.on('exit', () => running.delete(child));
  };

  const terminate = (child: Child, jobId: string, reason: string): void => {
    running.delete(child);
    // kill() first takes the thread out of the pool, so no job can get it any more.
    pool.kill(child, 'SIGKILL').catch(() => undefined);
    onTerminate(jobId, reason);
  };

  const retain = pool.retain.bind(pool);
  pool.retain = async (processFile: string): Promise<Child> => {
    const child = await retain(processFile);
    follow(child);
    return child;
  };
  const release = pool.release.bind(pool);
  pool.release = (child: Child): void => {
    const jobId = running.get(child);
    if (jobId === undefined) {
      release(child);
      return;
    }
    terminate(child, jobId, 'the worker gave the job up while its thread was still running it');
  };

  const guard: SandboxGuard = {
    terminateJob(jobId, reason) {
      for (const [child, id] of running) {
        if (id !== jobId) continue;
        terminate(child, jobId, reason);
        return true;
      }
      return false;
    },
  };
  worker.on('lockRenewalFailed', (jobIds: string[]) => {
    for (const jobId of jobIds) guard.terminateJob(jobId, 'its job lock could not be renewed');
  });
  return guard;
}
