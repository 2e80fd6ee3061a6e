import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expand, median, medianOfCounts } from './figure-math.js';

describe('figures from counts', () => {
  it('give the median the list would give (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ value: fc.integer({ min: -40, max: 40 }).map((v) => v / 4), n: fc.nat(6) }),
        ),
        (counts) => {
          const [a, b] = [medianOfCounts(counts), median(expand(counts))];
          expect(a === null ? a : a + 0).toBe(b === null ? b : b + 0);
        },
      ),
    );
  });

  it('has no median for nothing', () => {
    expect(medianOfCounts([])).toBeNull();
    expect(medianOfCounts([{ value: 3, n: 0 }])).toBeNull();
    expect(
      medianOfCounts([
        { value: 1, n: 1 },
        { value: 2, n: 1 },
      ]),
    ).toBe(1.5);
  });
});
