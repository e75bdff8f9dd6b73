/**
 * Slices at most this many bytes are handed to JSON.parse whole. V8 strings hold at most about
 * 512 MiB, and a 500,000-outlet plan.json is larger, so bigger objects and arrays are split into
 * their members, each parsed on its own (recursively when a member is itself that large).
 */
export const DEFAULT_MAX_SLICE_BYTES = 32 * 1024 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** A JSON text that cannot be parsed, with the byte offset where the problem is. */
export class JsonBytesError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
    this.name = 'JsonBytesError';
  }
}

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipWhitespace(bytes: Uint8Array, at: number, end: number): number {
  while (at < end && isWhitespace(bytes[at] as number)) at++;
  return at;
}

/** The offset just past the string that opens at `at` (bytes[at] is its quote). */
function stringEnd(bytes: Uint8Array, at: number, end: number): number {
  for (let i = at + 1; i < end; i++) {
    const byte = bytes[i] as number;
    if (byte === BACKSLASH) i++;
    else if (byte === QUOTE) return i + 1;
  }
  throw new JsonBytesError('unterminated string', at);
}

/**
 * The offset just past the value that starts at `at`: a container up to its matching bracket, a
 * string up to its closing quote, any other scalar up to the next delimiter. UTF-8 continuation
 * bytes are all >= 0x80, so scanning bytes for ASCII delimiters is safe.
 */
function valueEnd(bytes: Uint8Array, at: number, end: number): number {
  const first = bytes[at] as number;
  if (first === QUOTE) return stringEnd(bytes, at, end);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    let i = at;
    while (i < end) {
      const byte = bytes[i] as number;
      if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || isWhitespace(byte)) break;
      i++;
    }
    return i;
  }
  let depth = 0;
  for (let i = at; i < end; i++) {
    const byte = bytes[i] as number;
    if (byte === QUOTE) i = stringEnd(bytes, i, end) - 1;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
    else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new JsonBytesError('unterminated object or array', at);
}

function parseSlice(bytes: Uint8Array, start: number, end: number): unknown {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', start, end);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new JsonBytesError((error as Error).message, start);
  }
}

function setMember(object: Record<string, unknown>, key: string, value: unknown): void {
  // Like JSON.parse: a repeated name keeps the last value; "__proto__" is an own property.
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Parses a container larger than `maxSlice` member by member. Consecutive small members are
 * parsed together, as one `[...]` or `{...}` slice of up to `maxSlice` bytes, so a big array of
 * small objects costs about what JSON.parse costs; a member larger than that recurses.
 */
function parseContainer(bytes: Uint8Array, start: number, end: number, maxSlice: number): unknown {
  const isObject = bytes[start] === OPEN_BRACE;
  const close = isObject ? CLOSE_BRACE : CLOSE_BRACKET;
  const object: Record<string, unknown> = {};
  const array: unknown[] = [];
  let groupStart = -1;
  let groupEnd = -1;
  const flush = (): void => {
    if (groupStart < 0) return;
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(
      'utf8',
      groupStart,
      groupEnd,
    );
    let group: unknown;
    try {
      group = JSON.parse(isObject ? `{${text}}` : `[${text}]`) as unknown;
    } catch (error) {
      throw new JsonBytesError((error as Error).message, groupStart);
    }
    if (isObject) for (const [k, v] of Object.entries(group as object)) setMember(object, k, v);
    else for (const v of group as unknown[]) array.push(v);
    groupStart = -1;
  };
  let at = skipWhitespace(bytes, start + 1, end);
  if (bytes[at] === close && at === end - 1) return isObject ? object : array;
  for (;;) {
    const memberStart = at;
    let key = '';
    if (isObject) {
      if (bytes[at] !== QUOTE) throw new JsonBytesError('expected a member name', at);
      const keyEnd = stringEnd(bytes, at, end);
      key = parseSlice(bytes, at, keyEnd) as string;
      at = skipWhitespace(bytes, keyEnd, end);
      if (bytes[at] !== COLON) throw new JsonBytesError("expected ':'", at);
      at = skipWhitespace(bytes, at + 1, end);
    }
    const valueStart = at;
    const memberEnd = valueEnd(bytes, valueStart, end);
    if (memberEnd - valueStart > maxSlice) {
      flush();
      const value = parseRange(bytes, valueStart, memberEnd, maxSlice);
      if (isObject) setMember(object, key, value);
      else array.push(value);
    } else {
      if (groupStart >= 0 && memberEnd - groupStart > maxSlice) flush();
      if (groupStart < 0) groupStart = memberStart;
      groupEnd = memberEnd;
    }
    at = skipWhitespace(bytes, memberEnd, end);
    if (bytes[at] === COMMA) {
      at = skipWhitespace(bytes, at + 1, end);
      continue;
    }
    if (bytes[at] === close && at === end - 1) {
      flush();
      return isObject ? object : array;
    }
    throw new JsonBytesError(`expected ',' or '${String.fromCharCode(close)}'`, at);
  }
}

function parseRange(bytes: Uint8Array, start: number, end: number, maxSlice: number): unknown {
  const open = bytes[start];
  if (end - start <= maxSlice || (open !== OPEN_BRACE && open !== OPEN_BRACKET))
    return parseSlice(bytes, start, end);
  return parseContainer(bytes, start, end, maxSlice);
}

/**
 * Parses a UTF-8 JSON document (a leading byte-order mark is skipped) into the same value
 * JSON.parse gives, without ever building one string of the whole text: objects and arrays
 * larger than `maxSliceBytes` are split into members at the byte level and parsed in runs of
 * members of up to that size. Only a single string or number larger than that would still need one
 * string. Throws JsonBytesError with the byte offset on malformed input.
 */
export function parseJsonBytes(bytes: Uint8Array, maxSliceBytes = DEFAULT_MAX_SLICE_BYTES): unknown {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  start = skipWhitespace(bytes, start, bytes.length);
  let end = bytes.length;
  while (end > start && isWhitespace(bytes[end - 1] as number)) end--;
  if (start === end) throw new JsonBytesError('empty JSON document', start);
  return parseRange(bytes, start, end, Math.max(1, maxSliceBytes));
}
