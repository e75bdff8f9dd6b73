/**
 * How deep jsonChunks walks a value itself before handing sub-values to JSON.stringify whole:
 * depth 0 is the value, 1 its properties or elements, 2 theirs. At 2 a plan is streamed one rep,
 * outlet or pool at a time (each well under a megabyte), whatever fields the plan gains.
 */
export const JSON_CHUNK_DEPTH = 2;

/** Characters gathered before a chunk is handed on (about 1 MiB as UTF-16, less as UTF-8). */
const CHUNK_CHARS = 1 << 19;

/** What JSON.stringify writes for a value it keeps, after toJSON, or undefined when it drops it. */
function unwrap(key: string, value: unknown): unknown {
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function')
    v = (v as { toJSON: (key: string) => unknown }).toJSON(key);
  if (v instanceof Number || v instanceof String || v instanceof Boolean) v = v.valueOf();
  return v;
}

/** True for an array or object jsonChunks walks itself (anything else is stringified whole). */
function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}

/** One value as JSON.stringify(value, null, indent) writes it when nested `level` deep. */
function leafText(value: unknown, indent: string, level: number): string | undefined {
  const text = JSON.stringify(value, null, indent) as string | undefined;
  if (text === undefined || indent === '' || level === 0) return text;
  // JSON text has no raw newline inside strings, so every newline starts an indented line.
  return text.replace(/\n/g, `\n${indent.repeat(level)}`);
}

function* containerPieces(
  value: Record<string, unknown> | unknown[],
  indent: string,
  level: number,
  maxDepth: number,
): Generator<string> {
  const inner = indent === '' ? '' : `\n${indent.repeat(level + 1)}`;
  const close = indent === '' ? '' : `\n${indent.repeat(level)}`;
  const colon = indent === '' ? ':' : ': ';
  const array = Array.isArray(value);
  const keys = array ? null : Object.keys(value);
  const count = keys === null ? (value as unknown[]).length : keys.length;
  let first = true;
  for (let i = 0; i < count; i++) {
    const key = keys === null ? String(i) : (keys[i] as string);
    const v = unwrap(key, (value as Record<string, unknown>)[key]);
    const prefix = `${first ? '' : ','}${inner}${array ? '' : `${JSON.stringify(key)}${colon}`}`;
    if (isContainer(v) && level + 1 < maxDepth) {
      yield prefix;
      first = false;
      yield* valuePieces(v, indent, level + 1, maxDepth);
      continue;
    }
    const text = leafText(v, indent, level + 1);
    if (text === undefined && !array) continue;
    yield `${prefix}${text ?? 'null'}`;
    first = false;
  }
  if (!first) yield close;
}

function* valuePieces(
  value: Record<string, unknown> | unknown[],
  indent: string,
  level: number,
  maxDepth: number,
): Generator<string> {
  const array = Array.isArray(value);
  yield array ? '[' : '{';
  yield* containerPieces(value, indent, level, maxDepth);
  yield array ? ']' : '}';
}

/**
 * The text of `JSON.stringify(value, null, indent)` (indent 0: compact) as a sequence of chunks of
 * about half a million characters, so that a value whose JSON exceeds V8's string limit (about
 * 512 MiB, a 500,000-outlet plan) can still be written, and a smaller one without holding its
 * whole text. The value is walked down to `maxDepth` levels (JSON_CHUNK_DEPTH) and deeper
 * sub-values are stringified one at a time, so any shape streams without a list of its fields.
 * Joined, the chunks equal JSON.stringify's output byte for byte (toJSON, dropped undefined and
 * functions, null for them in arrays and for non-finite numbers), which the property test checks.
 * A value JSON.stringify drops entirely (undefined) gives no chunks.
 */
export function* jsonChunks(value: unknown, indent = 2, maxDepth = JSON_CHUNK_DEPTH): Generator<string> {
  const pad = ' '.repeat(Math.max(0, Math.min(10, Math.floor(indent))));
  const top = unwrap('', value);
  if (!isContainer(top) || maxDepth <= 0) {
    const text = leafText(top, pad, 0);
    if (text !== undefined) yield text;
    return;
  }
  let pending: string[] = [];
  let size = 0;
  for (const piece of valuePieces(top, pad, 0, maxDepth)) {
    pending.push(piece);
    size += piece.length;
    if (size >= CHUNK_CHARS) {
      yield pending.join('');
      pending = [];
      size = 0;
    }
  }
  if (pending.length > 0) yield pending.join('');
}

/** A JSON file as the version folders hold them: jsonChunks(value, 2) and a final newline. */
export function* jsonFileChunks(value: unknown): Generator<string> {
  yield* jsonChunks(value, 2);
  yield '\n';
}
