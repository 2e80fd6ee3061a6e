import { describe, expect, it } from 'vitest';
import {
  agreementRate,
  changeDistribution,
  distanceTravelled,
  measureKindsOffered,
  median,
  recommendationRate,
  reoffendingRate,
  tally,
  type MeasureKind,
} from './measures.js';

const scores = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('distance travelled', () => {
  it('is exit minus entry per category, and their mean overall', () => {
    const result = distanceTravelled(
      scores({ health: 2, housing: 3, money: 1 }),
      scores({ health: 4, housing: 3, money: 2 }),
      ['health', 'housing', 'money'],
    );
    expect(result.perCategory.map((c) => c.change)).toEqual([2, 0, 1]);
    expect(result.overall).toBe(1);
    expect(result.categoriesCompared).toBe(3);
  });

  it('compares only categories scored both times (one added later, one retired)', () => {
    const result = distanceTravelled(
      scores({ health: 2, old: 3 }),
      scores({ health: 5, added: 4 }),
      ['health', 'old', 'added'],
    );
    expect(result.perCategory).toEqual([
      { categoryId: 'health', entry: 2, exit: 5, change: 3 },
      { categoryId: 'old', entry: 3, exit: null, change: null },
      { categoryId: 'added', entry: null, exit: 4, change: null },
    ]);
    expect(result.overall).toBe(3);
    expect(result.categoriesCompared).toBe(1);
  });

  it('has no overall figure with only an entry measure, or none at all', () => {
    expect(distanceTravelled(scores({ health: 2 }), null, ['health']).overall).toBeNull();
    expect(distanceTravelled(null, null, ['health'])).toEqual({
      perCategory: [{ categoryId: 'health', entry: null, exit: null, change: null }],
      overall: null,
      categoriesCompared: 0,
    });
  });

  it('rounds the overall figure to two places', () => {
    expect(
      distanceTravelled(scores({ a: 1, b: 1, c: 1 }), scores({ a: 2, b: 2, c: 1 }), ['a', 'b', 'c'])
        .overall,
    ).toBe(0.67);
  });
});

describe('medians and distributions', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
  it('counts people by how far they moved', () => {
    const distribution = changeDistribution([1, 1, 0, -1, 3]);
    expect(distribution.find((d) => d.change === 1)?.people).toBe(2);
    expect(distribution.find((d) => d.change === 4)?.people).toBe(0);
    expect(distribution).toHaveLength(9);
  });
});

describe('rates', () => {
  it('counts agreeing as 4 or 5, ignoring unanswered items', () => {
    expect(agreementRate([5, 4, 3, null, 2, undefined])).toEqual({
      percent: 50,
      numerator: 2,
      n: 4,
    });
    expect(agreementRate([])).toEqual({ percent: null, numerator: 0, n: 0 });
  });
  it('counts recommendations among everyone who answered', () => {
    expect(recommendationRate(['yes', 'yes', 'not_sure', 'no', null])).toEqual({
      percent: 50,
      numerator: 2,
      n: 4,
    });
  });
  it('leaves unknown reoffending results out of the rate', () => {
    expect(reoffendingRate(['yes', 'no', 'no', 'unknown', null])).toEqual({
      percent: 33.3,
      numerator: 1,
      n: 3,
    });
  });
  it('tallies in the given order', () => {
    expect(tally(['a', 'b', 'a', null], ['a', 'b', 'c'] as const)).toEqual([
      { key: 'a', count: 2 },
      { key: 'b', count: 1 },
      { key: 'c', count: 0 },
    ]);
  });
});

// Wellbeing measures: labels read as they were, and the order measures are taken in.
import { labelAt, measureSequenceProblem, type TakenMeasure } from './measures.js';

describe('labels as they were', () => {
  const history = [
    { label: 'Housing', changedAt: new Date('2026-01-01T00:00:00Z') },
    { label: 'Shelter and accommodation', changedAt: new Date('2026-06-01T00:00:00Z') },
  ];
  it('reads the label in force at the time', () => {
    expect(labelAt(history, new Date('2026-03-01T00:00:00Z'), 'Now')).toBe('Housing');
    expect(labelAt(history, new Date('2026-06-01T00:00:00Z'), 'Now')).toBe(
      'Shelter and accommodation',
    );
  });
  it('takes the first label for a moment before any, and the current one with no history', () => {
    expect(labelAt(history, new Date('2025-01-01T00:00:00Z'), 'Now')).toBe('Housing');
    expect(labelAt([], new Date(), 'Now')).toBe('Now');
  });
});

describe('the order of wellbeing measures', () => {
  const m = (kind: TakenMeasure['kind'], takenOn: string): TakenMeasure => ({ kind, takenOn });
  const taken = [m('entry', '2026-02-01'), m('exit', '2026-06-01'), m('follow_up', '2026-09-01')];
  it('accepts entry, exit and follow-ups in order, entry and exit on one day', () => {
    expect(measureSequenceProblem(m('entry', '2026-02-01'), [])).toBeNull();
    expect(measureSequenceProblem(m('exit', '2026-02-01'), [m('entry', '2026-02-01')])).toBeNull();
    expect(measureSequenceProblem(m('follow_up', '2026-12-01'), taken)).toBeNull();
    expect(measureSequenceProblem(m('exit', '2026-05-01'), [])).toBeNull();
  });
  it('refuses the same kind on the same day as a duplicate', () => {
    expect(measureSequenceProblem(m('follow_up', '2026-09-01'), taken)).toEqual({
      problem: 'duplicate',
      other: taken[2],
    });
  });
  it('takes one entry and one exit', () => {
    expect(measureSequenceProblem(m('entry', '2026-01-15'), taken)).toEqual({
      problem: 'once',
      other: taken[0],
    });
    expect(measureSequenceProblem(m('exit', '2026-07-01'), taken)).toEqual({
      problem: 'once',
      other: taken[1],
    });
  });
  it('keeps exits after the entry and follow-ups after both', () => {
    expect(measureSequenceProblem(m('exit', '2026-01-01'), [taken[0]!])).toEqual({
      problem: 'after',
      other: taken[0],
    });
    expect(measureSequenceProblem(m('follow_up', '2026-05-01'), taken)).toEqual({
      problem: 'after',
      other: taken[1],
    });
    expect(measureSequenceProblem(m('entry', '2026-07-01'), [taken[1]!])).toEqual({
      problem: 'before',
      other: taken[1],
    });
    expect(measureSequenceProblem(m('exit', '2026-10-01'), [taken[0]!, taken[2]!])).toEqual({
      problem: 'before',
      other: taken[2],
    });
  });
});

describe('the measures offered next', () => {
  const taken = (...kinds: MeasureKind[]) => kinds.map((kind) => ({ kind, takenOn: '2026-01-01' }));

  it('offers an entry and an exit review once each, and follow-ups after the exit review', () => {
    expect(measureKindsOffered([])).toEqual(['entry', 'exit']);
    expect(measureKindsOffered(taken('entry'))).toEqual(['exit']);
    expect(measureKindsOffered(taken('entry', 'exit'))).toEqual(['follow_up']);
    expect(measureKindsOffered(taken('exit'))).toEqual(['entry', 'follow_up']);
    expect(measureKindsOffered(taken('entry', 'exit', 'follow_up'))).toEqual(['follow_up']);
  });
});
