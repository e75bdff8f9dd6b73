import type { Outlet, OutletTier } from '../../src/domain/types.js';

/** Outlets for segmentation tests: active, at one point, numbered by input line. */
let line = 1;
export function outlet(id: string, businessType: string, monthlyVolume: number): Outlet {
  line += 1;
  return {
    id,
    name: id,
    lon: 119.13,
    lat: 36.71,
    businessType,
    monthlyVolume,
    status: 'active',
    lockedRepId: null,
    openFrom: null,
    openTo: null,
    district: null,
    line,
  };
}

/** No previous plan: every outlet is segmented afresh. */
export const noPrevious = new Map<string, { tier: OutletTier; rule: string }>();
