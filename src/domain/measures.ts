// The arithmetic of measuring success, as pure functions so every figure can be checked by hand:
// distance travelled on the categories of need, medians and distributions, satisfaction and
// reoffending rates. Every figure comes with the number of people it rests on.

export interface Rate {
  /** A percentage from 0 to 100, or null when nobody is counted. */
  percent: number | null;
  numerator: number;
  /** How many people the figure rests on. */
  n: number;
}

export function rate(numerator: number, n: number): Rate {
  return { percent: n === 0 ? null : Math.round((numerator / n) * 1000) / 10, numerator, n };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Scores by category id, from one measure. */
export type Scores = ReadonlyMap<string, number>;

export interface CategoryChange {
  categoryId: string;
  entry: number | null;
  exit: number | null;
  /** Exit minus entry; null unless both were scored. */
  change: number | null;
}

export interface DistanceTravelled {
  perCategory: CategoryChange[];
  /** The mean change over the categories scored at both entry and exit. */
  overall: number | null;
  /** How many categories the overall figure rests on. */
  categoriesCompared: number;
}

/**
 * How far someone moved between their entry and exit measures. A category scored only once
 * (added after the entry measure, or retired before the exit) shows its one score and no change.
 */
export function distanceTravelled(
  entry: Scores | null,
  exit: Scores | null,
  categoryIds: readonly string[],
): DistanceTravelled {
  const perCategory = categoryIds.map((categoryId) => {
    const before = entry?.get(categoryId) ?? null;
    const after = exit?.get(categoryId) ?? null;
    return {
      categoryId,
      entry: before,
      exit: after,
      change: before !== null && after !== null ? after - before : null,
    };
  });
  const changes = perCategory.map((c) => c.change).filter((c): c is number => c !== null);
  const overall = mean(changes);
  return {
    perCategory,
    overall: overall === null ? null : Math.round(overall * 100) / 100,
    categoriesCompared: changes.length,
  };
}

/** How many people moved by each amount (-4 to +4 on a 1-5 scale). */
export function changeDistribution(
  changes: readonly number[],
): { change: number; people: number }[] {
  const counts = new Map<number, number>();
  for (const change of changes) counts.set(change, (counts.get(change) ?? 0) + 1);
  const result: { change: number; people: number }[] = [];
  for (let change = -4; change <= 4; change++)
    result.push({ change, people: counts.get(change) ?? 0 });
  return result;
}

/** A likert answer, 1 (strongly disagree) to 5 (strongly agree), that agrees: 4 or 5. */
export const agrees = (answer: number): boolean => answer >= 4;

/** Likert answers 1 (strongly disagree) to 5 (strongly agree): agreeing is 4 or 5. */
export function agreementRate(answers: readonly (number | null | undefined)[]): Rate {
  const given = answers.filter((a): a is number => typeof a === 'number' && a >= 1 && a <= 5);
  return rate(given.filter(agrees).length, given.length);
}

/** The answers to "would you recommend RJ to others?", and the one that recommends. */
export const RECOMMEND_ANSWERS = ['yes', 'no', 'not_sure'] as const;
export const recommends = (answer: string): boolean => answer === 'yes';

/** "Would you recommend RJ to others?": yes out of everyone who answered (not sure counts). */
export function recommendationRate(answers: readonly (string | null | undefined)[]): Rate {
  const given = answers.filter((a): a is string =>
    (RECOMMEND_ANSWERS as readonly (string | null | undefined)[]).includes(a),
  );
  return rate(given.filter(recommends).length, given.length);
}

/** A reoffending check's result that counts in the rate: known either way. */
export const KNOWN_RESULTS = ['yes', 'no'] as const;

/** Further offences among the people checked; an unknown result is not counted either way. */
export function reoffendingRate(results: readonly ('yes' | 'no' | 'unknown' | null)[]): Rate {
  const known = results.filter((r): r is 'yes' | 'no' => r === 'yes' || r === 'no');
  return rate(known.filter((r) => r === 'yes').length, known.length);
}

/** Counts by key, in the order given (keys with none included as zero). */
export function tally<K extends string>(
  values: readonly (K | null | undefined)[],
  keys: readonly K[],
): { key: K; count: number }[] {
  return keys.map((key) => ({ key, count: values.filter((v) => v === key).length }));
}

/** A category's label as it read at a moment, from its history of labels (in any order). */
export function labelAt(
  history: readonly { label: string; changedAt: Date }[],
  at: Date,
  current: string,
): string {
  const sorted = [...history].sort((a, b) => a.changedAt.getTime() - b.changedAt.getTime());
  const inForce = sorted.filter((h) => h.changedAt.getTime() <= at.getTime()).at(-1);
  return (inForce ?? sorted[0])?.label ?? current;
}

export const MEASURE_KINDS = ['entry', 'exit', 'follow_up'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** Entry, then the exit review, then follow-ups: where each kind stands in a person's measures. */
const MEASURE_ORDER = { entry: 0, exit: 1, follow_up: 2 } as const;

export interface TakenMeasure {
  kind: MeasureKind;
  /** YYYY-MM-DD */
  takenOn: string;
}

/**
 * Why a measure cannot join those a participant already has, or null if it can:
 * `duplicate` the same kind on the same day; `once` a second entry or exit; `before` it must be
 * on or before `other` (an entry after the exit, say); `after` it must be on or after `other`.
 * The order is entry, exit, then follow-ups; entry and exit may fall on the same day.
 */
export function measureSequenceProblem(
  candidate: TakenMeasure,
  existing: readonly TakenMeasure[],
): { problem: 'duplicate' | 'once' | 'before' | 'after'; other: TakenMeasure } | null {
  const same = existing.find((m) => m.kind === candidate.kind && m.takenOn === candidate.takenOn);
  if (same) return { problem: 'duplicate', other: same };
  const rank = MEASURE_ORDER;
  if (candidate.kind !== 'follow_up') {
    const earlier = existing.find((m) => m.kind === candidate.kind);
    if (earlier) return { problem: 'once', other: earlier };
  }
  const byDate = [...existing].sort((a, b) => (a.takenOn < b.takenOn ? -1 : 1));
  const mustFollow = byDate.filter((m) => rank[m.kind] < rank[candidate.kind]).at(-1);
  if (mustFollow && candidate.takenOn < mustFollow.takenOn)
    return { problem: 'after', other: mustFollow };
  const mustPrecede = byDate.find((m) => rank[m.kind] > rank[candidate.kind]);
  if (mustPrecede && candidate.takenOn > mustPrecede.takenOn)
    return { problem: 'before', other: mustPrecede };
  return null;
}

/**
 * The kinds of measure a page offers to record next for someone: an entry and an exit review
 * once each, and follow-ups once the exit review is taken. Whatever is recorded is still checked
 * by measureSequenceProblem (a follow-up sent by the API or a file after an entry alone, say).
 */
export function measureKindsOffered(taken: readonly TakenMeasure[]): MeasureKind[] {
  const has = (kind: MeasureKind) => taken.some((m) => m.kind === kind);
  return MEASURE_KINDS.filter((kind) => (kind === 'follow_up' ? has('exit') : !has(kind))).sort(
    (a, b) => MEASURE_ORDER[a] - MEASURE_ORDER[b],
  );
}
