// The page to ask for a transfer (the case's people, documents, the services it can go to and
// its past transfers), and the request: another service is asked to take the case (or help
// with it), with a copy of what was chosen. Copied files are removed again if it fails.
import { userIdOf, type Actor } from '../../../domain/roles.js';
import { AppError, validationFailed } from '../../../platform/errors.js';
import { parseInput } from '../../../platform/forms.js';
import type { DocumentStore } from '../documents/index.js';
import { participantsOf } from '../facts.js';
import type { CaseDeps } from '../kernel/index.js';
import { buildPayload, itemsOf } from './payload.js';
import { orgName } from '../rj-service.js';
import { servicesBut, transfersOfCase } from './records.js';
import { transferSchema } from './schemas.js';

export const transferForm =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string) =>
    kernel.readCase(
      {
        actor,
        caseId,
        part: 'transfer',
        capability: 'triage_referrals',
        refusedAs: 'case.transfer_page',
      },
      async (tx, row) => {
        const participants = (await participantsOf(tx, caseId)).map((p) => ({
          id: p.id,
          name: p.display_name,
          role: p.role,
          consent: p.consent_status,
        }));
        const documents = await tx
          .selectFrom('case_documents')
          .select(['id', 'file_name as fileName'])
          .where('case_id', '=', caseId)
          .orderBy('created_at')
          .execute();
        const services = await servicesBut(tx, row.org_id);
        const transfers = await transfersOfCase(tx, caseId);
        return { case: row, participants, documents, services, transfers };
      },
    );

function choiceOf(input: unknown) {
  const data = parseInput(transferSchema, input);
  const choice = {
    parts: data.items,
    participantIds: [...new Set(data.participants)],
    documentIds: [...new Set(data.documents)],
  };
  const items = itemsOf(choice);
  if (!items.length)
    throw validationFailed([{ field: 'items', key: 'cases.transfers.errors.nothing' }]);
  if (choice.parts.includes('assessments') && !choice.participantIds.length)
    throw validationFailed([
      { field: 'participants', key: 'cases.transfers.errors.assessmentsNeedPeople' },
    ]);
  return { data, choice, items };
}

export const requestTransfer =
  ({ kernel }: CaseDeps, store: DocumentStore) =>
  async (actor: Actor, caseId: string, input: unknown) => {
    const { data, choice, items } = choiceOf(input);
    const copies: string[] = [];
    try {
      return await kernel.changeCase(
        { actor, caseId, action: 'case.transfer_requested', capability: 'triage_referrals' },
        async (tx, row) => {
          const receiver = (await servicesBut(tx, row.org_id)).find((s) => s.id === data.to_org);
          if (!receiver)
            throw validationFailed([{ field: 'to_org', key: 'cases.transfers.errors.service' }]);
          const pending = await tx
            .selectFrom('case_transfers')
            .select('id')
            .where('case_id', '=', caseId)
            .where('to_org_id', '=', receiver.id)
            .where('status', '=', 'requested')
            .executeTakeFirst();
          if (pending)
            throw new AppError('conflict', 'cases.transfers.errors.pending', {
              params: { service: receiver.name },
            });
          const payload = await buildPayload(tx, {
            row,
            serviceName: await orgName(tx, row.org_id),
            choice,
            copyFile: async (key) => {
              const copy = await store.copy(key);
              copies.push(copy);
              return copy;
            },
          });
          if (
            (payload.participants?.length ?? 0) !== choice.participantIds.length ||
            (payload.documents?.length ?? 0) !== choice.documentIds.length
          )
            throw validationFailed([{ field: 'items', key: 'cases.transfers.errors.unknownItem' }]);
          const transfer = await tx
            .insertInto('case_transfers')
            .values({
              case_id: caseId,
              from_org_id: row.org_id,
              to_org_id: receiver.id,
              kind: data.kind,
              items,
              message: data.message,
              payload: JSON.stringify(payload),
              requested_by: userIdOf(actor),
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          return {
            event: {
              kind: `transfer.requested.${data.kind}`,
              params: { service: receiver.name, reason: data.message },
              entity: { type: 'case_transfer', id: transfer.id },
            },
            result: transfer.id,
          };
        },
      );
    } catch (error) {
      await Promise.all(copies.map((key) => store.remove(key)));
      throw error;
    }
  };
