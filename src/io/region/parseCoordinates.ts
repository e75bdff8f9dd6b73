import { parseDecimal } from './parseDecimal.js';
import { quarantineText } from '../../i18n/warningText.js';
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
  if (lonText === '') problems.push(rejectRow(columns.lon, lonText, quarantineText('quarantine.missingLon')));
  else if (lon === null)
    problems.push(rejectRow(columns.lon, lonText, quarantineText('quarantine.lonNotNumber')));
  if (latText === '') problems.push(rejectRow(columns.lat, latText, quarantineText('quarantine.missingLat')));
  else if (lat === null)
    problems.push(rejectRow(columns.lat, latText, quarantineText('quarantine.latNotNumber')));
  if (lon === null || lat === null) return { point: null, problems };
  const swapped = Math.abs(lat) > 90 && Math.abs(lon) <= 90;
  if (lon < -180 || lon > 180) {
    const key = swapped ? 'quarantine.lonOutsideSwapped' : 'quarantine.lonOutside';
    problems.push(rejectRow(columns.lon, lonText, quarantineText(key, { value: lon })));
  }
  if (lat < -90 || lat > 90) {
    const key = swapped ? 'quarantine.latOutsideSwapped' : 'quarantine.latOutside';
    problems.push(rejectRow(columns.lat, latText, quarantineText(key, { value: lat })));
  }
  if (lon === 0 && lat === 0) {
    problems.push(
      rejectRow(`${columns.lon},${columns.lat}`, '0,0', quarantineText('quarantine.zeroCoordinates')),
    );
  }
  return { point: problems.length === 0 ? { lon, lat } : null, problems };
}
