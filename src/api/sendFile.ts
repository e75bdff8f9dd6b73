import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { realPathInside } from './containedPath.js';
import { contentTypeOf } from './contentTypes.js';
import { DamagedOutputError } from './damagedOutputError.js';
import { entityTagOf, ifNoneMatchHits } from './entityTags.js';
import { fileDigest } from './fileDigests.js';
import { HttpError } from './httpError.js';
import type { RouteContext } from './route.js';

/** A stored file to answer a GET or HEAD with. */
export interface FileToSend {
  /** Folder the file must stay inside after symlinks are resolved (a real path). */
  root: string;
  /** The file's '/'-separated path under `root`, made of plain names (see decodeParams). */
  path: string;
  /** Size and sha256 from the version's manifest; null (comparisons have none): hashed now. */
  expected: { size: number; sha256: string } | null;
  cacheControl: string;
  /** What the file is in messages, e.g. `version 20260302T021500Z-1a2b3c4d`. */
  owner: string;
  /** More headers (Content-Location of a file asked for through `current`). */
  headers?: Record<string, string>;
}

/**
 * HTML is sandboxed (scripts run, but in an opaque origin): a map or comparison page rendered
 * from outlet data cannot act as the API's origin.
 */
const HTML_POLICY = 'sandbox allow-scripts allow-popups allow-downloads';

function notModified(context: RouteContext, tag: string, file: FileToSend): void {
  context.res.writeHead(304, { etag: tag, 'cache-control': file.cacheControl, ...file.headers });
  context.res.end();
}

/**
 * Answers with a stored file: `ETag: "<sha256>"`, the file's Cache-Control, its content type by
 * extension (contentTypeOf), and 304 without a body when If-None-Match names the tag. The file
 * must stay inside `root` after symlinks and be a regular file (else 404). With a manifest entry,
 * the bytes are checked against it before anything is sent: the size on every request (fstat of
 * the opened file), the sha256 the first time a file is served and whenever it changed on disk
 * (see fileDigest); a mismatch answers 500 (DamagedOutputError) and sends nothing. The bytes are
 * then streamed from the same open file that was checked; HEAD gets the headers only.
 */
export async function sendFile(context: RouteContext, file: FileToSend): Promise<void> {
  const { req, res, method } = context;
  const ifNoneMatch = req.headers['if-none-match'];
  if (file.expected && ifNoneMatchHits(ifNoneMatch, entityTagOf(file.expected.sha256)))
    return notModified(context, entityTagOf(file.expected.sha256), file);
  const notFound = new HttpError(404, `no file "${file.path}" in ${file.owner}`);
  const real = await realPathInside(file.root, join(file.root, file.path));
  if (real === null) throw notFound;
  let handle: FileHandle | null = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW).catch(
    () => null,
  );
  if (handle === null) throw notFound;
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw notFound;
    if (file.expected && info.size !== file.expected.size)
      throw new DamagedOutputError(`${file.owner}: ${file.path} does not have the size its manifest lists`);
    const digest = await fileDigest(real, handle, info);
    if (file.expected && digest !== file.expected.sha256)
      throw new DamagedOutputError(`${file.owner}: ${file.path} does not match its manifest checksum`);
    const tag = entityTagOf(digest);
    if (ifNoneMatchHits(ifNoneMatch, tag)) return notModified(context, tag, file);
    const type = contentTypeOf(file.path);
    res.writeHead(200, {
      'content-type': type,
      'content-length': String(info.size),
      etag: tag,
      'cache-control': file.cacheControl,
      'accept-ranges': 'none',
      'x-content-type-options': 'nosniff',
      ...(type.startsWith('text/html') ? { 'content-security-policy': HTML_POLICY } : {}),
      ...file.headers,
    });
    if (method === 'HEAD' || info.size === 0) {
      res.end();
      return;
    }
    const stream = handle.createReadStream({ start: 0, end: info.size - 1, autoClose: true });
    // The stream owns the handle now and closes it when done or destroyed.
    handle = null;
    await pipeline(stream, res).catch((error: unknown) => {
      // A client that went away mid-download is not a server error.
      if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
    });
  } finally {
    await handle?.close();
  }
}
