import { describe, expect, it } from 'vitest';
import { COMMUNICATION_METHODS } from '../../../domain/safe-contact.js';
import { translator } from '../../../platform/i18n/index.js';
import { contactChoices } from './presenter.js';
import { CONTACT_OUTCOMES } from './schemas.js';

const t = translator('en');

const person = (id: string, traits: { consent?: string; unsafe?: boolean } = {}) => ({
  id,
  display_name: `Person ${id}`,
  role: 'harmed',
  consent_status: traits.consent ?? 'not_asked',
  unsafe_to_contact: traits.unsafe ?? false,
});

describe('the Contacts tab', () => {
  it('offers everyone, but nobody who withdrew consent or is unsafe to contact, saying why', () => {
    const { participantItems } = contactChoices(
      [person('a'), person('b', { consent: 'withdrawn' }), person('c', { unsafe: true })],
      { participant_id: 'a' },
      t,
    );
    expect(participantItems).toEqual([
      {
        value: 'a',
        text: `Person a (${t('cases.roles.harmed')})`,
        checked: true,
        disabled: false,
        hint: undefined,
      },
      {
        value: 'b',
        text: `Person b (${t('cases.roles.harmed')})`,
        checked: false,
        disabled: true,
        hint: { text: t('cases.people.withdrawnWarning') },
      },
      {
        value: 'c',
        text: `Person c (${t('cases.roles.harmed')})`,
        checked: false,
        disabled: true,
        hint: { text: t('cases.people.unsafe') },
      },
    ]);
  });

  it('offers every method and outcome in words, with what the form holds chosen', () => {
    const method = COMMUNICATION_METHODS[1]!;
    const outcome = CONTACT_OUTCOMES[2]!;
    const { methodItems, outcomeItems } = contactChoices([], { method, outcome }, t);
    expect(methodItems.map((i) => i.value)).toEqual([...COMMUNICATION_METHODS]);
    expect(methodItems.filter((i) => i.checked)).toEqual([
      { value: method, text: t(`cases.contactMethods.${method}`), checked: true },
    ]);
    expect(outcomeItems.map((i) => i.value)).toEqual([...CONTACT_OUTCOMES]);
    expect(outcomeItems.filter((i) => i.checked)).toEqual([
      { value: outcome, text: t(`cases.contactOutcomes.${outcome}`), checked: true },
    ]);
  });
});
