import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatClock, parseClock, registerSequenceCommand } from '../../src/cli/commands/sequence.js';
import { startFakeRoadServer, type FakeRoadServer } from '../io/travel/fakeRoadServer.js';

async function runSequence(args: string[]): Promise<void> {
  const program = new Command('territory').exitOverride();
  registerSequenceCommand(program);
  program.commands.forEach((command) => command.exitOverride());
  await program.parseAsync(['node', 'territory', 'sequence', ...args]);
}

describe('territory sequence', () => {
  it('orders a JSON day, waits for the evening window and writes --out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sequence-'));
    const input = join(dir, 'day.json');
    const output = join(dir, 'out.json');
    await writeFile(
      input,
      JSON.stringify({
        start: '08:30',
        home: [116.4, 39.9],
        stops: [
          {
            id: 'KTV',
            lon: 116.401,
            lat: 39.901,
            serviceMinutes: 15,
            window: { from: '14:00', to: '22:00' },
          },
          { id: 'A', lon: 116.41, lat: 39.91, serviceMinutes: 12 },
          { id: 'B', lon: 116.42, lat: 39.9, serviceMinutes: 12 },
        ],
      }),
    );
    await runSequence(['--in', input, '--out', output, '--speed', '30', '--circuity', '1']);
    const result = JSON.parse(await readFile(output, 'utf8')) as {
      stops: Array<{ seq: number; id: string; arrival: string; waitMinutes: number }>;
      totals: { stops: number; travelKm: number; windowViolationMinutes: number };
      travel: { speedKmh: number };
    };
    expect(result.stops.map((s) => s.seq)).toEqual([1, 2, 3]);
    expect(result.stops[2]?.id).toBe('KTV');
    expect(result.stops[2]?.waitMinutes).toBeGreaterThan(0);
    expect(result.totals.stops).toBe(3);
    expect(result.totals.windowViolationMinutes).toBe(0);
    expect(result.travel.speedKmh).toBe(30);
  });

  it('leaves later instead of waiting with --departure-float, and refuses a bad value', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sequence-'));
    const input = join(dir, 'day.json');
    const output = join(dir, 'out.json');
    // One venue about 1.1 km away (3 minutes at 25 km/h, circuity 1.35) that opens at 14:00.
    await writeFile(
      input,
      JSON.stringify({
        start: '13:30',
        home: [116.4, 39.9],
        stops: [
          { id: 'KTV', lon: 116.41, lat: 39.9, serviceMinutes: 15, window: { from: '14:00', to: '22:00' } },
        ],
      }),
    );
    type Result = {
      start: string;
      departure: string;
      end: string;
      stops: Array<{ arrival: string; waitMinutes: number }>;
      totals: { waitMinutes: number; totalMinutes: number };
    };
    await runSequence(['--in', input, '--out', output]);
    const fixed = JSON.parse(await readFile(output, 'utf8')) as Result;
    expect(fixed.departure).toBe('13:30');
    expect(fixed.totals.waitMinutes).toBeGreaterThan(20);
    await runSequence(['--in', input, '--out', output, '--departure-float', '60']);
    const floated = JSON.parse(await readFile(output, 'utf8')) as Result;
    expect(floated.start).toBe('13:30');
    expect(floated.stops[0]?.arrival).toBe('14:00');
    expect(floated.totals.waitMinutes).toBe(0);
    expect(floated.end).toBe(fixed.end);
    expect(floated.totals.totalMinutes).toBeCloseTo(fixed.totals.totalMinutes - fixed.totals.waitMinutes, 0);
    await expect(runSequence(['--in', input, '--departure-float', '-5'])).rejects.toThrow(
      /--departure-float: expected minutes in \[0, 1440\]/,
    );
  });

  it('reads CSV with --home and --start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sequence-'));
    const input = join(dir, 'day.csv');
    const output = join(dir, 'out.json');
    await writeFile(
      input,
      'id,lon,lat,service_minutes,open_from,open_to\nA,116.41,39.91,12,,\nB,116.42,39.90,10,13:00,18:00\n',
    );
    await runSequence(['--in', input, '--out', output, '--home', '116.4,39.9', '--start', '13:30']);
    const result = JSON.parse(await readFile(output, 'utf8')) as {
      start: string;
      stops: Array<{ id: string }>;
    };
    expect(result.start).toBe('13:30');
    expect(result.stops.map((s) => s.id).sort()).toEqual(['A', 'B']);
  });

  it('names the offending fields of a bad day', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sequence-'));
    const input = join(dir, 'bad.json');
    await writeFile(
      input,
      JSON.stringify({
        start: '8h30',
        home: [116.4, 39.9],
        stops: [{ id: 'A', lon: 116.4, lat: 99, serviceMinutes: 5 }],
      }),
    );
    await expect(runSequence(['--in', input])).rejects.toThrow(/start: expected a time HH:MM.*stops\.0\.lat/);
    const csv = join(dir, 'bad.csv');
    await writeFile(csv, 'id,lon,lat,service_minutes,open_from,open_to\nA,116.4,x,5,,\n');
    await expect(runSequence(['--in', csv, '--home', '116.4,39.9'])).rejects.toThrow(
      /line 2: lat must be a number/,
    );
  });

  it('parses and formats clock times', () => {
    expect(parseClock('08:30', 'start')).toBe(510);
    expect(() => parseClock('25:99', 'start')).toThrow(/start: expected a time HH:MM/);
    expect(formatClock(1439.6)).toBe('24:00');
    expect(formatClock(605)).toBe('10:05');
  });
});

