/** Mean Earth radius in km (IUGG). */
export const EARTH_RADIUS_KM = 6371.0088;

const RAD = Math.PI / 180;

/**
 * Great-circle distance in km between two WGS84 points (haversine). Accurate to ~0.5% which is
 * far below the uncertainty of the road-circuity factor applied on top of it.
 */
export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * A local equirectangular projection to km around a reference latitude. For a city-sized region
 * (tens of km) planar distances in this projection differ from great-circle ones by well under
 * 0.1%, and they are much cheaper, so clustering and local search work in projected km.
 */
export interface LocalProjection {
  toXY(lon: number, lat: number): [x: number, y: number];
  toLonLat(x: number, y: number): [lon: number, lat: number];
}

/** Builds a local km projection centred on (lon0, lat0). */
export function localProjection(lon0: number, lat0: number): LocalProjection {
  const kx = EARTH_RADIUS_KM * RAD * Math.cos(lat0 * RAD);
  const ky = EARTH_RADIUS_KM * RAD;
  return {
    toXY: (lon, lat) => [(lon - lon0) * kx, (lat - lat0) * ky],
    toLonLat: (x, y) => [lon0 + x / kx, lat0 + y / ky],
  };
}

/** Median of a numeric list (NaN for an empty list); does not modify the input. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
