import { createHash, timingSafeEqual } from 'node:crypto';
import { API_ROLES, type ApiRole, type ApiToken } from '../config/apiTokens.js';

/** The configured tokens as the API compares them: each token's sha256 beside its role. */
export interface TokenTable {
  entries: ReadonlyArray<{ digest: Buffer; role: ApiRole }>;
}

const digestOf = (token: string): Buffer => createHash('sha256').update(token).digest();

/** Builds the lookup table of the configured tokens (hashed once, at start). */
export function tokenTable(tokens: readonly ApiToken[]): TokenTable {
  return { entries: tokens.map((t) => ({ digest: digestOf(t.token), role: t.role })) };
}

/**
 * The role of the token in an `Authorization: Bearer <token>` header, or null when the header is
 * missing, not a bearer header, or the token is unknown. Compared in constant time: the given
 * token is hashed to a digest of the same length as every configured one and compared with all
 * of them (no early exit), so neither a token's content, its length nor its position in the
 * list leaks through timing.
 */
export function authenticate(header: string | undefined, table: TokenTable): ApiRole | null {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  const given = digestOf(match?.[1] ?? '');
  let role: ApiRole | null = null;
  for (const entry of table.entries) {
    if (timingSafeEqual(given, entry.digest) && role === null) role = entry.role;
  }
  return match ? role : null;
}

/** True when a token of role `granted` may use a route that needs `needed` (read < trigger < approve). */
export function roleAllows(granted: ApiRole, needed: ApiRole): boolean {
  return API_ROLES.indexOf(granted) >= API_ROLES.indexOf(needed);
}
