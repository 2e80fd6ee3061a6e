// Small-number suppression: a figure that counts fewer people than the threshold (5 by default,
// WAYMARK_SUPPRESSION_THRESHOLD) is not shown to commissioners or national analysts, and no
// other figure shown beside it may let it be worked out.
//
// A published report is a set of cells (counts) and the additive relations between them that a
// reader can see: a total and the parts it adds up (a row total, a column total, a quarter made
// of three months, "all services" made of each service). Everything a page shows, and every
// export of it, is built from one such set, so the page and its exports hide the same cells.
//
// 1. Primary suppression hides every cell above zero and below the threshold. Zero is shown:
//    "none" discloses nobody.
// 2. Secondary suppression makes sure no hidden cell can be recovered: in every relation, a
//    lone hidden member would be its total minus the others, so another member is hidden too
//    (the smallest count above zero, a part before the total). Relations interlock (a cell is
//    in its row and its column), so this repeats until nothing changes, and then an exact check
//    solves the shown relations for the hidden cells: any hidden cell the equations still pin
//    down gets one more complement, until none is determined.
//
// What a reader is assumed to know: every shown number, which totals add up which cells, and
// that counts are whole and never negative. The property tests (suppression.test.ts) find, for
// every hidden cell, another set of non-negative whole numbers that fits everything shown.

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/** What a hidden cell is shown as, on pages and in exports (the GSS marker for confidential). */
export const SUPPRESSED_MARKER = '[c]';

export interface Relation {
  /** The cell holding the total. */
  total: string;
  /** The cells it is the sum of. */
  parts: readonly string[];
}

export interface SuppressionInput {
  /** Every count that would be shown, by a key unique within the report. */
  cells: ReadonlyMap<string, number>;
  /** Every total shown with its parts. Each part and total must be a key of `cells`. */
  relations: readonly Relation[];
}

export interface SuppressionResult {
  /** Every hidden cell. */
  hidden: ReadonlySet<string>;
  /** The cells hidden because they are small (the rest protect them). */
  primary: ReadonlySet<string>;
}

/** Whether a count is small enough to identify someone: above zero and below the threshold. */
export function isSmall(count: number, threshold: number): boolean {
  return count > 0 && count < threshold;
}

function checkInput(input: SuppressionInput): void {
  for (const relation of input.relations) {
    for (const key of [relation.total, ...relation.parts]) {
      if (!input.cells.has(key)) throw new Error(`Suppression: relation names unknown cell ${key}`);
    }
  }
  for (const [key, value] of input.cells) {
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`Suppression: cell ${key} is not a count (${value})`);
  }
}

/**
 * The member to hide beside the others: the smallest count above zero, parts before totals.
 * Never a zero: hiding one protects nothing (a count cannot be below zero, so a reader could
 * often tell it anyway), and "none" discloses nobody.
 */
function complementIn(
  relation: Relation,
  hidden: ReadonlySet<string>,
  cells: ReadonlyMap<string, number>,
): string | undefined {
  let best: string | undefined;
  for (const key of [...relation.parts, relation.total]) {
    if (hidden.has(key) || cells.get(key)! === 0) continue;
    if (best === undefined || cells.get(key)! < cells.get(best)!) best = key;
  }
  return best;
}

/** Hides a second member of every relation that has exactly one hidden. Returns whether it did. */
function protectLoneMembers(input: SuppressionInput, hidden: Set<string>): boolean {
  let changed = false;
  let again = true;
  while (again) {
    again = false;
    for (const relation of input.relations) {
      const members = [relation.total, ...relation.parts];
      if (members.filter((key) => hidden.has(key)).length !== 1) continue;
      const complement = complementIn(relation, hidden, input.cells);
      if (complement === undefined) continue;
      hidden.add(complement);
      again = true;
      changed = true;
    }
  }
  return changed;
}

/**
 * The hidden cells that the shown figures determine exactly: the relations, with every shown
 * cell replaced by its value, are linear equations in the hidden cells; a hidden cell is
 * determined when its value follows from them whatever the other hidden cells are.
 */
export function determinedCells(input: SuppressionInput, hidden: ReadonlySet<string>): string[] {
  const unknowns = [...hidden].filter((key) => input.cells.has(key));
  const column = new Map(unknowns.map((key, index) => [key, index]));
  const rows: number[][] = [];
  for (const relation of input.relations) {
    const row = new Array<number>(unknowns.length).fill(0);
    let any = false;
    const add = (key: string, sign: number) => {
      const index = column.get(key);
      if (index === undefined) return;
      row[index]! += sign;
      any = true;
    };
    add(relation.total, -1);
    for (const part of relation.parts) add(part, 1);
    if (any) rows.push(row);
  }
  const determined = new Set(zeroSumParts(input, hidden));
  const pivots = reduceRows(rows, unknowns.length);
  for (const [col, rowIndex] of pivots) {
    const row = rows[rowIndex]!;
    const free = row.some((value, c) => c !== col && !pivots.has(c) && Math.abs(value) > EPSILON);
    if (!free) determined.add(unknowns[col]!);
  }
  return [...determined];
}

