// Every attempt to contact someone in a case, and every contact made: when, how, with whom,
// the outcome and by whom.
import type { CaseDeps } from '../kernel/index.js';
import { recordContact } from './record-contact.js';
import { viewContacts } from './view-contacts.js';

export function contactService(deps: CaseDeps) {
  return { list: viewContacts(deps), add: recordContact(deps) };
}

export type ContactService = ReturnType<typeof contactService>;
