import type { z } from 'zod';
import { HttpError } from './httpError.js';

/** A zod failure of a request body as a 400 naming the first offending key. */
export function bodyError(error: z.ZodError): HttpError {
  const issue = error.issues[0];
  return new HttpError(
    400,
    `invalid body: ${issue ? `${issue.path.join('.') || '(body)'}: ${issue.message}` : 'invalid'}`,
  );
}
