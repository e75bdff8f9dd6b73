import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommanderError } from 'commander';
import { errorJson, exitCodeOf } from '../../src/cli/describeError.js';
import { UsageError } from '../../src/cli/parseOptions.js';
import { wantsJson } from '../../src/cli/main.js';
import { FatalInputError } from '../../src/io/region/fatalInputError.js';
import { repoRoot, territory } from './runCli.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'territory-exit-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('one exit-code contract for every command: 0 ok, 1 runtime or input error, 2 usage', () => {
  it.concurrent.each([
    ['an unknown command', ['nope']],
    ['an unknown option', ['validate', '--region', 'x', '--nope']],
    ['a missing required option', ['versions']],
    ['a bad --seed', ['plan', '--region', 'x', '--seed', 'x']],
    ['an option combination plan refuses', ['plan', '--region', 'x', '--resegment', '--fresh']],
    ['a bad generate number', ['generate', '--outlets', 'many', '--out', '/tmp/never-written']],
    ['a bad generate centre', ['generate', '--center', 'north', '--out', '/tmp/never-written']],
    ['a bad --prune', ['versions', '--region', 'x', '--prune', '0']],
  ])('%s exits 2 with one error line first', async (_name, args) => {
    const result = await territory(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: /);
    expect(result.stdout).toBe('');
  });

  it.concurrent.each([
    ['a missing region folder', ['validate', '--region', '/nonexistent/region']],
    ['an input file error in plan', ['plan', '--region', '/nonexistent/region', '--quiet']],
    ['an unreadable --policy', ['policy', '--policy', '/nonexistent/policy.json']],
  ])('%s exits 1', async (_name, args) => {
    const result = await territory(args);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*nonexistent/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.concurrent.each([['--help'], ['--version'], ['plan', '--help']])('%s exits 0', async (...args) => {
    expect((await territory(args)).code).toBe(0);
  });

  it('uses an error exitCode property, else 1; commander usage errors are 2', () => {
    expect(exitCodeOf(new UsageError('x'))).toBe(2);
    expect(exitCodeOf(Object.assign(new Error('x'), { exitCode: 3 }))).toBe(3);
    expect(exitCodeOf(Object.assign(new Error('x'), { exitCode: 'x' }))).toBe(1);
    expect(exitCodeOf(new FatalInputError('x', 'f'))).toBe(1);
    expect(exitCodeOf(new Error('x'))).toBe(1);
    expect(exitCodeOf('thrown text')).toBe(1);
    // commander's own exit code for usage problems is 1; the contract makes it 2.
    expect(exitCodeOf(new CommanderError(1, 'commander.unknownOption', 'error: unknown option'))).toBe(2);
    expect(exitCodeOf(new CommanderError(0, 'commander.version', '0.1.0'))).toBe(0);
  });
});

describe('errors under --json', () => {
  it('a fatal input error is one JSON object on stdout with message, code and exit code', async () => {
    const result = await territory(['plan', '--region', '/nonexistent/region', '--json', '--quiet']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      error: {
        message: 'region folder /nonexistent/region does not exist',
        code: 'input',
        exitCode: 1,
        file: '/nonexistent/region',
      },
    });
  });

  it('a usage error is JSON too, with commander code and exit code 2', async () => {
    const result = await territory(['validate', '--region', 'x', '--nope', '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      error: { message: "unknown option '--nope'", code: 'commander.unknownOption', exitCode: 2 },
    });
  });

  it('only --json before a -- counts', () => {
    expect(wantsJson(['plan', '--json'])).toBe(true);
    expect(wantsJson(['plan', '--', '--json'])).toBe(false);
    expect(errorJson(new UsageError('bad'))).toEqual({
      error: { message: 'bad', code: 'usage', exitCode: 2 },
    });
  });
});

describe('territory generate', () => {
  it('refuses a folder that is not empty unless --force, and names it', async () => {
    const dir = join(work, 'existing-region');
    await mkdir(dir);
    await writeFile(join(dir, 'outlets.csv'), 'id\nmine\n');
    const refused = await territory(['generate', '--outlets', '50', '--reps', '4', '--out', dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(`^error: ${dir} is not empty \\(outlets\\.csv\\); use --force`),
    );
    expect(await readFile(join(dir, 'outlets.csv'), 'utf8')).toBe('id\nmine\n');
    const forced = await territory(['generate', '--outlets', '50', '--reps', '4', '--out', dir, '--force']);
    expect(forced.code).toBe(0);
    expect((await readFile(join(dir, 'outlets.csv'), 'utf8')).split('\n')[0]).toMatch(/^id,name,/);
  }, 60_000);

  it('writes into a missing or empty folder without --force', async () => {
    const dir = join(work, 'empty-region');
    await mkdir(dir);
    expect((await territory(['generate', '--outlets', '50', '--reps', '4', '--out', dir])).code).toBe(0);
  }, 60_000);
});

describe('territory versions and rollback', () => {
  it('versions --region typo exits 1 with one clear line', async () => {
    const result = await territory(['versions', '--region', 'kuiwen-sampel'], { env: { OUT_DIR: work } });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: ${join(work, 'kuiwen-sampel')} (from --region kuiwen-sampel and OUT_DIR ${work}) does not exist: ` +
        'no published versions there; check --region, --out or OUT_DIR\n',
    );
  });

  it('an existing output folder without versions still lists nothing and exits 0', async () => {
    await mkdir(join(work, 'never-published'));
    const result = await territory(['versions', '--region', 'never-published'], { env: { OUT_DIR: work } });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/no published versions/);
  });
});

describe('policy files', () => {
  async function regionWithPolicy(name: string, policy: string): Promise<string> {
    const dir = join(work, name);
    await cp(join(repoRoot, 'test/fixtures/osm-types'), dir, { recursive: true });
    await writeFile(join(dir, 'policy.json'), policy);
    return dir;
  }

  it('a policy nested 10,000 deep is refused with the file named, not a stack overflow', async () => {
    const deep = `{"cycle":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
    const dir = await regionWithPolicy('deep-policy', deep);
    for (const args of [
      ['validate', '--region', dir],
      ['policy', '--region', dir],
      ['policy', '--policy', join(dir, 'policy.json')],
    ]) {
      const result = await territory(args);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `error: ${join(dir, 'policy.json')}: the policy nests objects or arrays more than 32 levels deep; a policy needs at most 5\n`,
      );
    }
  }, 60_000);

  it('a null policy.json is refused with the file named, not ignored', async () => {
    const dir = await regionWithPolicy('null-policy', 'null\n');
    const result = await territory(['validate', '--region', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`^error: ${join(dir, 'policy.json')}: a policy must be a JSON object`),
    );
    expect(result.stderr).toMatch(/got null/);
  });

  it('travel.speedKmh must be 1-200 km/h', async () => {
    for (const speed of ['1e-300', '0.5', '201']) {
      const dir = await regionWithPolicy(`speed-${speed}`, `{"travel":{"speedKmh":${speed}}}`);
      const result = await territory(['policy', '--region', dir]);
      expect(result.code, speed).toBe(1);
      expect(result.stderr).toMatch(/travel\.speedKmh = .*: must be at (least 1|most 200) km\/h/);
    }
    const ok = await regionWithPolicy('speed-1', '{"travel":{"speedKmh":1}}');
    expect((await territory(['policy', '--region', ok])).code).toBe(0);
  }, 60_000);
});
