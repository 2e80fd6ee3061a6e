// What a referral accepted brings into its case: each party as a participant, with their
// safe-contact instructions, and the person record they are (an existing one, or new).
import type { Tx } from '../../db/actor-context.js';
import { isUuid } from '../../domain/ids.js';
import { combinedNotVia } from '../../domain/safe-contact.js';
import { validationFailed } from '../../platform/errors.js';
import type { partiesOf } from './queries.js';

/** A referral's party as a participant of the case it opens, safe-contact instructions and all. */
export function participantFromParty(
  party: Awaited<ReturnType<typeof partiesOf>>[number],
  where: { caseId: string; orgId: string; personId: string },
) {
  const name =
    [party.forename, party.surname].filter(Boolean).join(' ') ||
    (party.role === 'victim' ? 'Person harmed' : 'Person who harmed');
  return {
    org_id: where.orgId,
    case_id: where.caseId,
    person_id: where.personId,
    display_name: name,
    role: party.role === 'victim' ? 'harmed' : 'harmer',
    safe_phone: party.safe_phone,
    may_leave_message: party.may_leave_message,
    preferred_contact: party.preferred_contact,
    preferred_times: party.preferred_times,
    do_not_contact_via: party.do_not_contact_via,
  };
}

export async function personFor(
  tx: Tx,
  orgId: string,
  party: {
    forename: string | null;
    surname: string | null;
    date_of_birth: string | null;
    phone: string | null;
    email: string | null;
    postcode: string | null;
    establishment: string | null;
  },
  choice: string | undefined,
): Promise<string> {
  if (choice && choice !== 'new') {
    const existing = isUuid(choice)
      ? await tx
          .selectFrom('persons')
          .select('id')
          .where('id', '=', choice)
          .where('org_id', '=', orgId)
          .executeTakeFirst()
      : undefined;
    if (!existing)
      throw validationFailed([{ field: 'person', key: 'referrals.errors.personUnknown' }]);
    return existing.id;
  }
  const row = await tx
    .insertInto('persons')
    .values({
      org_id: orgId,
      forename: party.forename,
      surname: party.surname,
      date_of_birth: party.date_of_birth,
      phone: party.phone,
      email: party.email,
      postcode: party.postcode,
      establishment: party.establishment,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** What a service already knows about how to reach a person safely and what they need. */
const KNOWN_NEEDS = [
  'safe_phone',
  'may_leave_message',
  'preferred_contact',
  'preferred_times',
  'do_not_contact_via',
  'interpreter_language',
  'accessibility_needs',
] as const;
interface KnownNeeds {
  safe_phone?: string | null;
  may_leave_message?: boolean | null;
  preferred_contact?: string | null;
  preferred_times?: string | null;
  do_not_contact_via?: string | null;
  interpreter_language?: string | null;
  accessibility_needs?: string | null;
  unsafe_to_contact?: boolean;
}

/**
 * A person "already known" brings their safe-contact instructions and access needs from the
 * latest case they took part in. Nothing is lost: what the new referral says comes first, the
 * ways they asked not to be contacted add up (combinedNotVia), and a person last marked unsafe
 * to contact stays so until someone decides otherwise.
 */
export async function knownNeeds(tx: Tx, personId: string): Promise<KnownNeeds> {
  const latest = await tx
    .selectFrom('case_participants')
    .select([...KNOWN_NEEDS, 'unsafe_to_contact'])
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return latest ?? {};
}

export function withKnownNeeds<P extends Record<string, unknown>>(
  participant: P,
  known: KnownNeeds,
) {
  const merged: Record<string, unknown> = { ...participant };
  for (const field of KNOWN_NEEDS)
    if ((merged[field] ?? null) === null && known[field] !== undefined)
      merged[field] = known[field];
  if (known.do_not_contact_via !== undefined)
    merged.do_not_contact_via = combinedNotVia(
      participant.do_not_contact_via as string | null | undefined,
      known.do_not_contact_via,
    );
  if (known.unsafe_to_contact) merged.unsafe_to_contact = true;
  return merged as P & KnownNeeds;
}
