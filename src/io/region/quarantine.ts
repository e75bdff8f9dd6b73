import type { QuarantineEntry } from '../../domain/types.js';

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
