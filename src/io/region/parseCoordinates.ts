import { parseDecimal } from './parseDecimal.js';
import { rejectRow, type RowProblem } from './quarantine.js';

/**
 * Checks a longitude/latitude pair from two CSV cells. Returns the point, or the problems that
 * make it unusable: missing, not a number, out of range (with a hint when the two look swapped),
 * or exactly 0,0 (a spreadsheet's placeholder for "unknown", not a shop in the Gulf of Guinea).
 */
export function parseCoordinates(
  lonText: string,
  latText: string,
  columns: { lon: string; lat: string },
): { point: { lon: number; lat: number } | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const lon = parseDecimal(lonText);
  const lat = parseDecimal(latText);
  if (lonText === '') problems.push(rejectRow(columns.lon, lonText, 'missing longitude; row rejected'));
  else if (lon === null)
    problems.push(rejectRow(columns.lon, lonText, 'longitude is not a number; row rejected'));
  if (latText === '') problems.push(rejectRow(columns.lat, latText, 'missing latitude; row rejected'));
  else if (lat === null)
    problems.push(rejectRow(columns.lat, latText, 'latitude is not a number; row rejected'));
  if (lon === null || lat === null) return { point: null, problems };
  const swapped = Math.abs(lat) > 90 && Math.abs(lon) <= 90 ? ' (longitude and latitude swapped?)' : '';
  if (lon < -180 || lon > 180) {
    problems.push(
      rejectRow(columns.lon, lonText, `longitude ${lon} is outside -180..180${swapped}; row rejected`),
    );
  }
  if (lat < -90 || lat > 90) {
    problems.push(
      rejectRow(columns.lat, latText, `latitude ${lat} is outside -90..90${swapped}; row rejected`),
    );
  }
  if (lon === 0 && lat === 0) {
    problems.push(
      rejectRow(
        `${columns.lon},${columns.lat}`,
        '0,0',
        'coordinates 0,0 are a placeholder, not a location; row rejected',
      ),
    );
  }
  return { point: problems.length === 0 ? { lon, lat } : null, problems };
}
