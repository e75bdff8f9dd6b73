import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRegion } from '../../../src/io/region/loadRegion.js';

const tiny = fileURLToPath(new URL('../../fixtures/regions/tiny', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'territory-overrides-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const HEADER = 'id,name,lon,lat,business_type,monthly_volume,visit_frequency,service_minutes';

describe('outlets.csv visit_frequency and service_minutes', () => {
  it('override the tier per outlet, and bad values are quarantined as ignored fields', async () => {
    const dir = join(scratch, 'region');
    cpSync(tiny, dir, { recursive: true });
    writeFileSync(
      join(dir, 'outlets.csv'),
      [
        HEADER,
        'k1,Key Account,116.4012,39.9051,hypermarket,900,Twice_Weekly,45',
        'k2,Plain Shop,116.4050,39.8990,grocery,60,,',
        'k3,Odd Shop,116.3988,39.9003,grocery,60,daily,0',
        'k4,Slow Shop,116.4070,39.9020,grocery,60,every 2 weeks,481',
      ].join('\n'),
    );
    const { region } = await loadRegion(dir);
    const byId = new Map(region.outlets.map((o) => [o.id, o]));
    expect(byId.get('k1')).toMatchObject({ visitFrequency: 'twice-weekly', serviceMinutes: 45 });
    expect(byId.get('k2')?.visitFrequency).toBeUndefined();
    expect(byId.get('k2')?.serviceMinutes).toBeUndefined();
    expect(byId.get('k3')?.visitFrequency).toBeUndefined();
    expect(byId.get('k4')).toMatchObject({ visitFrequency: 'every-2-weeks' });
    expect(byId.get('k4')?.serviceMinutes).toBeUndefined();
    const ignored = region.quarantine.map((q) => [q.line, q.field, q.value, q.action]);
    expect(ignored).toEqual([
      [4, 'visit_frequency', 'daily', 'field-ignored'],
      [4, 'service_minutes', '0', 'field-ignored'],
      [5, 'service_minutes', '481', 'field-ignored'],
    ]);
    expect(region.quarantine[0]?.reason).toMatch(/one of twice-weekly, weekly, every-2-weeks, every-4-weeks/);
  });
});
