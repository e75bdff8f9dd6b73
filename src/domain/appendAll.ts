/**
 * Appends every item of `items` to `target` with a loop and returns `target`. Unlike
 * `target.push(...items)`, which passes each item as a call argument and throws "Maximum call
 * stack size exceeded" once `items` has some 100,000 entries (an outlet-sized list at province
 * scale), this works for any length.
 */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
