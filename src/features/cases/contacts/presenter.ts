// The Contacts tab's choices, as pure functions.
import { COMMUNICATION_METHODS } from '../../../domain/safe-contact.js';
import { optionsOf } from '../../../platform/fields.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { CONTACT_OUTCOMES } from './schemas.js';

interface Person {
  id: string;
  display_name: string;
  role: string;
  consent_status: string;
  unsafe_to_contact: boolean;
}

/** Why someone cannot be chosen: they withdrew consent, or are unsafe to contact. */
const notContactable = (p: Person, t: Translate) =>
  p.consent_status === 'withdrawn'
    ? { text: t('cases.people.withdrawnWarning') }
    : p.unsafe_to_contact
      ? { text: t('cases.people.unsafe') }
      : undefined;

/**
 * Who a contact was with (nobody who withdrew consent or is unsafe to contact), how, and what
 * came of it, with what the form holds chosen.
 */
export function contactChoices(people: Person[], values: Record<string, unknown>, t: Translate) {
  const chosen = (field: string) => (option: { value: string; text: string }) => ({
    ...option,
    checked: values[field] === option.value,
  });
  return {
    participantItems: people.map((p) => ({
      value: p.id,
      text: `${p.display_name} (${t(`cases.roles.${p.role}`)})`,
      checked: p.id === values.participant_id,
      disabled: p.consent_status === 'withdrawn' || p.unsafe_to_contact,
      hint: notContactable(p, t),
    })),
    methodItems: optionsOf(COMMUNICATION_METHODS, 'cases.contactMethods', t).map(chosen('method')),
    outcomeItems: optionsOf(CONTACT_OUTCOMES, 'cases.contactOutcomes', t).map(chosen('outcome')),
  };
}
