import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import {
  InvalidRegionNameError,
  RegionNotFoundError,
  isRegionName,
  resolveRegionDir,
} from '../../src/config/regionPaths.js';

const root = mkdtempSync(join(tmpdir(), 'tw-paths-'));
const regions = join(root, 'regions');
mkdirSync(join(regions, 'north'), { recursive: true });
mkdirSync(join(root, 'elsewhere'));
symlinkSync(join(root, 'elsewhere'), join(regions, 'link'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('resolveRegionDir', () => {
  test('resolves a region folder inside the regions folder', async () => {
    expect(await resolveRegionDir(regions, 'north')).toBe(join(regions, 'north'));
  });

  test.each(['..', '../etc', 'north/..', '.', '', 'a'.repeat(65), 'North', 'nörth', 'a b', '%2e%2e'])(
    'refuses the name %j before touching the disk',
    async (name) => {
      await expect(resolveRegionDir(regions, name)).rejects.toBeInstanceOf(InvalidRegionNameError);
    },
  );

  test('unknown regions and symlinks leaving the folder are not found', async () => {
    await expect(resolveRegionDir(regions, 'south')).rejects.toBeInstanceOf(RegionNotFoundError);
    await expect(resolveRegionDir(regions, 'link')).rejects.toBeInstanceOf(RegionNotFoundError);
  });

  test('any accepted name is a single plain path segment', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        if (isRegionName(name)) expect(name).toMatch(/^[a-z0-9-]+$/);
        if (name.includes('/') || name.includes('.')) expect(isRegionName(name)).toBe(false);
      }),
    );
  });
});
