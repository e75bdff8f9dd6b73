/**
 * A request problem with its HTTP status (400 malformed, 404 not found, 413 too large, 415 wrong
 * type, ...). Its message is shown to the client as `{"error": message}`, so it must never hold
 * a server path.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
