/** One readable line for an error: its message (causes are already folded into our messages). */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
