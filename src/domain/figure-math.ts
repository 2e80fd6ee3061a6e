// Arithmetic on counted figures: the store keeps how many people had each value (a histogram),
// not the people, so medians and rates are worked out from counts, by the same rules as the
// functions in measures.ts work them out from lists.
import { median } from './measures.js';

export interface ValueCount {
  value: number;
  n: number;
}

/** The median of the values counted (null when nothing is counted), as median() of the list. */
export function medianOfCounts(counts: readonly ValueCount[]): number | null {
  const sorted = counts.filter((c) => c.n > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, c) => sum + c.n, 0);
  if (total === 0) return null;
  const at = (position: number) => {
    let seen = 0;
    for (const c of sorted) {
      seen += c.n;
      if (position < seen) return c.value;
    }
    return sorted.at(-1)!.value;
  };
  const middle = Math.floor(total / 2);
  return total % 2 === 1 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
}

/** The list a histogram stands for (for the list functions, on small counts only). */
export function expand<T>(counts: readonly { value: T; n: number }[]): T[] {
  return counts.flatMap((c) => Array.from({ length: c.n }, () => c.value));
}

export { median };
