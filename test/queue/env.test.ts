import { describe, expect, test } from 'vitest';
import { resolve } from 'node:path';
import {
  ConfigError,
  loadConfig,
  loadOutRoot,
  loadPlanThreads,
  redactRedisUrl,
} from '../../src/config/env.js';

describe('loadConfig', () => {
  test('defaults: local Redis, nightly 02:00 Asia/Shanghai, one job at a time', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      scheduleCron: '0 2 * * *',
      scheduleTimezone: 'Asia/Shanghai',
      workerConcurrency: 1,
      apiToken: null,
      apiPort: 8080,
      queuePrefix: 'territory',
    });
    expect(config.schedulesFile).toBe(`${config.regionsDir}/schedules.json`);
  });

  test('empty values fall back to defaults', () => {
    expect(loadConfig({ WORKER_CONCURRENCY: '', LOG_LEVEL: '' }).workerConcurrency).toBe(1);
  });

  test('an invalid value names the variable and the value', () => {
    expect(() => loadConfig({ WORKER_CONCURRENCY: 'lots' })).toThrow(
      /WORKER_CONCURRENCY="lots": must be a whole number/,
    );
    expect(() => loadConfig({ SCHEDULE_TZ: 'Mars/Olympus' })).toThrow(/SCHEDULE_TZ="Mars\/Olympus"/);
    try {
      loadConfig({ API_PORT: '70000' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).key).toBe('API_PORT');
    }
  });

  test('secrets are never echoed in errors', () => {
    const secret = 'short-secret';
    expect(() => loadConfig({ API_TOKEN: secret })).toThrow(/API_TOKEN=<redacted>/);
    expect(() => loadConfig({ API_TOKEN: secret })).not.toThrow(new RegExp(secret));
    expect(() => loadConfig({ REDIS_URL: 'http://user:hunter2@host' })).toThrow(/REDIS_URL=<redacted>/);
    expect(() => loadConfig({ REDIS_URL: 'http://user:hunter2@host' })).not.toThrow(/hunter2/);
  });

  test('rediss URLs with a password are accepted and redacted for logs', () => {
    const config = loadConfig({ REDIS_URL: 'rediss://default:hunter2@redis.example:6380/0' });
    expect(config.redisUrl).toBe('rediss://default:hunter2@redis.example:6380/0');
    expect(redactRedisUrl(config.redisUrl)).toBe('rediss://default:***@redis.example:6380/0');
  });
});

describe('loadOutRoot', () => {
  test('follows OUT_DIR, defaults to ./out, ignores other variables and names a bad value', () => {
    expect(loadOutRoot({ OUT_DIR: '/srv/routes', API_TOKEN: 'short' })).toBe('/srv/routes');
    expect(loadOutRoot({})).toBe(resolve('out'));
    expect(loadOutRoot({ OUT_DIR: '' })).toBe(resolve('out'));
    expect(() => loadOutRoot({ OUT_DIR: '   ' })).toThrow(/OUT_DIR=" {3}"/);
  });
});

describe('PLAN_THREADS', () => {
  test('unset means the default (null); a whole number 1-64 is taken', () => {
    expect(loadConfig({}).planThreads).toBeNull();
    expect(loadConfig({ PLAN_THREADS: '' }).planThreads).toBeNull();
    expect(loadConfig({ PLAN_THREADS: '3' }).planThreads).toBe(3);
    expect(loadPlanThreads({ PLAN_THREADS: ' 1 ' })).toBe(1);
    expect(loadPlanThreads({})).toBeNull();
  });

  test('an invalid value names PLAN_THREADS and the value', () => {
    expect(() => loadConfig({ PLAN_THREADS: '0' })).toThrow(/PLAN_THREADS="0"/);
    expect(() => loadConfig({ PLAN_THREADS: 'two' })).toThrow(/PLAN_THREADS="two": must be a whole number/);
    try {
      loadPlanThreads({ PLAN_THREADS: '65', API_TOKEN: 'short' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).key).toBe('PLAN_THREADS');
      expect((error as ConfigError).message).toMatch(/PLAN_THREADS="65"/);
    }
  });
});
