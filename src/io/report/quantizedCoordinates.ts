import type { Position } from '../artifacts/geoJson.js';

/** Units per degree of the map's embedded coordinates: 1e-5 degree, about 1.1 m. */
export const COORDINATE_UNITS_PER_DEGREE = 1e5;

/**
 * Coordinates as map.html embeds them: whole numbers of 1e-5 degree (about 1 m, finer than a
 * map pixel at any useful zoom) counted from a rounded origin, so that a position costs two
 * short integers instead of two 10-digit decimals. The page adds the origin back.
 */
export class QuantizedCoordinates {
  /** [lon, lat] of the origin, rounded to 0.01 degree. */
  readonly origin: [number, number];

  constructor(positions: Iterable<readonly [number, number]>) {
    let lonSum = 0;
    let latSum = 0;
    let n = 0;
    for (const [lon, lat] of positions) {
      lonSum += lon;
      latSum += lat;
      n += 1;
    }
    const round = (v: number): number => Math.round(v * 100) / 100;
    this.origin = n === 0 ? [0, 0] : [round(lonSum / n), round(latSum / n)];
  }

  /** A longitude as whole units from the origin. */
  x(lon: number): number {
    return Math.round((lon - this.origin[0]) * COORDINATE_UNITS_PER_DEGREE);
  }

  /** A latitude as whole units from the origin. */
  y(lat: number): number {
    return Math.round((lat - this.origin[1]) * COORDINATE_UNITS_PER_DEGREE);
  }

  /**
   * A ring as one flat array: the first vertex in units from the origin, then each next vertex as
   * the difference to the one before ([x0, y0, dx1, dy1, ...]); neighbouring vertices are close,
   * so the differences are short numbers. The closing vertex (equal to the first) is left out.
   */
  ring(ring: readonly Position[]): number[] {
    const out: number[] = [];
    let px = 0;
    let py = 0;
    const last =
      ring.length > 1 && samePosition(ring[0], ring[ring.length - 1]) ? ring.length - 1 : ring.length;
    for (let i = 0; i < last; i++) {
      const p = ring[i] as Position;
      const x = this.x(p[0]);
      const y = this.y(p[1]);
      out.push(x - px, y - py);
      px = x;
      py = y;
    }
    return out;
  }
}

function samePosition(a: Position | undefined, b: Position | undefined): boolean {
  return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
}
