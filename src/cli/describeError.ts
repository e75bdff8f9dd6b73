import { CommanderError } from 'commander';

/** One readable line for an error: its message (causes are already folded into our messages). */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // commander's messages start with "error: "; ours are printed after that prefix anyway.
  return error instanceof CommanderError ? message.replace(/^error: /, '') : message;
}

/**
 * The CLI's one exit-code contract (README "Exit codes"): 0 success (also --help and --version),
 * 2 a usage error (any commander parse error, or an error whose `exitCode` says 2, e.g.
 * UsageError), an error's own whole `exitCode` from 1 to 125 when it has one, else 1.
 */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return isHelpOrVersion(error) ? 0 : 2;
  const code =
    typeof error === 'object' && error !== null ? (error as { exitCode?: unknown }).exitCode : undefined;
  return typeof code === 'number' && Number.isInteger(code) && code >= 1 && code <= 125 ? code : 1;
}

/** commander's "errors" for --help and --version, which are normal exits. */
export function isHelpOrVersion(error: CommanderError): boolean {
  return (
    error.exitCode === 0 ||
    error.code === 'commander.helpDisplayed' ||
    error.code === 'commander.help' ||
    error.code === 'commander.version'
  );
}

/** Machine-readable codes of the errors the CLI expects, by error class name. */
const CODES_BY_NAME: Record<string, string> = {
  FatalInputError: 'input',
  PolicyError: 'policy',
  PublishGateError: 'publish-refused',
  ConfigError: 'config',
  InvalidRegionNameError: 'invalid-region-name',
  RegionNotFoundError: 'region-not-found',
  UsageError: 'usage',
  PlanRefError: 'plan-ref',
  TravelConfigError: 'travel-config',
  TravelOutageError: 'travel-outage',
  TravelRequestError: 'travel-refused',
  TableTooBigError: 'travel-refused',
};

/**
 * The error as the one JSON object printed under `--json`:
 * `{"error": {"message", "code", "exitCode", "file"?, "column"?}}`. `code` is commander's code for
 * usage errors (`commander.unknownOption`...), the error's own string `code` (`usage`, `ENOENT`),
 * else a code for its class (`input`, `policy`, `publish-refused`, `config`, ...) or `error`.
 */
export function errorJson(error: unknown): { error: Record<string, unknown> } {
  const fields = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const name = error instanceof Error ? error.name : '';
  const code =
    typeof fields.code === 'string' && fields.code !== '' ? fields.code : (CODES_BY_NAME[name] ?? 'error');
  const body: Record<string, unknown> = { message: describeError(error), code, exitCode: exitCodeOf(error) };
  if (typeof fields.file === 'string') body.file = fields.file;
  if (typeof fields.column === 'string') body.column = fields.column;
  return { error: body };
}
