import { describe, expect, it } from 'vitest';
import { buildProgram, commandNameOf } from '../../src/cli/main.js';

const DOCUMENTED = [
  'api',
  'approve',
  'compare',
  'enqueue',
  'generate',
  'jobs',
  'plan',
  'policy',
  'promote',
  'reject',
  'rollback',
  'scenario',
  'scenarios',
  'scheduler',
  'sequence',
  'serve',
  'validate',
  'versions',
  'worker',
].sort();

describe('the territory program', () => {
  it('registers every command the README documents, each with --help text', async () => {
    const program = await buildProgram();
    const names = program.commands.map((c) => c.name()).sort();
    expect(names).toEqual(DOCUMENTED);
    for (const command of program.commands) expect(command.description(), command.name()).not.toBe('');
  });

  it('loads only the module of the command being run, and that module registers it', async () => {
    for (const name of DOCUMENTED) {
      const names = (await buildProgram(name)).commands.map((c) => c.name());
      expect(names, name).toContain(name);
      expect(names.length, name).toBeLessThanOrEqual(2);
    }
    expect((await buildProgram('plan')).commands.map((c) => c.name())).toEqual(['plan']);
    // An unknown command gets the whole program, so commander can suggest the nearest name.
    expect((await buildProgram('plna')).commands).toHaveLength(DOCUMENTED.length);
  });

  it('finds the command name: the first argument unless it is an option', () => {
    expect(commandNameOf(['plan', '--region', 'r'])).toBe('plan');
    expect(commandNameOf(['--help'])).toBeNull();
    expect(commandNameOf([])).toBeNull();
  });
});
