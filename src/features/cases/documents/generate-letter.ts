// Makes a letter (an invitation, a consent form...) for one of the case's people and keeps it as
// a case document. Never an invitation to someone unsafe to contact, never a letter against a
// "not by letter" instruction without the reason it was safe, and never one with no address.
import { z } from 'zod';
import type { Tx } from '../../../db/actor-context.js';
import { isUuid } from '../../../domain/ids.js';
import { addressBlock, postalAddressOf } from '../../../domain/postal-address.js';
import { userIdOf, type Actor } from '../../../domain/roles.js';
import { validationFailed } from '../../../platform/errors.js';
import { formatDate } from '../../../platform/format.js';
import { optionalText, parseInput } from '../../../platform/forms.js';
import type { Translate } from '../../../platform/i18n/index.js';
import type { CaseDeps } from '../kernel/index.js';
import { orgName, serviceSettings } from '../rj-service.js';
import { requireSafeContact, safeContactOverrideEvents } from '../people/index.js';
import { safeFileName } from './file-names.js';
import { LETTER_KINDS, letterTitle, renderLetter } from './letters.js';
import { documentEvent } from './records.js';
import type { DocumentStore } from './store.js';

export const letterSchema = z.object({
  letter: z.enum(LETTER_KINDS, { error: 'cases.documents.errors.letter' }),
  participant: z
    .string({ error: 'cases.documents.errors.participant' })
    .refine(isUuid, { error: 'cases.documents.errors.participant' }),
  /** Why it was safe to send a letter against the person's safe-contact instructions. */
  safe_contact_reason: optionalText(1000),
});

type LetterChoice = z.output<typeof letterSchema>;

async function addressee(tx: Tx, caseId: string, data: LetterChoice) {
  const participant = await tx
    .selectFrom('case_participants')
    .select([
      'display_name',
      'unsafe_to_contact',
      'may_leave_message',
      'preferred_contact',
      'do_not_contact_via',
      'safe_phone',
      'address_line_1',
      'address_line_2',
      'address_town',
      'address_postcode',
    ])
    .where('case_id', '=', caseId)
    .where('id', '=', data.participant)
    .executeTakeFirst();
  if (!participant)
    throw validationFailed([{ field: 'participant', key: 'cases.documents.errors.participant' }]);
  if (participant.unsafe_to_contact && data.letter === 'invitation')
    throw validationFailed([
      {
        field: 'participant',
        key: 'cases.documents.errors.unsafe',
        params: { name: participant.display_name },
      },
    ]);
  return participant;
}

/**
 * The letter's address block; refused, naming the person, when no address is recorded (the
 * letter form links each such person to where their address is added).
 */
function addressBlockOf(
  participant: { display_name: string } & Parameters<typeof postalAddressOf>[0],
): string[] {
  const address = postalAddressOf(participant);
  if (!address)
    throw validationFailed([
      {
        field: 'participant',
        key: 'cases.documents.errors.noAddress',
        params: { name: participant.display_name },
      },
    ]);
  return addressBlock(participant.display_name, address);
}

/** Who the letter says to contact: the service, and the contact its manager set, if any. */
async function serviceContact(tx: Tx, orgId: string) {
  const settings = await serviceSettings(tx, orgId);
  return {
    serviceName: await orgName(tx, orgId),
    contactName: settings?.contact_name ?? null,
    contactPhone: settings?.contact_phone ?? null,
    contactEmail: settings?.contact_email ?? null,
  };
}

export const generateLetter =
  ({ kernel, clock }: CaseDeps, store: DocumentStore) =>
  async (actor: Actor, caseId: string, input: unknown, t: Translate) => {
    const data = parseInput(letterSchema, input);
    let kept: string | undefined;
    try {
      return await kernel.changeCase(
        { actor, caseId, action: 'case.document_generated' },
        async (tx, row) => {
          const participant = await addressee(tx, caseId, data);
          // A letter is a letter, whether it is posted or handed over: "not by letter" holds.
          const overridden = requireSafeContact(
            participant,
            { method: 'letter', leftMessage: false },
            data.safe_contact_reason,
          );
          const recipient = addressBlockOf(participant);
          const pdf = await renderLetter(
            {
              kind: data.letter,
              caseReference: row.reference,
              participantName: participant.display_name,
              recipient,
              ...(await serviceContact(tx, row.org_id)),
              date: formatDate(clock.now()),
            },
            t,
          );
          const file = await store.keepBytes(pdf);
          kept = file.key;
          const fileName = safeFileName(
            `${letterTitle(data.letter, t)} - ${participant.display_name} - ${row.reference}`,
            'pdf',
          );
          const document = await tx
            .insertInto('case_documents')
            .values({
              org_id: row.org_id,
              case_id: caseId,
              file_name: fileName,
              content_type: 'application/pdf',
              size_bytes: file.size,
              storage_key: file.key,
              sha256: file.sha256,
              origin: 'generated',
              uploaded_by: userIdOf(actor),
              safe_contact_reason: overridden.length > 0 ? data.safe_contact_reason! : null,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          return {
            event: [
              documentEvent(`document.generated.${data.letter}`, document.id, {
                name: participant.display_name,
              }),
              ...safeContactOverrideEvents(participant.display_name, overridden),
            ],
            result: document.id,
          };
        },
      );
    } catch (error) {
      if (kept) await store.remove(kept);
      throw error;
    }
  };
