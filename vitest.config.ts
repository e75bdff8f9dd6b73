import { readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` is the pure domain code (no Redis, PostgreSQL, child processes or CLI;
 * reading fixture files is allowed) for a fast loop (`npm run test:unit`); `integration` is
 * everything else (queue, publish, CLI, API, browser, ops). `npm test` runs both.
 */
const UNIT_DIRS = ['domain', 'cycle', 'territories', 'pipeline', 'generate', 'routing', 'i18n'];
const INTEGRATION_DIRS = ['api', 'artifacts', 'cli', 'io', 'ops', 'publish', 'queue', 'report'];
/** Files under a unit folder that run the CLI, write a region or take minutes: integration tests. */
const INTEGRATION_FILES = [
  'test/routing/sequenceCommand.test.ts',
  'test/generate/sampleRegion.test.ts',
  // Minutes of CPU: the territories stage of a 500,000-outlet region (issue 15).
  'test/territories/provinceScale.test.ts',
];
const SUPPORT_DIRS = ['fixtures', 'helpers', 'in', 'out'];

// A new test folder must be put in one project, or its tests would silently not run.
for (const entry of readdirSync(new URL('./test/', import.meta.url), { withFileTypes: true })) {
  if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
  const known = [...UNIT_DIRS, ...INTEGRATION_DIRS, ...SUPPORT_DIRS].includes(entry.name);
  if (!known) throw new Error(`vitest.config.ts: put test/${entry.name} in UNIT_DIRS or INTEGRATION_DIRS`);
}

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    setupFiles: ['test/helpers/fastCheckSeed.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: UNIT_DIRS.map((d) => `test/${d}/**/*.test.ts`),
          exclude: INTEGRATION_FILES,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [...INTEGRATION_DIRS.map((d) => `test/${d}/**/*.test.ts`), ...INTEGRATION_FILES],
        },
      },
    ],
  },
});
