import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROUTES } from '../../src/api/routeTable.js';
import { API_ROLES, type ApiRole } from '../../src/config/apiTokens.js';
import { runPlan } from '../../src/app/runPlan.js';
import { runScenario } from '../../src/app/runScenario.js';
import { readAudit } from '../../src/io/publish/auditLog.js';
import { promoteScenario } from '../../src/io/publish/promoteScenario.js';
import { currentVersion } from '../../src/io/publish/publishVersion.js';
import { startTestApi, type TestApi } from './apiTestServer.js';
import { outputFixture, type OutputFixture } from './outputFixture.js';

let fx: OutputFixture;
let t: TestApi;

beforeAll(async () => {
  fx = await outputFixture();
  t = await startTestApi({ regionsDir: fx.regionsDir, outDir: fx.outDir });
});

afterAll(async () => {
  await t?.stop();
  rmSync(fx.root, { recursive: true, force: true });
});

/** A concrete request for every route of the table, and what it answers once past the role check. */
const SAMPLES: Record<string, { path: () => string; body?: string; ok: number }> = {
  'GET /healthz': { path: () => '/healthz', ok: 200 },
  'GET /openapi.json': { path: () => '/openapi.json', ok: 200 },
  'GET /regions': { path: () => '/regions', ok: 200 },
  'GET /regions/{region}/versions': { path: () => '/regions/alpha/versions', ok: 200 },
  'GET /regions/{region}/candidates': { path: () => '/regions/alpha/candidates', ok: 200 },
  'GET /regions/{region}/scenarios': { path: () => '/regions/alpha/scenarios', ok: 200 },
  'GET /regions/{region}/versions/{version}': { path: () => '/regions/alpha/versions/current', ok: 200 },
  'GET /regions/{region}/versions/{version}/files/{path}': {
    path: () => '/regions/alpha/versions/current/files/map.html',
    ok: 200,
  },
  'GET /regions/{region}/scenarios/{scenario}/versions/{version}': {
    path: () => `/regions/alpha/scenarios/${fx.alpha.scenario}/versions/latest`,
    ok: 200,
  },
  'GET /regions/{region}/scenarios/{scenario}/versions/{version}/files/{path}': {
    path: () => `/regions/alpha/scenarios/${fx.alpha.scenario}/versions/latest/files/plan.json`,
    ok: 200,
  },
  'GET /regions/{region}/comparisons': { path: () => '/regions/alpha/comparisons', ok: 200 },
  'GET /regions/{region}/comparisons/{slug}/{file}': {
    path: () => `/regions/alpha/comparisons/${fx.alpha.slug}/compare.html`,
    ok: 200,
  },
  'GET /jobs': { path: () => '/jobs', ok: 200 },
  'GET /jobs/{id}': { path: () => '/jobs/rebuild:alpha:1-a', ok: 404 },
  'POST /regions/{region}/rebuild': { path: () => '/regions/alpha/rebuild', body: '{}', ok: 202 },
  'POST /regions/{region}/resegment': { path: () => '/regions/alpha/resegment', body: '{}', ok: 202 },
  // Unknown versions: past the role check the answer is 404, and nothing changes.
  'POST /regions/{region}/versions/{version}/approve': {
    path: () => '/regions/alpha/versions/20250101T000000Z-00000000/approve',
    body: '{}',
    ok: 404,
  },
  'POST /regions/{region}/versions/{version}/reject': {
    path: () => '/regions/alpha/versions/20250101T000000Z-00000000/reject',
    body: '{}',
    ok: 404,
  },
};

const rank = (role: ApiRole): number => API_ROLES.indexOf(role);

