import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from './runCli.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/**
 * Runs `territory plan` with both output pipes closed by the reader after its first bytes, as
 * `territory plan ... 2>&1 | head -1` does, and resolves to the exit code.
 */
function planWithReaderGone(out: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(repoRoot, 'src/cli/main.ts'),
        'plan',
        '--region',
        'test/fixtures/regions/tiny',
        '--out',
        out,
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    for (const stream of [child.stdout, child.stderr]) stream.once('data', () => stream.destroy());
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
}

describe('territory plan with its reader gone', () => {
  it('finishes and publishes the plan, exiting 0, when stdout and stderr close early', async () => {
    const out = await mkdtemp(join(tmpdir(), 'closed-pipe-'));
    dirs.push(out);
    expect(await planWithReaderGone(out)).toBe(0);
    expect(await readdir(join(out, 'versions'))).toHaveLength(1);
  });
});
