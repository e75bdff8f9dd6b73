/**
 * Reorders order[lo, hi) so that order[target] holds the point of rank `target` by `valueOf`
 * (called with a point index), with smaller-or-equal values before it and greater-or-equal after:
 * quickselect with a median-of-three pivot and a three-way partition, so runs of equal values
 * (duplicate coordinates) cost linear time. Used to split k-d trees at the median.
 */
export function selectByRank(
  order: Int32Array,
  lo: number,
  hi: number,
  target: number,
  valueOf: (point: number) => number,
): void {
  const value = (m: number): number => valueOf(order[m] as number);
  const swap = (a: number, b: number): void => {
    const t = order[a] as number;
    order[a] = order[b] as number;
    order[b] = t;
  };
  let left = lo;
  let right = hi - 1;
  while (right > left) {
    const a = value(left);
    const b = value((left + right) >> 1);
    const c = value(right);
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    // Dutch national flag: [left, lt) < pivot, [lt, i) == pivot, (gt, right] > pivot.
    let lt = left;
    let gt = right;
    let i = left;
    while (i <= gt) {
      const v = value(i);
      if (v < pivot) swap(lt++, i++);
      else if (v > pivot) swap(i, gt--);
      else i++;
    }
    if (target < lt) right = lt - 1;
    else if (target > gt) left = gt + 1;
    else return;
  }
}
