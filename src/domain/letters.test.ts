import { describe, expect, it } from 'vitest';
import { letterReleaseRefusal, mayRecordDecision } from './letters.js';

const chosen = {
  recipientDecision: 'receive',
  recipientContactedOn: '2026-03-02',
  deliveredOn: null,
};

describe('releasing a letter of apology', () => {
  it('is allowed once the recipient was contacted and chose to receive it, from that day', () => {
    expect(letterReleaseRefusal(chosen, '2026-03-02')).toBeNull();
    expect(letterReleaseRefusal(chosen, '2026-03-10')).toBeNull();
  });

  it('is refused before the recipient chose, or when they declined or are not ready', () => {
    for (const recipientDecision of [null, 'decline', 'not_yet'])
      expect(letterReleaseRefusal({ ...chosen, recipientDecision }, '2026-03-10')).toBe(
        'not_chosen',
      );
    expect(letterReleaseRefusal({ ...chosen, recipientContactedOn: null }, '2026-03-10')).toBe(
      'not_chosen',
    );
  });

  it('is refused on a date before the recipient chose', () => {
    expect(letterReleaseRefusal(chosen, '2026-03-01')).toBe('delivered_before_choice');
  });

  it('happens once: a delivered letter is neither released again nor decided again', () => {
    const delivered = { ...chosen, deliveredOn: '2026-03-03' };
    expect(letterReleaseRefusal(delivered, '2026-03-10')).toBe('already_delivered');
    expect(mayRecordDecision(delivered)).toBe(false);
    expect(mayRecordDecision(chosen)).toBe(true);
  });
});
