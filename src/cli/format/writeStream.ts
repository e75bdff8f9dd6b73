import { once } from 'node:events';

/**
 * Writes text pieces to a stream one at a time, waiting for `drain` whenever the stream's buffer
 * is full, so a long document is never built as one string nor queued whole in memory.
 */
export async function writePieces(stream: NodeJS.WritableStream, pieces: Iterable<string>): Promise<void> {
  let batch = '';
  for (const piece of pieces) {
    batch += piece;
    if (batch.length < 64 * 1024) continue;
    if (!stream.write(batch)) await once(stream, 'drain');
    batch = '';
  }
  if (batch !== '' && !stream.write(batch)) await once(stream, 'drain');
}

/**
 * The pieces of a pretty JSON object whose listed array properties are written one element per
 * line (each element stringified on its own), e.g. `{"region": "x", "quarantine": [ {...}, {...} ]}`:
 * valid JSON of any length without stringifying the whole value at once.
 */
export function* jsonObjectPieces(
  scalars: Record<string, unknown>,
  arrays: Record<string, Iterable<unknown>>,
): Generator<string> {
  const keys = [...Object.keys(scalars), ...Object.keys(arrays)];
  let index = 0;
  yield '{\n';
  for (const [key, value] of Object.entries(scalars)) {
    const body = JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');
    yield `  ${JSON.stringify(key)}: ${body}${++index < keys.length ? ',' : ''}\n`;
  }
  for (const [key, items] of Object.entries(arrays)) {
    yield `  ${JSON.stringify(key)}: [`;
    let first = true;
    for (const item of items) {
      yield `${first ? '' : ','}\n    ${JSON.stringify(item)}`;
      first = false;
    }
    yield `${first ? '' : '\n  '}]${++index < keys.length ? ',' : ''}\n`;
  }
  yield '}\n';
}
