import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerRollbackCommand, registerVersionsCommand } from '../../src/cli/commands/rollback.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import { currentVersion, publishVersion } from '../../src/io/publish/publishVersion.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'rollback-cli-'));
  for (const day of [1, 2, 3]) {
    await publishVersion({
      regionOutDir: out,
      plan: buildFixturePlan({ generatedAt: `2026-03-0${day}T02:15:00.000Z` }),
      policy: DEFAULT_POLICY,
      previous: null,
      programVersion: 'test',
    });
  }
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(out, { recursive: true, force: true });
});

/** Runs `territory <args>` with only the rollback and versions commands; returns what it printed. */
async function territory(...args: string[]): Promise<string> {
  const program = new Command('territory').exitOverride();
  registerRollbackCommand(program);
  registerVersionsCommand(program);
  let printed = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed += chunk.toString();
    return true;
  });
  try {
    await program.parseAsync(['node', 'territory', ...args]);
  } finally {
    vi.restoreAllMocks();
  }
  return printed;
}

describe('territory versions / rollback', () => {
  it('lists versions newest first with the current one marked', async () => {
    const text = await territory('versions', '--region', 'fixture-town', '--out', out);
    const lines = text.trim().split('\n');
    expect(lines[0]).toMatch(/version\s+planned at\s+published at/);
    expect(lines[2]).toMatch(/^\*\s+20260303T021500Z-a1b2c3d4/);
    expect(lines[4]).toMatch(/^\s+20260301T021500Z-a1b2c3d4/);
  });

  it('rolls back to an older version and reports the switch', async () => {
    const text = await territory(
      'rollback',
      '--region',
      'fixture-town',
      '--out',
      out,
      '--to',
      '20260301T021500Z-a1b2c3d4',
    );
    expect(text).toContain('current 20260303T021500Z-a1b2c3d4 -> 20260301T021500Z-a1b2c3d4');
    expect(await currentVersion(out)).toBe('20260301T021500Z-a1b2c3d4');
  });

  it('refuses an unknown version and leaves current alone', async () => {
    await expect(
      territory('rollback', '--region', 'x', '--out', out, '--to', '20250101T000000Z-00000000'),
    ).rejects.toThrow(/does not exist/);
    expect(await currentVersion(out)).toBe('20260303T021500Z-a1b2c3d4');
  });

  it('prunes on request, keeping the current version', async () => {
    await territory('rollback', '--region', 'x', '--out', out, '--to', '20260301T021500Z-a1b2c3d4');
    const result = JSON.parse(
      await territory('versions', '--region', 'x', '--out', out, '--prune', '1', '--json'),
    ) as {
      pruned: string[];
      versions: Array<{ version: string; current: boolean }>;
    };
    expect(result.pruned).toEqual(['20260302T021500Z-a1b2c3d4']);
    expect(result.versions.map((v) => [v.version, v.current])).toEqual([
      ['20260303T021500Z-a1b2c3d4', false],
      ['20260301T021500Z-a1b2c3d4', true],
    ]);
  });
});
