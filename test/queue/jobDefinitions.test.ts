import { UnrecoverableError } from 'bullmq';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import {
  manualJobId,
  parseRegionJob,
  regionJobOptions,
  regionOfJobId,
} from '../../src/queue/jobDefinitions.js';
import { overallPercent } from '../../src/queue/runRegionJob.js';
import { scheduledSlotJobId } from '../../src/queue/cronSlots.js';

const valid = { region: 'kuiwen-sample', trigger: 'cli', requestedAt: '2025-03-01T02:00:00.000Z' };

describe('job payloads', () => {
  test('a valid payload parses with defaults', () => {
    expect(parseRegionJob('rebuild-region', valid)).toEqual({
      name: 'rebuild-region',
      payload: { ...valid, force: false },
    });
  });

  test.each([
    ['bad region', { ...valid, region: '../etc' }],
    ['upper case region', { ...valid, region: 'Kuiwen' }],
    ['missing trigger', { region: 'a', requestedAt: valid.requestedAt }],
    ['unknown field', { ...valid, extra: 1 }],
    ['non-boolean force', { ...valid, force: 'yes' }],
    ['negative seed', { ...valid, seed: -1 }],
    ['bad time', { ...valid, requestedAt: 'yesterday' }],
    ['not an object', 'kuiwen'],
  ])('%s -> UnrecoverableError', (_label, data) => {
    expect(() => parseRegionJob('rebuild-region', data)).toThrow(UnrecoverableError);
  });

  test('an unknown job name is unrecoverable', () => {
    expect(() => parseRegionJob('delete-region', valid)).toThrow(/unknown job name/);
  });
});

describe('job ids', () => {
  test('ids have exactly two colons (BullMQ rule) and give their region back', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9-]{1,64}$/),
        fc.constantFrom('rebuild', 'resegment' as const),
        fc.integer({ min: 0, max: 4e12 }),
        fc.string(),
        (region, kind, ms, nonce) => {
          const id = manualJobId(kind, region, new Date(ms), nonce);
          expect(id.split(':')).toHaveLength(3);
          expect(regionOfJobId(id)).toBe(region);
          expect(regionOfJobId(scheduledSlotJobId(region, new Date(ms), 'Asia/Shanghai'))).toBe(region);
        },
      ),
    );
  });

  test('options retry with exponential backoff and bound the history', () => {
    const options = regionJobOptions(
      loadConfig({ JOB_ATTEMPTS: '4', JOB_BACKOFF_MS: '1000', KEEP_COMPLETED_JOBS: '10' }),
    );
    expect(options).toMatchObject({
      attempts: 4,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { count: 10 },
      removeOnFail: { count: 5000 },
    });
  });
});

describe('progress', () => {
  test('stages map onto one increasing overall percent', () => {
    const sequence = [
      ['load', 0],
      ['segment', 0],
      ['pool', 20],
      ['territories', 30],
      ['cycle', 60],
      ['summary', 95],
      ['summary', 100],
      ['publish', 0],
      ['publish', 100],
    ] as const;
    const values = sequence.map(([stage, p]) => overallPercent(stage, p));
    expect(values).toEqual([0, 5, 23, 32, 59, 91, 95, 95, 100]);
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
  });
});
