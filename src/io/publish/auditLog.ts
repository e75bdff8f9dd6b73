import { open, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fsyncDirectory } from './durableFs.js';

/** The audit log of a region, in its output folder (one JSON object per line). */
export const AUDIT_FILE = 'audit.jsonl';

/**
 * What happened to a version: `publish` (made current directly by a plan or job), `candidate`
 * (published as a candidate; current unchanged), `approve` (a candidate made current, or re-planned
 * and published with `--rebase`), `reject`, `rollback`; in a scenario's own log, `scenario` (a
 * scenario version published); `promote` (a scenario version copied into the region's versions/
 * as a candidate, in both the region's and the scenario's log).
 */
export type AuditAction =
  'publish' | 'candidate' | 'approve' | 'reject' | 'rollback' | 'scenario' | 'promote';

/** One line of audit.jsonl. */
export interface AuditEntry {
  /** ISO time of the event. */
  at: string;
  action: AuditAction;
  /** The version the event is about (for `approve --rebase`: the candidate approved). */
  version: string;
  /** The version `current` pointed at before the event (null: none). */
  from: string | null;
  /** The version `current` points at after the event (null: none). */
  to: string | null;
  /** Who: `--by`, the OS user of the CLI, or `job:<id>` for queue jobs. */
  by: string | null;
  note: string | null;
  /** Why, e.g. the review threshold a rebuild exceeded, or the plan mode. */
  reason: string | null;
}

/** Who records an event and when: `by` and `note` default to none, `now` to the current time. */
export interface AuditWho {
  by?: string | null;
  note?: string | null;
  now?: Date;
}

/** An audit entry for `event`, stamped with who recorded it and when. */
export function auditEntry(
  event: Pick<AuditEntry, 'action' | 'version' | 'from' | 'to' | 'reason'>,
  who: AuditWho = {},
): AuditEntry {
  return {
    at: (who.now ?? new Date()).toISOString(),
    action: event.action,
    version: event.version,
    from: event.from,
    to: event.to,
    by: who.by ?? null,
    note: who.note ?? null,
    reason: event.reason,
  };
}

/** Appends queued per file: two writers of one process never interleave or lose a line. */
const queues = new Map<string, Promise<void>>();

/**
 * Appends one entry to `<regionOutDir>/audit.jsonl` durably: the line is written with one
 * append-mode write and fsynced (and the folder fsynced when the file is new) before this
 * resolves. Writers in one process are serialised per file; a line torn by a crash is ended
 * before the next one is appended, so it never swallows a later entry.
 */
export async function appendAudit(regionOutDir: string, entry: AuditEntry): Promise<void> {
  const path = join(resolve(regionOutDir), AUDIT_FILE);
  const previous = queues.get(path) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => appendLine(path, entry));
  queues.set(path, next);
  try {
    await next;
  } finally {
    if (queues.get(path) === next) queues.delete(path);
  }
}

async function appendLine(path: string, entry: AuditEntry): Promise<void> {
  const handle = await open(path, 'a+');
  try {
    const { size } = await handle.stat();
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    await handle.write(`${prefix}${JSON.stringify(entry)}\n`);
    await handle.sync();
    if (size === 0) await fsyncDirectory(resolve(path, '..'));
  } finally {
    await handle.close();
  }
}

/** The audit log of a region, oldest first; an absent log is empty, unreadable lines are skipped. */
export async function readAudit(regionOutDir: string): Promise<AuditEntry[]> {
  let text: string;
  try {
    text = await readFile(join(resolve(regionOutDir), AUDIT_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: AuditEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = JSON.parse(line) as Partial<AuditEntry>;
      if (
        typeof parsed.action === 'string' &&
        typeof parsed.version === 'string' &&
        typeof parsed.at === 'string'
      )
        entries.push(parsed as AuditEntry);
    } catch {
      // A line torn by a crash: the event it described did not finish being recorded.
    }
  }
  return entries;
}

/**
 * The review decision recorded for each version: the latest `approve` or `reject` entry wins
 * (a rejected version cannot be approved, so in practice there is at most one).
 */
export function reviewDecisions(entries: readonly AuditEntry[]): Map<string, 'approved' | 'rejected'> {
  const decisions = new Map<string, 'approved' | 'rejected'>();
  for (const entry of entries) {
    if (entry.action === 'approve') decisions.set(entry.version, 'approved');
    else if (entry.action === 'reject') decisions.set(entry.version, 'rejected');
  }
  return decisions;
}
