import { describe, expect, it } from 'vitest';
import { createProcessHealth } from '../../src/ops/processHealth.js';

describe('createProcessHealth', () => {
  it('stays healthy through a short Redis outage and turns unhealthy after unhealthyAfterMs', async () => {
    let now = 0;
    let redisUp = true;
    const health = createProcessHealth({
      role: 'worker',
      ping: () => (redisUp ? Promise.resolve('PONG') : Promise.reject(new Error('down'))),
      unhealthyAfterMs: 60_000,
      nowMs: () => now,
    });
    expect((await health()).healthy).toBe(true);
    redisUp = false;
    now = 30_000;
    const short = await health();
    expect(short.healthy).toBe(true);
    expect(short.details).toMatchObject({ redis: 'down', redisSilentSeconds: 30 });
    now = 61_000;
    expect((await health()).healthy).toBe(false);
    redisUp = true;
    now = 62_000;
    expect((await health()).healthy).toBe(true);
  });

  it('counts silence from the start when Redis never answered', async () => {
    let now = 1_000;
    const health = createProcessHealth({
      role: 'scheduler',
      ping: () => Promise.reject(new Error('refused')),
      unhealthyAfterMs: 10_000,
      nowMs: () => now,
    });
    expect((await health()).healthy).toBe(true);
    now = 11_001;
    expect((await health()).healthy).toBe(false);
  });

  it('bounds a ping that never answers and reports a stopped process unhealthy', async () => {
    const started = Date.now();
    let running = true;
    const health = createProcessHealth({
      role: 'worker',
      ping: () => new Promise(() => undefined),
      pingTimeoutMs: 50,
      running: () => running,
    });
    const report = await health();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(report.details.redis).toBe('down');
    running = false;
    expect((await health()).healthy).toBe(false);
  });
});
