import { describe, expect, it } from 'vitest';
import { itemChangeRefusal, paymentRefusal, paysOff } from './agreements.js';

const restitution = { kind: 'restitution', amountPence: 10_000, completed: false };

describe('restitution payments', () => {
  it('takes a payment up to the balance, and says when it pays it off', () => {
    expect(paymentRefusal(restitution, { amountPence: 4_000, paidPence: 6_000 })).toBeNull();
    expect(paysOff(restitution, { amountPence: 4_000, paidPence: 6_000 })).toBe(true);
    expect(paysOff(restitution, { amountPence: 3_999, paidPence: 6_000 })).toBe(false);
  });

  it('refuses more than is owed, saying the balance', () => {
    expect(paymentRefusal(restitution, { amountPence: 4_001, paidPence: 6_000 })).toEqual({
      key: 'overpaid',
      balancePence: 4_000,
    });
  });

  it('refuses payments against other kinds of item, and against a completed item', () => {
    const apology = { kind: 'apology', amountPence: null, completed: false };
    expect(paymentRefusal(apology, { amountPence: 1, paidPence: 0 })).toEqual({
      key: 'not_restitution',
    });
    expect(
      paymentRefusal({ ...restitution, completed: true }, { amountPence: 1, paidPence: 0 }),
    ).toEqual({ key: 'completed' });
  });
});

describe('changing an item paid towards', () => {
  it('keeps it restitution, for no less than was paid', () => {
    expect(itemChangeRefusal({ kind: 'apology', amountPence: null }, 500)).toEqual({
      field: 'kind',
      key: 'has_payments',
    });
    expect(itemChangeRefusal({ kind: 'restitution', amountPence: 499 }, 500)).toEqual({
      field: 'amount',
      key: 'below_paid',
    });
    expect(itemChangeRefusal({ kind: 'restitution', amountPence: 500 }, 500)).toBeNull();
    expect(itemChangeRefusal({ kind: 'apology', amountPence: null }, 0)).toBeNull();
  });
});
