/**
 * A published file that does not match its manifest (size or sha256), or a manifest that cannot
 * be read or is not schema-valid: the API answers 500 with this message, which names the version
 * and the file but never a server path, and does not serve the bytes.
 */
export class DamagedOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DamagedOutputError';
  }
}