describe('territory sequence on road times (--travel)', () => {
  let server: FakeRoadServer;
  beforeAll(async () => {
    server = await startFakeRoadServer();
    // One-way streets: heading west is three times longer, so the loop's direction matters.
    server.westwardFactor = 3;
  });
  afterAll(async () => {
    await server.close();
  });

  async function sequenceOnRoads(
    stops: Array<{ id: string; lon: number; lat: number }>,
    extra: string[] = [],
  ) {
    const dir = await mkdtemp(join(tmpdir(), 'sequence-road-'));
    const input = join(dir, 'day.json');
    const output = join(dir, 'out.json');
    await writeFile(
      input,
      JSON.stringify({
        start: '08:30',
        home: [10, 50],
        stops: stops.map((s) => ({ ...s, serviceMinutes: 10 })),
      }),
    );
    await runSequence([
      '--in',
      input,
      '--out',
      output,
      '--travel',
      'osrm',
      '--travel-url',
      server.url,
      ...extra,
    ]);
    return JSON.parse(await readFile(output, 'utf8')) as {
      stops: Array<{ id: string; travelKm: number }>;
      returnTravelKm: number;
      totals: { travelKm: number; travelMinutes: number };
      travel: Record<string, unknown>;
    };
  }

  it('takes the asymmetric OSRM matrix and drives the loop the short way round (hand-checked)', async () => {
    // Home (10, 50), A (10.01, 50.01), B (10.02, 50); fake km = Manhattan degrees x 100.
    // Home-A-B-home: 2 east + 2 east + 2 west x 3 = 10 km; Home-B-A-home: 2 + 6 + 6 = 14 km.
    server.requests = 0;
    const result = await sequenceOnRoads([
      { id: 'B', lon: 10.02, lat: 50 },
      { id: 'A', lon: 10.01, lat: 50.01 },
    ]);
    expect(server.requests).toBeGreaterThan(0);
    expect(result.stops.map((s) => s.id)).toEqual(['A', 'B']);
    expect(result.stops.map((s) => s.travelKm)).toEqual([2, 2]);
    expect(result.returnTravelKm).toBe(6);
    expect(result.totals.travelKm).toBe(10);
    expect(result.totals.travelMinutes).toBe(20);
    expect(result.travel).toEqual({ provider: 'osrm', profile: 'driving' });
  });

  it('names the stop no road reaches, and refuses --travel-url without a road provider', async () => {
    await expect(
      sequenceOnRoads([
        { id: 'A', lon: 10.01, lat: 50.01 },
        { id: 'ISLE', lon: 11.5, lat: 50 },
      ]),
    ).rejects.toThrow(
      /osrm \(driving\) at http:\/\/127\.0\.0\.1:\d+ has no road route from home to stop ISLE/,
    );
    await expect(runSequence(['--in', 'x.json', '--travel', 'tomtom'])).rejects.toThrow(
      /--travel: expected one of great-circle, pgrouting, osrm, valhalla, got "tomtom"/,
    );
    const dir = await mkdtemp(join(tmpdir(), 'sequence-road-'));
    const input = join(dir, 'day.json');
    await writeFile(input, JSON.stringify({ start: '08:30', home: [10, 50], stops: [] }));
    await expect(runSequence(['--in', input, '--travel-url', server.url])).rejects.toThrow(
      /--travel-url and --profile need --travel pgrouting, osrm or valhalla/,
    );
  });
});
