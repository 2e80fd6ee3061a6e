// The reader's attack on suppressed figures, written independently of the suppression
// algorithm: look for another set of non-negative whole numbers for the hidden cells that fits
// every shown total, in which a given cell differs. It searches moves of up to two either way
// for each hidden cell (the smallest first), depth first, forcing a cell's move whenever it is
// the last open member of a relation; finding one proves the cell cannot be recovered from what
// is shown. (Moves of one are not always enough: a service's total of 4 may have to become 2
// for its neighbour's 2 to become 3.)
import type { SuppressionInput } from '../../src/domain/suppression.js';

/** The largest change tried in one cell. */
const REACH = 2;
/** Changes in the order tried: none, then the smallest. */
const MOVES = [0, 1, -1, 2, -2];

interface Member {
  key: string;
  sign: number;
}

export function alternativeExists(
  table: SuppressionInput,
  hidden: ReadonlySet<string>,
  cell: string,
  budget = 200_000,
): boolean {
  const relations: Member[][] = table.relations
    .map((r) =>
      [{ key: r.total, sign: -1 }, ...r.parts.map((key) => ({ key, sign: 1 }))].filter((m) =>
        hidden.has(m.key),
      ),
    )
    .filter((members) => members.length > 0);
  const byCell = new Map<string, Member[][]>();
  for (const members of relations)
    for (const m of members) byCell.set(m.key, [...(byCell.get(m.key) ?? []), members]);
  const move = new Map<string, number>();
  const allowed = (key: string, d: number) =>
    Math.abs(d) <= REACH && table.cells.get(key)! + d >= 0;
  let steps = 0;

  /** Assigns and follows what it forces; undoes everything and says false on a dead end. */
  function assign(key: string, d: number, trail: string[]): boolean {
    if (!allowed(key, d)) return false;
    move.set(key, d);
    trail.push(key);
    for (const members of byCell.get(key) ?? []) {
      let sum = 0;
      const open: Member[] = [];
      for (const m of members) {
        const v = move.get(m.key);
        if (v === undefined) open.push(m);
        else sum += m.sign * v;
      }
      if (open.length === 0 && sum !== 0) return false;
      if (open.length === 1) {
        const forced = -sum * open[0]!.sign;
        if (!assign(open[0]!.key, forced, trail)) return false;
      } else if (Math.abs(sum) > open.length * REACH) return false;
    }
    return true;
  }

  const undo = (trail: string[]) => {
    for (const key of trail) move.delete(key);
  };

  function search(): boolean {
    if (++steps > budget) throw new Error(`The attack on ${cell} ran out of steps`);
    // The open cell in the most constrained relation next.
    let next: string | undefined;
    let fewest = Infinity;
    for (const [key, list] of byCell) {
      if (move.has(key) || !list.some((members) => members.some((m) => move.has(m.key)))) continue;
      for (const members of list) {
        const open = members.filter((m) => !move.has(m.key)).length;
        if (open < fewest) {
          fewest = open;
          next = key;
        }
      }
    }
    if (next === undefined) return true; // every relation touched is satisfied
    for (const d of MOVES) {
      const trail: string[] = [];
      if (assign(next, d, trail) && search()) return true;
      undo(trail);
    }
    return false;
  }

  for (const d of MOVES.slice(1)) {
    const trail: string[] = [];
    if (assign(cell, d, trail) && search()) return true;
    undo(trail);
  }
  return false;
}
