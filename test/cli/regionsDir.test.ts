import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { resolveRegionDir } from '../../src/config/regionPaths.js';
import { repoRoot } from './runCli.js';

// README "Configuration": REGIONS_DIR defaults to ./data/regions, where the bundled sample lives,
// so the README's queue steps (`territory enqueue rebuild --region kuiwen-sample`, a worker) work
// from the repository root without setting anything; docker-compose mounts the same folder.
describe('REGIONS_DIR default', () => {
  it('is ./data/regions, so the bundled sample resolves from the repository root', async () => {
    const config = loadConfig({});
    expect(config.regionsDir).toBe(resolve('data/regions'));
    expect(process.cwd()).toBe(resolve(repoRoot));
    expect(await resolveRegionDir(config.regionsDir, 'kuiwen-sample')).toBe(
      resolve(repoRoot, 'data/regions/kuiwen-sample'),
    );
  });
});