/**
 * Hidden parts of a shown total that must add up to nothing: counts are never negative, so each
 * of them is zero, and so known.
 */
function zeroSumParts(input: SuppressionInput, hidden: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const relation of input.relations) {
    if (hidden.has(relation.total)) continue;
    const hiddenParts = relation.parts.filter((part) => hidden.has(part));
    if (hiddenParts.length === 0) continue;
    const shown = relation.parts
      .filter((part) => !hidden.has(part))
      .reduce((sum, part) => sum + input.cells.get(part)!, 0);
    if (input.cells.get(relation.total)! - shown === 0) found.push(...hiddenParts);
  }
  return found;
}

const EPSILON = 1e-9;

/**
 * Gauss–Jordan elimination in place (partial pivoting). The matrices are small and hold only
 * sums of 0 and ±1, so floating point with a tolerance is exact enough. Returns pivot column →
 * row.
 */
function reduceRows(rows: number[][], width: number): Map<number, number> {
  const pivots = new Map<number, number>();
  let next = 0;
  for (let col = 0; col < width && next < rows.length; col++) {
    let best = next;
    for (let r = next + 1; r < rows.length; r++)
      if (Math.abs(rows[r]![col]!) > Math.abs(rows[best]![col]!)) best = r;
    if (Math.abs(rows[best]![col]!) < EPSILON) continue;
    [rows[next], rows[best]] = [rows[best]!, rows[next]!];
    const pivotRow = rows[next]!;
    const pivot = pivotRow[col]!;
    for (let c = 0; c < width; c++) pivotRow[c]! /= pivot;
    for (let r = 0; r < rows.length; r++) {
      if (r === next) continue;
      const factor = rows[r]![col]!;
      if (Math.abs(factor) < EPSILON) continue;
      const row = rows[r]!;
      for (let c = 0; c < width; c++) row[c]! -= factor * pivotRow[c]!;
    }
    pivots.set(col, next);
    next++;
  }
  return pivots;
}

/**
 * Hides one more cell so that `cell` is no longer pinned down: the smallest shown member of a
 * relation holding `cell`, or failing that, of any relation joined to it through hidden cells.
 */
function protectDetermined(input: SuppressionInput, hidden: Set<string>, cell: string): boolean {
  const reached = new Set([cell]);
  const queue = [cell];
  while (queue.length > 0) {
    const key = queue.shift()!;
    for (const relation of input.relations) {
      const members = [relation.total, ...relation.parts];
      if (!members.includes(key)) continue;
      const complement = complementIn(relation, hidden, input.cells);
      if (complement !== undefined) {
        hidden.add(complement);
        return true;
      }
      for (const member of members)
        if (!reached.has(member)) {
          reached.add(member);
          queue.push(member);
        }
    }
  }
  return false;
}

/**
 * The cells and relations that hang together: cells in no common relation, directly or through
 * other cells, cannot tell anything about each other, so each group is suppressed on its own.
 */
function components(input: SuppressionInput): SuppressionInput[] {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(key, root);
    return root;
  };
  for (const key of input.cells.keys()) parent.set(key, key);
  for (const relation of input.relations)
    for (const part of relation.parts) parent.set(find(part), find(relation.total));
  const groups = new Map<string, { cells: Map<string, number>; relations: Relation[] }>();
  const groupOf = (key: string) => {
    const root = find(key);
    let group = groups.get(root);
    if (!group) groups.set(root, (group = { cells: new Map(), relations: [] }));
    return group;
  };
  for (const [key, value] of input.cells) groupOf(key).cells.set(key, value);
  for (const relation of input.relations) groupOf(relation.total).relations.push(relation);
  return [...groups.values()];
}

function suppressComponent(input: SuppressionInput, hidden: Set<string>): void {
  for (;;) {
    protectLoneMembers(input, hidden);
    const determined = determinedCells(input, hidden);
    if (determined.length === 0) return;
    // One more complement for each cell still pinned down, then look again.
    let protectedAny = false;
    for (const cell of determined)
      protectedAny = protectDetermined(input, hidden, cell) || protectedAny;
    if (!protectedAny) return;
  }
}

/** Which cells to hide so that no small count is shown or can be worked out. */
export function suppress(input: SuppressionInput, threshold: number): SuppressionResult {
  checkInput(input);
  const primary = new Set(
    [...input.cells].filter(([, value]) => isSmall(value, threshold)).map(([key]) => key),
  );
  const hidden = new Set(primary);
  if (hidden.size === 0) return { hidden, primary };
  for (const component of components(input))
    if ([...component.cells.keys()].some((key) => hidden.has(key)))
      suppressComponent(component, hidden);
  return { hidden, primary };
}
