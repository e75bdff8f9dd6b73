import type { QuarantineEntry } from '../../domain/types.js';
import { maskNumbers } from '../../i18n/maskNumbers.js';
import { quarantineText } from '../../i18n/warningText.js';

/**
 * What happened to the data behind a quarantine entry: the whole row was left out of the plan, or
 * the row was kept and only one optional field was ignored (replaced by its default).
 */
export type QuarantineAction = NonNullable<QuarantineEntry['action']>;

/** A quarantine entry as the loader produces it: the shared six fields plus the action taken. */
export interface LoaderQuarantineEntry extends QuarantineEntry {
  action: QuarantineAction;
}

/** Longest value (in characters) copied into an entry; a hostile 50 MB cell must not be echoed. */
export const MAX_ENTRY_VALUE_CHARS = 200;

/** Shortens a value for a quarantine entry, marking the cut with an ellipsis. */
export function truncateValue(value: string): string {
  return value.length <= MAX_ENTRY_VALUE_CHARS ? value : `${value.slice(0, MAX_ENTRY_VALUE_CHARS)}…`;
}

/** The problem of one row or field, before the loader adds the file name. */
export interface RowProblem {
  field: string;
  value: string;
  reason: string;
  action: QuarantineAction;
}

/** Builds a loader entry, truncating the value. */
export function quarantineEntry(
  file: string,
  line: number,
  id: string | null,
  problem: RowProblem,
): LoaderQuarantineEntry {
  return {
    file,
    line,
    id: id === null || id === '' ? null : truncateValue(id),
    field: problem.field,
    value: truncateValue(problem.value),
    reason: problem.reason,
    action: problem.action,
  };
}

/** Rejects the whole row. */
export function rejectRow(field: string, value: string, reason: string): RowProblem {
  return { field, value, reason, action: 'row-rejected' };
}

/** Keeps the row, drops one optional field. */
export function ignoreField(field: string, value: string, reason: string): RowProblem {
  return { field, value, reason, action: 'field-ignored' };
}

/** Orders entries by file, then line, so reports read top to bottom like the files. */
export function compareEntries(a: QuarantineEntry, b: QuarantineEntry): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line;
}

/**
 * Default number of entries kept per kind of problem (see quarantineKind). A file of millions of
 * duplicate rows must not mean millions of entries in memory, in plan.json and on the terminal:
 * the first entries of each kind are kept (enough to find and fix the cause) and the rest are
 * counted exactly, so nothing disappears silently.
 */
export const DEFAULT_MAX_ENTRIES_PER_KIND = 1000;

/** Exact counts of one kind of problem: how many entries there were and how many are listed. */
export interface QuarantineKindCount {
  file: string;
  field: string;
  action: QuarantineAction;
  /** The reason with its numbers replaced by `#`, e.g. `duplicate id (first used on line #); row rejected`. */
  reason: string;
  count: number;
  listed: number;
  omitted: number;
}

/** What a loader found, with exact counts even when entries were omitted. */
export interface QuarantineReport {
  /** The listed entries (the first of each kind), in file and line order, without omission notes. */
  entries: LoaderQuarantineEntry[];
  /** One note per kind with omitted entries (line 0; see omissionNote), for plan.json and quarantine.csv. */
  notes: LoaderQuarantineEntry[];
  /** Every kind of problem, in order of first appearance, with exact counts. */
  kinds: QuarantineKindCount[];
  /** Entries found in all (listed + omitted). */
  total: number;
  omitted: number;
  /** Exact entries per action, e.g. { 'row-rejected': 3, 'field-ignored': 1 }. */
  byAction: Record<string, number>;
}

/**
 * The kind of a problem: its file, action, field and reason without numbers (line numbers,
 * coordinates, distances), so "duplicate id (first used on line 17)" and "... line 912" are one kind.
 */
export function quarantineKind(entry: LoaderQuarantineEntry): string {
  return `${entry.file}\0${entry.action}\0${entry.field}\0${maskNumbers(entry.reason)}`;
}

