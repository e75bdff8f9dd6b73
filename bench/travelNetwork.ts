/**
 * A synthetic road network as OSM XML for `npm run bench:travel`: a street grid over a bounding
 * box (about 300 m spacing), every fifth street a faster `primary` road, and a river across the
 * middle that only every sixth north-south street crosses on a bridge. Deterministic.
 */
export function gridTownOsm(bounds: {
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
}): string {
  const spacingKm = 0.3;
  const midLat = (bounds.minLat + bounds.maxLat) / 2;
  const lonStep = spacingKm / (111.32 * Math.cos((midLat * Math.PI) / 180));
  const latStep = spacingKm / 110.57;
  const cols = Math.ceil((bounds.maxLon - bounds.minLon) / lonStep) + 3;
  const rows = Math.ceil((bounds.maxLat - bounds.minLat) / latStep) + 3;
  const lon0 = bounds.minLon - lonStep;
  const lat0 = bounds.minLat - latStep;
  const river = Math.floor(rows / 2);
  const id = (x: number, y: number): number => 1 + y * cols + x;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<osm version="0.6" generator="territory-worker bench">',
  ];
  for (let y = 0; y < rows; y++)
    for (let x = 0; x < cols; x++)
      out.push(
        `<node id="${id(x, y)}" version="1" lat="${(lat0 + y * latStep).toFixed(7)}" lon="${(lon0 + x * lonStep).toFixed(7)}"/>`,
      );
  let way = 1;
  const addWay = (refs: number[], highway: string): void => {
    out.push(
      `<way id="${way++}" version="1">`,
      ...refs.map((r) => `<nd ref="${r}"/>`),
      `<tag k="highway" v="${highway}"/>`,
      '</way>',
    );
  };
  for (let y = 0; y < rows; y++) {
    const refs = Array.from({ length: cols }, (_, x) => id(x, y));
    addWay(refs, y % 5 === 0 ? 'primary' : 'residential');
  }
  for (let x = 0; x < cols; x++) {
    const kind = x % 5 === 0 ? 'primary' : 'residential';
    if (x % 6 === 0)
      addWay(
        Array.from({ length: rows }, (_, y) => id(x, y)),
        kind,
      );
    else {
      // The river lies between rows `river` and `river + 1`: no crossing here.
      addWay(
        Array.from({ length: river + 1 }, (_, y) => id(x, y)),
        kind,
      );
      addWay(
        Array.from({ length: rows - river - 1 }, (_, y) => id(x, river + 1 + y)),
        kind,
      );
    }
  }
  out.push('</osm>');
  return `${out.join('\n')}\n`;
}
