import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * What an API token may do, weakest first: `read` (list and download versions, jobs, scenarios,
 * comparisons), `trigger` (also queue rebuilds and resegments), `approve` (also approve and
 * reject candidates). A role can do everything the roles before it can.
 */
export const API_ROLES = ['read', 'trigger', 'approve'] as const;

/** One of API_ROLES. */
export type ApiRole = (typeof API_ROLES)[number];

/** A configured bearer token and the role it carries. */
export interface ApiToken {
  role: ApiRole;
  token: string;
}

/** Shortest token accepted, as for the single API_TOKEN. */
export const MIN_TOKEN_LENGTH = 16;

const entrySchema = z
  .string()
  .regex(/^[a-z]+:\S+$/, 'must be role:token (e.g. read:<token>), without spaces')
  .transform((entry) => {
    const colon = entry.indexOf(':');
    return { role: entry.slice(0, colon), token: entry.slice(colon + 1) };
  })
  .pipe(
    z.object({
      role: z.enum(API_ROLES, { error: `the role must be one of ${API_ROLES.join(', ')}` }),
      token: z.string().min(MIN_TOKEN_LENGTH, `the token must be at least ${MIN_TOKEN_LENGTH} characters`),
    }),
  );

/**
 * Parses a token list: entries `role:token` separated by commas or line breaks (a tokens file has
 * one a line; blank lines and lines starting with `#` are skipped). Throws an Error naming the
 * entry's number and, when the role is wrong, the role, but never a token: the message is safe
 * to print. A token given twice is refused, so no token is ambiguous.
 */
export function parseApiTokens(text: string): ApiToken[] {
  const entries = text
    .split(/[,\n]/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const tokens: ApiToken[] = [];
  entries.forEach((entry, index) => {
    const parsed = entrySchema.safeParse(entry);
    if (!parsed.success) {
      const role = entry.includes(':')
        ? ` (role ${JSON.stringify(entry.slice(0, entry.indexOf(':')).slice(0, 40))})`
        : '';
      throw new Error(`entry ${index + 1}${role}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    const earlier = tokens.findIndex((t) => t.token === parsed.data.token);
    if (earlier >= 0) throw new Error(`entry ${index + 1} repeats the token of entry ${earlier + 1}`);
    tokens.push(parsed.data);
  });
  return tokens;
}

/** A token configuration problem; `key` is the variable to fix. The message holds no token. */
export class ApiTokensError extends Error {
  constructor(
    message: string,
    readonly key: 'API_TOKEN' | 'API_TOKENS' | 'API_TOKENS_FILE',
  ) {
    super(message);
    this.name = 'ApiTokensError';
  }
}

/** The configuration the API's tokens come from (see AppConfig). */
export interface ApiTokenSources {
  /** API_TOKEN: the single token of earlier releases, an alias for one `approve` token. */
  apiToken: string | null;
  /** API_TOKENS, parsed. */
  apiTokens: readonly ApiToken[];
  /** API_TOKENS_FILE (absolute), or null. */
  apiTokensFile: string | null;
}

/**
 * Every token the API accepts: API_TOKEN (role `approve`, i.e. all roles), the entries of
 * API_TOKENS, and those of the file API_TOKENS_FILE, read now. Throws ApiTokensError naming the
 * variable (and the file's path and entry) when the file cannot be read or parsed, or a token
 * appears in two places; the messages never contain a token.
 */
export function collectApiTokens(sources: ApiTokenSources): ApiToken[] {
  const tokens: ApiToken[] = [];
  const add = (key: ApiTokensError['key'], shown: string, more: readonly ApiToken[]): void => {
    for (const token of more) {
      if (tokens.some((t) => t.token === token.token))
        throw new ApiTokensError(
          `${shown}: a ${token.role} token is also configured elsewhere; give each token once`,
          key,
        );
      tokens.push(token);
    }
  };
  if (sources.apiToken !== null)
    add('API_TOKEN', 'API_TOKEN', [{ role: 'approve', token: sources.apiToken }]);
  add('API_TOKENS', 'API_TOKENS', sources.apiTokens);
  const file = sources.apiTokensFile;
  if (file !== null) {
    const shown = `API_TOKENS_FILE=${JSON.stringify(file)}`;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new ApiTokensError(`${shown}: cannot read it (${why})`, 'API_TOKENS_FILE');
    }
    let parsed: ApiToken[];
    try {
      parsed = parseApiTokens(text);
    } catch (error) {
      throw new ApiTokensError(`${shown}: ${(error as Error).message}`, 'API_TOKENS_FILE');
    }
    add('API_TOKENS_FILE', shown, parsed);
  }
  return tokens;
}
