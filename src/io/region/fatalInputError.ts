/**
 * An input problem that stops a run before anything is planned or written: a missing folder or
 * file, a missing required column, an empty or binary file, an invalid policy, or no usable
 * outlet or rep left. The message is complete on its own (it names the file, and the column or
 * policy key when there is one) because the CLI prints just `error: <message>`.
 */
export class FatalInputError extends Error {
  constructor(
    message: string,
    /** Path of the offending file or folder. */
    readonly file: string,
    /** Offending CSV column or policy key, when the problem is about one. */
    readonly column?: string,
  ) {
    super(message);
    this.name = 'FatalInputError';
  }
}
