import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { combineSchedules, loadSchedules } from '../../src/config/schedules.js';

const root = mkdtempSync(join(tmpdir(), 'tw-schedules-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('schedules', () => {
  const config = loadConfig({ REGIONS_DIR: root, SCHEDULE_CRON: '0 2 * * *', SCHEDULE_TZ: 'Asia/Shanghai' });

  test('every region gets the default unless the file overrides or disables it', () => {
    const result = combineSchedules(
      ['a', 'b', 'c'],
      {
        regions: {
          b: { cron: '30 1 * * 1-5', timezone: 'UTC' },
          c: { enabled: false },
          zz: { cron: '* * * * *' },
        },
      },
      config,
    );
    expect(result).toEqual([
      { region: 'a', cron: '0 2 * * *', timezone: 'Asia/Shanghai' },
      { region: 'b', cron: '30 1 * * 1-5', timezone: 'UTC' },
    ]);
  });

  test('the file default replaces the environment default', () => {
    expect(combineSchedules(['a'], { default: { cron: '15 3 * * *' } }, config)).toEqual([
      { region: 'a', cron: '15 3 * * *', timezone: 'Asia/Shanghai' },
    ]);
  });

  test('split follows the region entry, else the file default, else off', () => {
    expect(
      combineSchedules(
        ['a', 'b', 'c'],
        { default: { split: true }, regions: { b: { split: false } } },
        config,
      ).map((s) => [s.region, s.split ?? false]),
    ).toEqual([
      ['a', true],
      ['b', false],
      ['c', true],
    ]);
  });

  test('loads region folders with outlets.csv and a validated schedules.json', async () => {
    for (const name of ['north', 'south', 'Bad_Name']) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'outlets.csv'), 'id\n');
    }
    mkdirSync(join(root, 'empty'));
    writeFileSync(
      join(root, 'schedules.json'),
      JSON.stringify({ regions: { south: { timezone: 'Europe/Berlin' } } }),
    );
    expect(await loadSchedules(config)).toEqual([
      { region: 'north', cron: '0 2 * * *', timezone: 'Asia/Shanghai' },
      { region: 'south', cron: '0 2 * * *', timezone: 'Europe/Berlin' },
    ]);
    writeFileSync(
      join(root, 'schedules.json'),
      JSON.stringify({ regions: { south: { cron: 'every night' } } }),
    );
    await expect(loadSchedules(config)).rejects.toThrow(/regions\.south\.cron: must be a cron expression/);
  });
});
