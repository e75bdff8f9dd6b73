import { join, resolve } from 'node:path';
import { appendAudit, auditEntry } from './auditLog.js';
import {
  assertVersionExists,
  currentVersion,
  readManifest,
  switchToVerifiedVersion,
  versionStatus,
  type SwitchStep,
} from './publishVersion.js';

/**
 * A review request that cannot succeed as asked: the version is not a pending candidate, was
 * rejected, or was planned on a `current` that has changed since (`stale`; `--rebase` re-plans it).
 * The HTTP API answers 409.
 */
export class ReviewError extends Error {
  constructor(
    message: string,
    readonly reason: 'not-candidate' | 'rejected' | 'stale',
  ) {
    super(message);
    this.name = 'ReviewError';
  }
}

/** Who decided and why, recorded in the audit log. */
export interface ReviewInput {
  by?: string | null;
  note?: string | null;
  /** Time of the decision (default now). */
  now?: Date;
  /** Called at each step of the switch (crash tests). */
  onStep?: (step: SwitchStep) => void | Promise<void>;
}

/** A candidate as approve sees it: its status and the version it was planned on. */
export interface CandidateCheck {
  version: string;
  /** The version that was current when the candidate was planned (null: none or not recorded). */
  basedOn: string | null;
  /** The version current now. */
  current: string | null;
  /** True when `current` moved since the candidate was planned. */
  stale: boolean;
}

/**
 * Checks that `version` is a pending candidate of the region (exists, not current, not approved
 * or rejected) and tells whether it is stale (planned on a `current` that is not current any
 * more). Throws ReviewError (or VersionNotFoundError) otherwise.
 */
export async function checkCandidate(
  regionOutDir: string,
  version: string,
  label: string,
): Promise<CandidateCheck> {
  const out = resolve(regionOutDir);
  await assertVersionExists(out, version, label);
  const status = await versionStatus(out, version);
  if (status === 'rejected')
    throw new ReviewError(`${label}: version ${version} was rejected and cannot be approved`, 'rejected');
  if (status !== 'candidate')
    throw new ReviewError(
      `${label}: version ${version} is ${status === 'current' ? 'already current' : 'not a candidate (use rollback to make a published version current)'}`,
      'not-candidate',
    );
  const manifest = await readManifest(join(out, 'versions', version));
  const basedOn = manifest.basedOn ?? null;
  const current = await currentVersion(out);
  return { version, basedOn, current, stale: basedOn !== current };
}

/**
 * Approves a pending candidate: verifies it against its manifest checksums and makes it current
 * atomically, exactly as rollback switches `current` (switchToVerifiedVersion), then appends an
 * `approve` entry to the audit log. Refuses (ReviewError, `current` unchanged) a rejected
 * version, a version that is not a pending candidate, and a stale candidate (planned on an older
 * `current`; re-plan it with `territory approve --rebase`). A crash during the switch leaves the
 * old or the new version current, both intact; a crash after the switch and before the audit
 * line leaves the candidate current without its approve entry.
 */
export async function approveVersion(
  regionOutDir: string,
  version: string,
  input: ReviewInput = {},
): Promise<{ from: string | null; to: string }> {
  const out = resolve(regionOutDir);
  const check = await checkCandidate(out, version, 'approve');
  if (check.stale)
    throw new ReviewError(
      `approve: candidate ${version} was planned on ${check.basedOn ?? 'no current version'}, but ${check.current ?? 'no version'} is current now; re-plan it on today's inputs with --rebase, or reject it`,
      'stale',
    );
  const switched = await switchToVerifiedVersion(out, version, 'approve', input.onStep);
  await appendAudit(
    out,
    auditEntry({ action: 'approve', version, ...switched, reason: 'candidate approved' }, input),
  );
  return switched;
}

/**
 * Rejects a pending candidate: appends a `reject` entry to the audit log (the version's files,
 * checksummed, are not touched). A rejected version cannot be approved or rolled back to, and
 * pruning may remove it. Throws ReviewError when it is not a pending candidate.
 */
export async function rejectVersion(
  regionOutDir: string,
  version: string,
  input: ReviewInput = {},
): Promise<{ version: string; current: string | null }> {
  const out = resolve(regionOutDir);
  const check = await checkCandidate(out, version, 'reject');
  await appendAudit(
    out,
    auditEntry(
      { action: 'reject', version, from: check.current, to: check.current, reason: 'candidate rejected' },
      input,
    ),
  );
  return { version, current: check.current };
}
