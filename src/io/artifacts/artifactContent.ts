/**
 * Content of a version file rendered on demand as a sequence of text chunks (written as UTF-8),
 * for files that may exceed V8's string limit or should not be held whole in memory (plan.json,
 * routes.geojson, segments.csv). `chunks` may be called more than once and gives the same text
 * every time.
 */
export interface ChunkedContent {
  chunks: () => Iterable<string>;
}

/** What a version file holds: text, bytes, or text rendered chunk by chunk. */
export type ArtifactContent = string | Uint8Array | ChunkedContent;

/** Wraps a chunk generator as ChunkedContent. */
export function chunked(chunks: () => Iterable<string>): ChunkedContent {
  return { chunks };
}

/** The content as a sequence of string or byte pieces, in file order. */
export function contentPieces(content: ArtifactContent): Iterable<string | Uint8Array> {
  return typeof content === 'string' || content instanceof Uint8Array ? [content] : content.chunks();
}

/**
 * The whole content as one string (UTF-8 decoded). For small files and tests only: a chunked
 * file of a province-sized plan does not fit in one string.
 */
export function contentText(content: ArtifactContent): string {
  if (typeof content === 'string') return content;
  if (content instanceof Uint8Array) return Buffer.from(content).toString('utf8');
  return [...content.chunks()].join('');
}