/** Text that starts every omission note's reason (how consumers of plan.json can tell notes apart; the `quarantine.omitted` template starts with it). */
export const OMISSION_NOTE_PREFIX = 'omitted: ';

/**
 * Collects quarantine entries, keeping the first `maxPerKind` of each kind and counting every
 * entry exactly. Memory is bounded by the number of kinds (a few dozen) times `maxPerKind`.
 */
export class QuarantineCollector {
  private readonly kinds = new Map<string, QuarantineKindCount>();
  private readonly kept: LoaderQuarantineEntry[] = [];
  private total = 0;

  constructor(readonly maxPerKind: number = DEFAULT_MAX_ENTRIES_PER_KIND) {
    if (!Number.isInteger(maxPerKind) || maxPerKind < 0)
      throw new RangeError(`maxPerKind must be a whole number >= 0, got ${maxPerKind}`);
  }

  add(entry: LoaderQuarantineEntry): void {
    this.total++;
    const key = quarantineKind(entry);
    let kind = this.kinds.get(key);
    if (kind === undefined) {
      kind = {
        file: entry.file,
        field: entry.field,
        action: entry.action,
        reason: maskNumbers(entry.reason),
        count: 0,
        listed: 0,
        omitted: 0,
      };
      this.kinds.set(key, kind);
    }
    kind.count++;
    if (kind.listed < this.maxPerKind) {
      kind.listed++;
      this.kept.push(entry);
    } else kind.omitted++;
  }

  /** Every entry the collector kept, in the order they were added. */
  listed(): readonly LoaderQuarantineEntry[] {
    return this.kept;
  }

  report(): QuarantineReport {
    const kinds = [...this.kinds.values()];
    const byAction: Record<string, number> = {};
    for (const kind of kinds) byAction[kind.action] = (byAction[kind.action] ?? 0) + kind.count;
    const notes = kinds.filter((k) => k.omitted > 0).map(omissionNote);
    const omitted = kinds.reduce((sum, k) => sum + k.omitted, 0);
    return {
      entries: [...this.kept].sort(compareEntries),
      notes: notes.sort(compareEntries),
      kinds: kinds.map((k) => ({ ...k })),
      total: this.total,
      omitted,
      byAction,
    };
  }
}

/**
 * The entry standing for the omitted entries of one kind: line 0, no id, empty value, and a reason
 * that says how many were omitted, e.g. `omitted: 3190365 more entries of this kind (3191365 in
 * all, the first 1000 listed): duplicate id (first used on line #); row rejected`.
 */
export function omissionNote(kind: QuarantineKindCount): LoaderQuarantineEntry {
  return {
    file: kind.file,
    line: 0,
    id: null,
    field: kind.field,
    value: '',
    reason: quarantineText('quarantine.omitted', {
      omitted: kind.omitted,
      count: kind.count,
      listed: kind.listed,
      kindReason: kind.reason,
    }),
    action: kind.action,
  };
}

/** True for an omission note (see omissionNote). */
export function isOmissionNote(entry: QuarantineEntry): boolean {
  return entry.line === 0 && entry.id === null && entry.reason.startsWith(OMISSION_NOTE_PREFIX);
}

/**
 * Exact counts of a plan's quarantine list, which holds listed entries and omission notes: how many
 * entries are listed, how many were omitted (read back from the notes) and the total.
 */
export function countQuarantine(entries: readonly QuarantineEntry[]): {
  listed: number;
  omitted: number;
  total: number;
} {
  let listed = 0;
  let omitted = 0;
  for (const entry of entries) {
    if (!isOmissionNote(entry)) {
      listed++;
      continue;
    }
    omitted += Number(/^\d+/.exec(entry.reason.slice(OMISSION_NOTE_PREFIX.length))?.[0] ?? 0);
  }
  return { listed, omitted, total: listed + omitted };
}