describe('role matrix: every route with no token, an unknown token and each role', () => {
  test('every route of the table has a sample request', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  for (const route of ROUTES) {
    const key = `${route.method} ${route.path}`;
    test(`${key} needs ${route.role ?? 'no token'}`, async () => {
      const sample = SAMPLES[key]!;
      const send = (as: ApiRole | null | { token: string }) =>
        t.call(route.method, sample.path(), {
          as,
          ...(sample.body === undefined ? {} : { body: sample.body }),
        });
      for (const as of [null, { token: 'unknown-token-0123456789abcdef' }] as const) {
        const reply = await send(as);
        if (route.role === null) expect(reply.status, key).toBe(sample.ok);
        else {
          expect(reply.status, key).toBe(401);
          expect(reply.headers['www-authenticate']).toBe('Bearer');
          expect(reply.json()).toEqual({ error: 'missing or invalid bearer token' });
        }
      }
      for (const role of API_ROLES) {
        const reply = await send(role);
        if (route.role !== null && rank(role) < rank(route.role)) {
          expect(reply.status, `${key} as ${role}`).toBe(403);
          expect(reply.json()).toEqual({
            error: `this route needs a token with the ${route.role} role; this token has ${role}`,
            requiredRole: route.role,
          });
          expect(reply.headers['www-authenticate']).toBe(
            `Bearer error="insufficient_scope", scope="${route.role}"`,
          );
        } else {
          expect(reply.status, `${key} as ${role}`).toBe(sample.ok);
        }
      }
    });
  }

  test('unknown paths answer 401 without a token (they reveal nothing), 404 with one', async () => {
    expect((await t.call('GET', '/regions/alpha/nothing', { as: null })).status).toBe(401);
    expect((await t.call('GET', '/regions/alpha/nothing', { as: 'read' })).status).toBe(404);
    expect((await t.call('DELETE', '/healthz', { as: null })).headers.allow).toBe('GET, HEAD');
    const wrong = await t.call('GET', '/regions/alpha/rebuild', { as: 'read' });
    expect([wrong.status, wrong.headers.allow]).toEqual([405, 'POST']);
  });
});

describe('approve and reject need the approve role', () => {
  const out = (): string => join(fx.outDir, 'alpha');

  test('read and trigger tokens are refused with 403 and the candidate stays pending, unaudited', async () => {
    const before = await readAudit(out());
    for (const role of ['read', 'trigger'] as const) {
      for (const action of ['approve', 'reject']) {
        const reply = await t.call('POST', `/regions/alpha/versions/${fx.alpha.candidate}/${action}`, {
          as: role,
          body: '{"by": "intruder"}',
        });
        expect(reply.status).toBe(403);
        expect(reply.json().requiredRole).toBe('approve');
      }
    }
    expect(await currentVersion(out())).toBe(fx.alpha.v1);
    expect(await readAudit(out())).toEqual(before);
    const pending = (await t.call('GET', '/regions/alpha/candidates')).json().candidates as Array<{
      version: string;
    }>;
    expect(pending.map((c) => c.version)).toEqual([fx.alpha.candidate]);
  });

  test('an approve token approves: the candidate is current and audited with its by', async () => {
    const reply = await t.call('POST', `/regions/alpha/versions/${fx.alpha.candidate}/approve`, {
      as: 'approve',
      body: '{"by": "li.wei", "note": "ok"}',
    });
    expect(reply.status).toBe(200);
    expect(reply.json()).toMatchObject({ status: 'current', from: fx.alpha.v1, to: fx.alpha.candidate });
    expect(await currentVersion(out())).toBe(fx.alpha.candidate);
    expect((await readAudit(out())).at(-1)).toMatchObject({ action: 'approve', by: 'li.wei', note: 'ok' });
    expect((await t.call('GET', '/regions/alpha/candidates')).json().candidates).toEqual([]);
  });
});

describe('approving a candidate promoted from a scenario', () => {
  test('answers with the notice that the next rebuild plans from the region inputs again', async () => {
    const tiny = new URL('../fixtures/regions/tiny', import.meta.url).pathname;
    mkdirSync(join(fx.regionsDir, 'tiny'), { recursive: true });
    writeFileSync(join(fx.regionsDir, 'tiny', 'outlets.csv'), 'id\n');
    const out = join(fx.outDir, 'tiny');
    const now = new Date('2026-12-06T08:00:00Z');
    await runPlan({ regionDir: tiny, outDir: out, mode: 'rebuild', now });
    await runScenario({
      regionDir: tiny,
      outDir: out,
      name: 'extra-rep',
      mode: 'rebuild',
      now: new Date('2026-12-06T09:00:00Z'),
      repEdits: { remove: [], change: [], add: [{ id: 'rX', tier: 'A', home: [116.405, 39.905] }] },
    });
    const promoted = await promoteScenario(out, 'extra-rep', { by: 'li.wei' });
    const reply = await t.call('POST', `/regions/tiny/versions/${promoted.version}/approve`, {
      as: 'approve',
    });
    expect(reply.status).toBe(200);
    expect(reply.json().notice).toMatch(/next rebuild/);
    expect(await currentVersion(out)).toBe(promoted.version);
  });
});
