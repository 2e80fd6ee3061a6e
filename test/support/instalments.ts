// Instalment plans of every shape the domain allows, for the rule's property tests in the domain
// and in the database.
import fc from 'fast-check';
import { FREQUENCIES, type InstalmentPlan } from '../../src/domain/instalments.js';

export const instalmentPlans: fc.Arbitrary<InstalmentPlan> = fc.record({
  instalmentPence: fc.integer({ min: 1, max: 50_000 }),
  frequency: fc.constantFrom(...FREQUENCIES),
  firstDueOn: fc
    .date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  paidBeforePence: fc.integer({ min: 0, max: 20_000 }),
});
