import { createRandom } from '../random.js';
import type { Outlet } from '../types.js';

/**
 * The benchmarks' churn of a region between two plans: `share / 2` of the outlets (rounded)
 * close and as many new outlets open, each a copy of a random existing outlet moved a few
 * hundred metres (ids `NEW00000`, ...; lines after the last). Closed and copied outlets are drawn
 * uniformly over the region, so the changes spread over most territories. Deterministic for the
 * seed.
 */
export function churnOutlets(outlets: readonly Outlet[], share: number, seed: number): Outlet[] {
  const random = createRandom(seed);
  const count = Math.round((outlets.length * share) / 2);
  const closed = new Set(random.shuffle(outlets.map((o) => o.id)).slice(0, count));
  const result = outlets.map((o) => (closed.has(o.id) ? { ...o, status: 'closed' as const } : o));
  for (let i = 0; i < count; i++) {
    const template = outlets[random.int(outlets.length)] as Outlet;
    result.push({
      ...template,
      id: `NEW${String(i).padStart(5, '0')}`,
      lon: template.lon + random.normal() * 0.003,
      lat: template.lat + random.normal() * 0.003,
      line: outlets.length + i + 2,
    });
  }
  return result;
}
