import { errorText } from '../i18n/warningText.js';

/** Where a travel error happened: provider, endpoint (never with credentials) and block. */
export interface TravelErrorContext {
  provider: string;
  endpoint: string;
  block: string;
}

function describe(context: TravelErrorContext, message: string): string {
  return errorText('error.travelProvider', { ...context, problem: message });
}

/**
 * The provider did not answer (connection refused, timeout, HTTP 5xx, database down): a later
 * attempt may succeed, so jobs retry it and `travel.fallback` may plan on straight lines instead.
 */
export class TravelOutageError extends Error {
  constructor(
    readonly context: TravelErrorContext,
    message: string,
  ) {
    super(describe(context, message));
    this.name = 'TravelOutageError';
  }
}

/**
 * The provider refused the request itself (unknown profile, invalid coordinates, a malformed
 * answer): the same request fails the same way, so jobs fail at once (see jobErrors.ts).
 */
export class TravelRequestError extends Error {
  constructor(
    readonly context: TravelErrorContext,
    message: string,
  ) {
    super(describe(context, message));
    this.name = 'TravelRequestError';
  }
}

/** The provider refused the block as too large (OSRM TooBig, Valhalla 154): split it and ask again. */
export class TableTooBigError extends TravelRequestError {
  constructor(context: TravelErrorContext, message: string) {
    super(context, message);
    this.name = 'TableTooBigError';
  }
}
