import { describe, expect, it } from 'vitest';
import { formatDate } from '../../platform/format.js';
import { translator } from '../../platform/i18n/index.js';
import { awarenessChoices, referralFlash } from './presenter.js';

const t = translator('en');

describe('the referral page', () => {
  it('says what the decision did, from the address it came back to', () => {
    expect(referralFlash({ accepted: '', case: 'c1' }, t)).toBe(
      'Referral accepted and a case opened.',
    );
    expect(referralFlash({ recorded: '' }, t)).toBe('Date recorded.');
    expect(referralFlash({ page: '2' }, t)).toBeUndefined();
  });

  it('offers the awareness sessions held before, after "none", naming the audience if any', () => {
    const choices = awarenessChoices(
      [
        { id: 's1', heldOn: '2026-02-03', topic: 'Burglary', audienceName: 'HMP North' },
        { id: 's2', heldOn: '2026-02-10', topic: 'Harm', audienceName: null },
      ],
      t,
    );
    expect(choices).toEqual([
      { value: '', text: 'Not known, or no' },
      { value: 's1', text: `${formatDate('2026-02-03')}: Burglary (HMP North)` },
      { value: 's2', text: `${formatDate('2026-02-10')}: Harm` },
    ]);
  });
});
