/** The strong entity tag of a file from its sha256 (hex): `"<sha256>"`. */
export function entityTagOf(sha256: string): string {
  return `"${sha256}"`;
}

/**
 * True when an `If-None-Match` header names the entity tag (or is `*`), compared weakly as RFC
 * 9110 asks for If-None-Match (`W/"x"` matches `"x"`): the client's copy is current and the
 * answer is 304 Not Modified.
 */
export function ifNoneMatchHits(header: string | undefined, tag: string): boolean {
  if (header === undefined) return false;
  const wanted = tag.replace(/^W\//, '');
  return header
    .split(',')
    .map((part) => part.trim())
    .some((part) => part === '*' || part.replace(/^W\//, '') === wanted);
}
