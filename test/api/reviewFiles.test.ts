import {
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sha256Hex, type Manifest } from '../../src/io/publish/manifest.js';
import { currentVersion } from '../../src/io/publish/publishVersion.js';
import { startTestApi, type TestApi } from './apiTestServer.js';
import { outputFixture, publishDay, type OutputFixture } from './outputFixture.js';

let fx: OutputFixture;
let t: TestApi;
let alpha: OutputFixture['alpha'];

beforeAll(async () => {
  fx = await outputFixture();
  alpha = fx.alpha;
  t = await startTestApi({ regionsDir: fx.regionsDir, outDir: fx.outDir });
});

afterAll(async () => {
  await t?.stop();
  rmSync(fx.root, { recursive: true, force: true });
});

const manifestOf = (version: string): Manifest =>
  JSON.parse(
    readFileSync(join(fx.outDir, 'alpha', 'versions', version, 'manifest.json'), 'utf8'),
  ) as Manifest;
const shaOf = (version: string, path: string): string =>
  manifestOf(version).files.find((f) => f.path === path)!.sha256;

describe('listings', () => {
  test('GET /regions: input and published regions, never an output folder leaving the root', async () => {
    const reply = await t.call('GET', '/regions');
    expect(reply.status).toBe(200);
    expect(reply.json().regions).toEqual([
      {
        region: 'alpha',
        input: true,
        current: alpha.v1,
        versions: 3,
        candidates: 1,
        scenarios: 1,
        href: '/regions/alpha/versions',
      },
      {
        region: 'beta-input',
        input: true,
        current: null,
        versions: 0,
        candidates: 0,
        scenarios: 0,
        href: '/regions/beta-input/versions',
      },
    ]);
  });

  test('GET versions: newest first with status, basedOn, mode and times', async () => {
    const body = (await t.call('GET', '/regions/alpha/versions')).json();
    expect(body.current).toBe(alpha.v1);
    const versions = body.versions as Array<Record<string, unknown>>;
    expect(versions.map((v) => [v.version, v.status, v.current, v.basedOn])).toEqual([
      [alpha.rejected, 'rejected', false, alpha.v1],
      [alpha.candidate, 'candidate', false, alpha.v1],
      [alpha.v1, 'current', true, null],
    ]);
    expect(versions[2]).toMatchObject({
      mode: 'rebuild',
      generatedAt: '2026-05-01T02:15:00.000Z',
      programVersion: 'test',
      href: `/regions/alpha/versions/${alpha.v1}`,
    });
    expect(String(versions[2]!.publishedAt)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  test('GET candidates: only the pending ones; a region without output has none; unknown region 404', async () => {
    const body = (await t.call('GET', '/regions/alpha/candidates')).json();
    expect((body.candidates as Array<{ version: string }>).map((c) => c.version)).toEqual([alpha.candidate]);
    expect((await t.call('GET', '/regions/beta-input/candidates')).json()).toEqual({
      region: 'beta-input',
      current: null,
      candidates: [],
    });
    const unknown = await t.call('GET', '/regions/nowhere/versions');
    expect({ status: unknown.status, body: unknown.json() }).toEqual({
      status: 404,
      body: { error: 'unknown region "nowhere"' },
    });
  });

  test('GET scenarios: each scenario with its versions; a symlinked scenario folder is not listed', async () => {
    const body = (await t.call('GET', '/regions/alpha/scenarios')).json();
    const scenarios = body.scenarios as Array<{ name: string; versions: Array<Record<string, unknown>> }>;
    expect(scenarios.map((s) => s.name)).toEqual([alpha.scenario]);
    expect(scenarios[0]!.versions).toMatchObject([
      {
        version: alpha.scenarioVersion,
        status: 'scenario',
        href: `/regions/alpha/scenarios/more-reps/versions/${alpha.scenarioVersion}`,
      },
    ]);
  });

  test('GET comparisons: stored comparisons with their files; a symlinked one is not listed', async () => {
    const body = (await t.call('GET', '/regions/alpha/comparisons')).json();
    expect(body.comparisons).toMatchObject([
      {
        slug: alpha.slug,
        files: [
          { path: 'compare.json', href: `/regions/alpha/comparisons/${alpha.slug}/compare.json` },
          { path: 'compare.html', href: `/regions/alpha/comparisons/${alpha.slug}/compare.html` },
        ],
      },
    ]);
  });
});

describe('a version and its files', () => {
  test('GET a version (by name or current): status, manifest and files with content types and URLs', async () => {
    const byName = (await t.call('GET', `/regions/alpha/versions/${alpha.candidate}`)).json();
    expect(byName).toMatchObject({
      region: 'alpha',
      version: alpha.candidate,
      status: 'candidate',
      basedOn: alpha.v1,
    });
    expect(byName.manifest).toEqual(manifestOf(alpha.candidate));
    const files = byName.files as Array<{ path: string; contentType: string; href: string }>;
    expect(files.find((f) => f.path === 'reps/A1.csv')).toMatchObject({
      contentType: 'text/csv; charset=utf-8',
      href: `/regions/alpha/versions/${alpha.candidate}/files/reps/A1.csv`,
    });
    const current = (await t.call('GET', '/regions/alpha/versions/current')).json();
    expect(current).toMatchObject({ version: alpha.v1, status: 'current', current: true });
  });

  test.each([
    ['plan.json', 'application/json; charset=utf-8'],
    ['territories.geojson', 'application/geo+json'],
    ['segments.csv', 'text/csv; charset=utf-8'],
    ['reps/A1.csv', 'text/csv; charset=utf-8'],
    ['map.html', 'text/html; charset=utf-8'],
    ['schemas/plan.schema.json', 'application/json; charset=utf-8'],
  ])('GET files/%s by name: the bytes, %s, ETag of the sha256, immutable', async (path, type) => {
    const reply = await t.call('GET', `/regions/alpha/versions/${alpha.candidate}/files/${path}`);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe(type);
    expect(reply.body.equals(readFileSync(join(fx.outDir, 'alpha', 'versions', alpha.candidate, path)))).toBe(
      true,
    );
    expect(reply.headers.etag).toBe(`"${shaOf(alpha.candidate, path)}"`);
    expect(sha256Hex(reply.body)).toBe(shaOf(alpha.candidate, path));
    expect(reply.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(reply.headers['content-location']).toBeUndefined();
  });

  test('map.html is served sandboxed', async () => {
    const reply = await t.call('GET', '/regions/alpha/versions/current/files/map.html');
    expect(reply.headers['content-security-policy']).toMatch(/^sandbox allow-scripts/);
    expect(reply.text).toMatch(/^<!doctype html>/i);
  });

  test('through current: no-cache and Content-Location naming the version', async () => {
    const reply = await t.call('GET', '/regions/alpha/versions/current/files/summary.json');
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toBe('private, no-cache');
    expect(reply.headers['content-location']).toBe(`/regions/alpha/versions/${alpha.v1}/files/summary.json`);
    expect(reply.headers.etag).toBe(`"${shaOf(alpha.v1, 'summary.json')}"`);
  });

  test('If-None-Match with the ETag -> 304 without a body; another tag -> 200; HEAD -> headers only', async () => {
    const url = `/regions/alpha/versions/current/files/plan.json`;
    const tag = `"${shaOf(alpha.v1, 'plan.json')}"`;
    const same = await t.call('GET', url, { headers: { 'if-none-match': tag } });
    expect([same.status, same.body.length, same.headers.etag]).toEqual([304, 0, tag]);
    expect(same.headers['cache-control']).toBe('private, no-cache');
    const listed = await t.call('GET', url, { headers: { 'if-none-match': `"x", W/${tag}` } });
    expect(listed.status).toBe(304);
    const other = await t.call('GET', url, { headers: { 'if-none-match': `"${'0'.repeat(64)}"` } });
    expect(other.status).toBe(200);
    const head = await t.call('HEAD', url);
    expect([head.status, head.body.length, head.headers.etag]).toEqual([200, 0, tag]);
    expect(Number(head.headers['content-length'])).toBe(
      manifestOf(alpha.v1).files.find((f) => f.path === 'plan.json')!.size,
    );
  });

  test('only files the manifest lists are served: manifest.json, audit files and others -> 404', async () => {
    writeFileSync(join(fx.outDir, 'alpha', 'versions', alpha.v1, 'extra.txt'), 'not listed\n');
    for (const path of ['manifest.json', 'extra.txt', 'nope.json', 'reps', 'reps/R99.csv', 'PLAN.JSON']) {
      const reply = await t.call('GET', `/regions/alpha/versions/${alpha.v1}/files/${path}`);
      expect(reply.status, path).toBe(404);
      expect(reply.json().error, path).toMatch(/^no file ".*" in version /);
    }
  });

  test('rejected and candidate versions are served; unknown versions and refs -> 404 / 400', async () => {
    expect((await t.call('GET', `/regions/alpha/versions/${alpha.rejected}/files/plan.json`)).status).toBe(
      200,
    );
    const unknown = await t.call('GET', '/regions/alpha/versions/20250101T000000Z-00000000/files/plan.json');
    expect([unknown.status, unknown.json().error]).toEqual([
      404,
      'unknown version "20250101T000000Z-00000000"',
    ]);
    expect((await t.call('GET', '/regions/alpha/versions/latest')).status).toBe(400);
    const none = await t.call('GET', '/regions/beta-input/versions/current/files/plan.json');
    expect(none.status).toBe(404);
  });

  test('scenario versions: latest and by name, with the same file rules', async () => {
    const base = `/regions/alpha/scenarios/${alpha.scenario}/versions`;
    const latest = await t.call('GET', `${base}/latest`);
    expect(latest.json()).toMatchObject({
      scenario: alpha.scenario,
      version: alpha.scenarioVersion,
      status: 'scenario',
    });
    const file = await t.call('GET', `${base}/latest/files/routes.geojson`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/geo+json');
    expect(file.headers['cache-control']).toBe('private, no-cache');
    expect(file.headers['content-location']).toBe(`${base}/${alpha.scenarioVersion}/files/routes.geojson`);
    const named = await t.call('GET', `${base}/${alpha.scenarioVersion}/files/map.html`);
    expect([named.status, named.headers['cache-control']]).toEqual([
      200,
      'private, max-age=31536000, immutable',
    ]);
    expect((await t.call('GET', `${base}/current`)).status).toBe(400);
    expect((await t.call('GET', '/regions/alpha/scenarios/nope/versions/latest')).json()).toEqual({
      error: 'unknown scenario "nope"',
    });
    expect((await t.call('GET', '/regions/alpha/scenarios/linked/versions/latest')).status).toBe(404);
    expect((await t.call('GET', '/regions/alpha/scenarios/Bad_Name/versions/latest')).status).toBe(400);
  });

  test('comparisons: compare.json and compare.html with ETag and 304; other files and symlinks -> 404', async () => {
    const base = `/regions/alpha/comparisons/${alpha.slug}`;
    const json = await t.call('GET', `${base}/compare.json`);
    const stored = readFileSync(join(fx.outDir, 'alpha', 'compare', alpha.slug, 'compare.json'));
    expect(json.status).toBe(200);
    expect(json.body.equals(stored)).toBe(true);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.headers.etag).toBe(`"${sha256Hex(stored)}"`);
    expect(json.headers['cache-control']).toBe('private, no-cache');
    const again = await t.call('GET', `${base}/compare.json`, {
      headers: { 'if-none-match': String(json.headers.etag) },
    });
    expect(again.status).toBe(304);
    const html = await t.call('GET', `${base}/compare.html`);
    expect([html.status, html.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect((await t.call('GET', `${base}/plan.json`)).status).toBe(404);
    expect((await t.call('GET', '/regions/alpha/comparisons/linked/compare.json')).status).toBe(404);
    expect((await t.call('GET', '/regions/alpha/comparisons/nope/compare.json')).json()).toEqual({
      error: 'unknown comparison "nope"',
    });
    expect((await t.call('GET', '/regions/alpha/comparisons/a_b/compare.json')).status).toBe(400);
  });
});

describe('path safety', () => {
  test.each([
    '/regions/alpha/versions/current/files/../manifest.json',
    '/regions/alpha/versions/current/files/reps/../../../../secret.txt',
    '/regions/alpha/versions/current/files/%2e%2e/%2e%2e/%2e%2e/secret.txt',
    '/regions/alpha/versions/current/files/.%2E/manifest.json',
    '/regions/alpha/versions/current/files/%2Fetc%2Fpasswd',
    '/regions/alpha/versions/current/files//etc/passwd',
    '/regions/alpha/versions/current/files/reps%2F..%2F..%2Fsecret.txt',
    '/regions/alpha/versions/current/files/plan.json%00.csv',
    '/regions/alpha/versions/current/files/reps%5C..%5Cplan.json',
    '/regions/alpha/versions/current/files/%E0%A4%A',
    '/regions/alpha/versions/..%2F..%2Fescaped%2Fversions/files/plan.json',
    '/regions/..%2Fescaped/versions',
    '/regions/alpha%00/versions',
    '/regions/alpha/scenarios/..%2Flinked/versions/latest',
  ])('%s -> 400 without a path in the body', async (path) => {
    const reply = await t.call('GET', path);
    expect(reply.status, reply.text).toBe(400);
    expect(reply.json().error).toEqual(expect.any(String));
    expect(reply.text).not.toContain(fx.root);
  });

  test('symlinks leaving the output root are not followed: region, version folder, listed file -> 404', async () => {
    expect((await t.call('GET', '/regions/escaped/versions/current')).status).toBe(404);
    expect((await t.call('GET', '/regions/escaped/versions/current/files/plan.json')).status).toBe(404);
    // A region output folder with a listed file replaced by a symlink to a file outside the root.
    const beta = join(fx.outDir, 'beta');
    const version = await publishDay(beta, 6);
    const listed = join(beta, 'versions', version, 'quarantine.csv');
    unlinkSync(listed);
    symlinkSync(fx.secret, listed);
    const reply = await t.call('GET', `/regions/beta/versions/${version}/files/quarantine.csv`);
    expect(reply.status).toBe(404);
    expect(reply.text).not.toContain('top secret');
    // And a version folder that is a symlink out of the region's folder.
    symlinkSync(
      join(
        fx.root,
        'elsewhere',
        'escaped',
        'versions',
        (await currentVersion(join(fx.root, 'elsewhere', 'escaped')))!,
      ),
      join(beta, 'versions', '20260101T000000Z-00000000'),
    );
    expect(
      (await t.call('GET', '/regions/beta/versions/20260101T000000Z-00000000/files/plan.json')).status,
    ).toBe(404);
  });

  test('a damaged file is not served: wrong size or wrong bytes -> 500 naming the file, not the path', async () => {
    const gamma = join(fx.outDir, 'gamma');
    const version = await publishDay(gamma, 7);
    const dir = join(gamma, 'versions', version);
    const good = await t.call('GET', `/regions/gamma/versions/${version}/files/segments.csv`);
    expect(good.status).toBe(200);
    const bytes = readFileSync(join(dir, 'segments.csv'));
    bytes[bytes.length - 2] = bytes[bytes.length - 2] === 0x41 ? 0x42 : 0x41;
    writeFileSync(join(dir, 'segments.csv'), bytes);
    const flipped = await t.call('GET', `/regions/gamma/versions/${version}/files/segments.csv`);
    expect(flipped.status).toBe(500);
    expect(flipped.json().error).toBe(
      `version ${version}: segments.csv does not match its manifest checksum`,
    );
    truncateSync(join(dir, 'plan.json'), 10);
    const cut = await t.call('GET', `/regions/gamma/versions/${version}/files/plan.json`);
    expect(cut.status).toBe(500);
    expect(cut.json().error).toBe(`version ${version}: plan.json does not have the size its manifest lists`);
    writeFileSync(join(dir, 'manifest.json'), '{"files": "nope"}');
    const manifest = await t.call('GET', `/regions/gamma/versions/${version}`);
    expect([manifest.status, manifest.json().error]).toEqual([
      500,
      `version ${version}: its manifest.json is not a valid manifest`,
    ]);
  });

  test('oversized bodies -> 413 (declared and chunked) and the candidate stays pending', async () => {
    const url = `/regions/alpha/versions/${alpha.candidate}/approve`;
    const big = JSON.stringify({ note: 'x'.repeat(5000) });
    const declared = await t.call('POST', url, { as: 'approve', body: big });
    expect(declared.status).toBe(413);
    expect(declared.headers.connection).toBe('close');
    const chunked = await t.call('POST', url, { as: 'approve', body: big, chunked: true });
    expect(chunked.status).toBe(413);
    const rebuild = await t.call('POST', '/regions/alpha/rebuild', { as: 'trigger', body: big });
    expect(rebuild.status).toBe(413);
    expect(await currentVersion(join(fx.outDir, 'alpha'))).toBe(alpha.v1);
  });

  test('no reply body of this file showed the output root or any server folder', () => {
    expect(t.replies.length).toBeGreaterThan(40);
    const spellings = [fx.root, realpathSync(fx.root), fx.outDir, fx.regionsDir];
    for (const reply of t.replies) {
      for (const spelling of spellings) expect(reply.text).not.toContain(spelling);
      expect(reply.text).not.toContain('top secret');
    }
  });
});
