import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';

describe('the territory program', () => {
  it('registers every command the README documents, each with --help text', () => {
    const program = buildProgram();
    const names = program.commands.map((c) => c.name()).sort();
    expect(names).toEqual(
      [
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
      ].sort(),
    );
    for (const command of program.commands) expect(command.description(), command.name()).not.toBe('');
  });
});
