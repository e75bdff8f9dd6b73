/**
 * MAP_TILE_URL / MAP_TILE_ATTRIBUTION: the optional basemap of map.html, validated as an
 * http(s) URL template with {z}, {x} and {y} so that a typo fails at start, not as a blank map.
 */
import { mkdtemp, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadMapTiles } from '../../src/config/env.js';
import { tileOrigin, tileUrlProblem } from '../../src/config/mapTiles.js';
import { repoRoot, territory } from '../cli/runCli.js';

describe('tileUrlProblem', () => {
  it('accepts http(s) templates with {z}, {x}, {y} after the host', () => {
    for (const url of [
      'https://tiles.example/{z}/{x}/{y}.png',
      'http://10.0.0.5:8080/osm/{z}/{x}/{y}.png?style=light',
      'https://Tiles.Example:443/styles/{z}/{y}/{x}@2x.webp',
      'https://tiles.example/tile?z={z}&x={x}&y={y}',
    ])
      expect(tileUrlProblem(url), url).toBeNull();
  });

  it('names what is wrong otherwise', () => {
    expect(tileUrlProblem('https://tiles.example/{z}/{x}.png')).toMatch(/\{y\}/);
    expect(tileUrlProblem('https://tiles.example/{z}/{x}/{y}/{y}.png')).toMatch(/\{y\} exactly once/);
    expect(tileUrlProblem('ftp://tiles.example/{z}/{x}/{y}.png')).toMatch(/http/);
    expect(tileUrlProblem('/tiles/{z}/{x}/{y}.png')).toMatch(/absolute/);
    expect(tileUrlProblem('https://{s}.tiles.example/{z}/{x}/{y}.png')).toMatch(/unknown placeholder \{s\}/);
    expect(tileUrlProblem('https://t{z}.example/{x}/{y}.png')).toMatch(/after the host/);
    expect(tileUrlProblem('https://user:pw@tiles.example/{z}/{x}/{y}.png')).toMatch(/credentials/);
  });

  it('gives the origin the page may load tiles from', () => {
    expect(tileOrigin('https://tiles.example:8443/a/{z}/{x}/{y}.png')).toBe('https://tiles.example:8443');
    expect(tileOrigin('http://Tiles.Example/{z}/{x}/{y}.png')).toBe('http://tiles.example');
  });
});

describe('MAP_TILE_URL in the configuration', () => {
  it('is off by default (the map stays offline)', () => {
    expect(loadConfig({}).mapTiles).toBeNull();
    expect(loadMapTiles({ MAP_TILE_URL: '' })).toBeNull();
    expect(loadMapTiles({ MAP_TILE_ATTRIBUTION: '© nobody' })).toBeNull();
  });

  it('is read by loadConfig and loadMapTiles', () => {
    const env = {
      MAP_TILE_URL: ' https://tiles.example/{z}/{x}/{y}.png ',
      MAP_TILE_ATTRIBUTION: '© OpenStreetMap contributors',
    };
    const expected = {
      url: 'https://tiles.example/{z}/{x}/{y}.png',
      attribution: '© OpenStreetMap contributors',
    };
    expect(loadConfig(env).mapTiles).toEqual(expected);
    expect(loadMapTiles(env)).toEqual(expected);
    expect(loadMapTiles({ MAP_TILE_URL: expected.url })).toEqual({ url: expected.url, attribution: null });
  });

  it('refuses a bad template with one line naming the variable, also when other settings are bad', () => {
    const env = { MAP_TILE_URL: 'https://tiles.example/{z}/{x}.png', API_PORT: 'x' };
    expect(() => loadMapTiles(env)).toThrow(ConfigError);
    expect(() => loadMapTiles(env)).toThrow(
      /MAP_TILE_URL="https:\/\/tiles.example\/\{z\}\/\{x\}.png": must contain \{y\}/,
    );
    expect(() => loadConfig({ MAP_TILE_URL: 'tiles' })).toThrow(/MAP_TILE_URL/);
    expect(() =>
      loadMapTiles({ MAP_TILE_URL: 'https://t.example/{z}/{x}/{y}', MAP_TILE_ATTRIBUTION: 'x'.repeat(201) }),
    ).toThrow(/MAP_TILE_ATTRIBUTION=.*at most 200/);
  });
});

describe('territory plan and MAP_TILE_URL', () => {
  it('puts the tile server into map.html, names the version it compares against, and refuses a bad value', async () => {
    const work = await mkdtemp(join(tmpdir(), 'map-tiles-cli-'));
    try {
      const region = join(repoRoot, 'test/fixtures/regions/tiny');
      const out = join(work, 'out');
      const env = {
        MAP_TILE_URL: 'https://tiles.example:8443/osm/{z}/{x}/{y}.png',
        MAP_TILE_ATTRIBUTION: '© OSM',
      };
      const first = await territory(['plan', '--region', region, '--out', out, '--quiet'], { env });
      expect(first.code, first.stderr).toBe(0);
      const firstVersion = (await readlink(join(out, 'current'))).split('/').pop();
      const second = await territory(['plan', '--region', region, '--out', out, '--force', '--quiet'], {
        env: {},
      });
      expect(second.code, second.stderr).toBe(0);
      const withTiles = await readFile(join(out, 'versions', firstVersion ?? '', 'map.html'), 'utf8');
      expect(withTiles).toContain('img-src data: https://tiles.example:8443"');
      expect(withTiles).toContain(
        '"basemap":{"url":"https://tiles.example:8443/osm/{z}/{x}/{y}.png","attribution":"© OSM"}',
      );
      const offline = await readFile(join(out, 'current', 'map.html'), 'utf8');
      expect(offline).toContain('img-src data:"');
      expect(offline).toContain('"basemap":null');
      expect(offline).toContain(`"againstVersion":"${firstVersion}"`);
      const bad = await territory(['plan', '--region', region, '--out', join(work, 'bad'), '--quiet'], {
        env: { MAP_TILE_URL: 'https://tiles.example/{z}/{x}.png' },
      });
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('MAP_TILE_URL="https://tiles.example/{z}/{x}.png": must contain {y}');
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
