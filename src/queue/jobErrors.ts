import { UnrecoverableError } from 'bullmq';

/**
 * Errors a retry cannot fix: the same inputs give the same error. Matched by name so that errors
 * from another copy of a module (or rebuilt from a thread message) count too.
 *
 * - FatalInputError: missing or unreadable region files, missing columns, no usable outlet or rep,
 *   an invalid policy (loadRegion turns PolicyError into it);
 * - PolicyError: an invalid policy that reached the job directly;
 * - RegionNotFoundError, InvalidRegionNameError: no such region folder, or a bad name;
 * - PublishGateError: the plan failed the publish gate; planning is deterministic, so a retry
 *   builds the same plan from the same inputs and fails the same way;
 * - TravelConfigError, TravelRequestError, TableTooBigError: a road provider that is not
 *   configured, or that refuses the request itself (a TravelOutageError is retried).
 */
const DETERMINISTIC_ERRORS = new Set([
  'FatalInputError',
  'PolicyError',
  'RegionNotFoundError',
  'InvalidRegionNameError',
  'PublishGateError',
  'TravelConfigError',
  'TravelRequestError',
  'TableTooBigError',
]);

/** True when retrying cannot change the outcome of `error`. */
export function isDeterministicInputError(error: unknown): boolean {
  return error instanceof Error && DETERMINISTIC_ERRORS.has(error.name);
}

/**
 * The error a job should fail with: deterministic input errors become BullMQ's
 * UnrecoverableError (the job fails at once instead of spending its attempts and backoff), with
 * the same message, so the reason is the job's failedReason. The name is an own property, so it
 * survives the sandbox's thread boundary, where BullMQ recognises it by name. Anything else is
 * returned unchanged and retried per the job's attempts.
 */
export function toJobError(error: unknown): unknown {
  if (!isDeterministicInputError(error)) return error;
  const original = error as Error;
  const unrecoverable = new UnrecoverableError(original.message);
  unrecoverable.stack = `UnrecoverableError (from ${original.name}): ${original.stack ?? original.message}`;
  return unrecoverable;
}
