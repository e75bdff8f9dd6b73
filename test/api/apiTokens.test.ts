import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { authenticate, roleAllows, tokenTable } from '../../src/api/auth.js';
import { requireApiTokens } from '../../src/cli/commands/api.js';
import { collectApiTokens, parseApiTokens } from '../../src/config/apiTokens.js';
import { ConfigError, loadConfig } from '../../src/config/env.js';

const READ = 'read-token-0123456789';
const TRIGGER = 'trigger-token-0123456789';
const APPROVE = 'approve-token-0123456789';
const root = mkdtempSync(join(tmpdir(), 'tw-tokens-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('API_TOKENS', () => {
  test('role:token entries, comma-separated', () => {
    const config = loadConfig({ API_TOKENS: `read:${READ}, trigger:${TRIGGER},approve:${APPROVE}` });
    expect(config.apiTokens).toEqual([
      { role: 'read', token: READ },
      { role: 'trigger', token: TRIGGER },
      { role: 'approve', token: APPROVE },
    ]);
  });

  test.each([
    [
      `admin:${READ}`,
      /API_TOKENS=<redacted>: entry 1 \(role "admin"\): the role must be one of read, trigger, approve/,
    ],
    [
      `read:${READ},approve:short`,
      /API_TOKENS=<redacted>: entry 2 \(role "approve"\): the token must be at least 16/,
    ],
    [READ, /API_TOKENS=<redacted>: entry 1: must be role:token/],
    [`read:${READ},approve:${READ}`, /API_TOKENS=<redacted>: entry 2 repeats the token of entry 1/],
  ])('%j is refused naming the variable and entry, never the token', (value, message) => {
    let error: unknown;
    try {
      loadConfig({ API_TOKENS: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).key).toBe('API_TOKENS');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(READ);
  });
});

describe('collectApiTokens and requireApiTokens', () => {
  test('API_TOKEN stays accepted as one approve token, beside API_TOKENS and the tokens file', () => {
    const file = join(root, 'tokens');
    writeFileSync(file, `# dashboards\nread:${READ}\n\ntrigger:${TRIGGER}\n`);
    const config = loadConfig({ API_TOKEN: APPROVE, API_TOKENS_FILE: file });
    expect(requireApiTokens(config)).toEqual([
      { role: 'approve', token: APPROVE },
      { role: 'read', token: READ },
      { role: 'trigger', token: TRIGGER },
    ]);
  });

  test('no token at all: the API does not start, naming the variables', () => {
    expect(() => requireApiTokens(loadConfig({}))).toThrow(
      /API_TOKENS .*API_TOKENS_FILE or API_TOKEN must be set/,
    );
  });

  test('a missing or malformed tokens file, or a token given twice, is a ConfigError naming the variable', () => {
    const missing = loadConfig({ API_TOKENS_FILE: join(root, 'nope') });
    expect(() => requireApiTokens(missing)).toThrow(/API_TOKENS_FILE=".*nope": cannot read it \(ENOENT\)/);
    const bad = join(root, 'bad');
    writeFileSync(bad, `read:${READ}\nboss:${TRIGGER}\n`);
    try {
      requireApiTokens(loadConfig({ API_TOKENS_FILE: bad }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).key).toBe('API_TOKENS_FILE');
      expect((error as Error).message).toMatch(/entry 2 \(role "boss"\)/);
      expect((error as Error).message).not.toContain(TRIGGER);
    }
    const twice = loadConfig({ API_TOKEN: READ, API_TOKENS: `read:${READ}` });
    expect(() => requireApiTokens(twice)).toThrow(/API_TOKENS: a read token is also configured elsewhere/);
  });

  test('parseApiTokens skips comments and blank lines', () => {
    expect(parseApiTokens(`\n# x\n  approve:${APPROVE}  \n`)).toEqual([{ role: 'approve', token: APPROVE }]);
    expect(collectApiTokens({ apiToken: null, apiTokens: [], apiTokensFile: null })).toEqual([]);
  });
});

describe('authenticate', () => {
  const table = tokenTable([
    { role: 'read', token: READ },
    { role: 'approve', token: APPROVE },
  ]);

  test('answers the role of exactly the bearer token', () => {
    expect(authenticate(`Bearer ${READ}`, table)).toBe('read');
    expect(authenticate(`bearer ${APPROVE}`, table)).toBe('approve');
  });

  test.each([
    undefined,
    '',
    'Bearer',
    'Bearer ',
    `Basic ${READ}`,
    `Bearer ${READ}x`,
    `Bearer ${READ.slice(1)}`,
    READ,
    `Bearer ${TRIGGER}`,
  ])('refuses %j', (header) => {
    expect(authenticate(header, table)).toBeNull();
  });

  test('roles are ordered read < trigger < approve', () => {
    expect(roleAllows('approve', 'read')).toBe(true);
    expect(roleAllows('approve', 'approve')).toBe(true);
    expect(roleAllows('trigger', 'read')).toBe(true);
    expect(roleAllows('trigger', 'approve')).toBe(false);
    expect(roleAllows('read', 'trigger')).toBe(false);
  });
});
