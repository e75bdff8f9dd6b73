/** Content types of the files a version, scenario or comparison holds, by file extension. */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  json: 'application/json; charset=utf-8',
  geojson: 'application/geo+json',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  png: 'image/png',
  svg: 'image/svg+xml',
};

/**
 * The content type a served file is sent with, by its extension (case-insensitive): JSON and
 * schemas `application/json`, GeoJSON `application/geo+json` (RFC 7946), CSV `text/csv` and HTML
 * `text/html` in UTF-8 (as the publisher writes them), spreadsheets, images; anything else
 * `application/octet-stream`, so no unknown file is rendered by a browser.
 */
export function contentTypeOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  return BY_EXTENSION[extension] ?? 'application/octet-stream';
}
