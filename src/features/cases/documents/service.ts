// Documents attached to a case: uploaded files and letters made from templates. Each is read
// inside the acting person's transaction, so row-level security decides who may have it (other
// services' staff, and volunteers not allocated to the case, find nothing), and every download
// is audited. Files are kept by the store under random keys; the row says what they are.
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { withActor, type Tx } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import { isUuid } from '../../../domain/ids.js';
import type { Actor } from '../../../domain/roles.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import type { Clock } from '../../../platform/clock.js';
import { forbidden, notFound, validationFailed } from '../../../platform/errors.js';
import { formatDate } from '../../../platform/format.js';
import { toFieldErrors } from '../../../platform/forms.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { expectedVersion, loadCase, recordCaseEvent, touchCase } from '../access.js';
import { requireOpenCase } from '../service.js';
import { safeFileName } from './file-names.js';
import { LETTER_KINDS, letterTitle, renderLetter } from './letters.js';
import { documentStore, type DocumentStore } from './store.js';
import type { ReceivedDocument } from './upload.js';

export interface DocumentDependencies {
  db: Kysely<DB>;
  clock: Clock;
  /** WAYMARK_DOCUMENTS_DIR; tests leave it out and get a folder in the system's temporary one. */
  documentsDir?: string;
}

const temporaryStores = new WeakMap<object, DocumentStore>();

/**
 * The store for a set of service dependencies. Without a configured folder (tests), one new
 * temporary folder per set, shared by every service built from it.
 */
export function storeFor(deps: { documentsDir?: string }): DocumentStore {
  if (deps.documentsDir) return documentStore(deps.documentsDir);
  let store = temporaryStores.get(deps);
  if (!store) {
    // Created when the first file is kept, so services that never keep one leave nothing.
    store = documentStore(path.join(tmpdir(), `waymark-documents-${randomUUID()}`));
    temporaryStores.set(deps, store);
  }
  return store;
}

export const letterSchema = z.object({
  letter: z.enum(LETTER_KINDS, { error: 'cases.documents.errors.letter' }),
  participant: z
    .string({ error: 'cases.documents.errors.participant' })
    .refine(isUuid, { error: 'cases.documents.errors.participant' }),
});

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw validationFailed(toFieldErrors(result.error));
  return result.data;
}

/** Who may remove a document: whoever added it, or a service manager. */
function mayRemove(actor: Actor, uploadedBy: string | null): boolean {
  if (actor.kind !== 'user') return false;
  return actor.role === 'service_manager' || uploadedBy === actor.userId;
}

function documentsOf(tx: Tx, caseId: string) {
  return tx
    .selectFrom('case_documents')
    .leftJoin('users', 'users.id', 'case_documents.uploaded_by')
    .select([
      'case_documents.id',
      'case_documents.file_name as fileName',
      'case_documents.content_type as contentType',
      'case_documents.size_bytes as size',
      'case_documents.origin',
      'case_documents.uploaded_by as uploadedBy',
      'case_documents.created_at as createdAt',
      'users.name as uploaderName',
    ])
    .where('case_documents.case_id', '=', caseId)
    .orderBy('case_documents.created_at', 'desc')
    .orderBy('case_documents.id')
    .execute();
}

function documentRow(tx: Tx, caseId: string, documentId: string) {
  if (!isUuid(documentId)) throw notFound();
  return tx
    .selectFrom('case_documents')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('id', '=', documentId)
    .executeTakeFirst();
}

export function documentService(deps: DocumentDependencies) {
  const { db, clock } = deps;
  const store = storeFor(deps);

  return {
    /** The Documents tab: the case's documents and the people letters can be made for. */
    async tab(actor: Actor, caseId: string) {
      await authorize(db, actor, 'work_cases', 'case.viewed');
      return withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        const documents = await documentsOf(tx, caseId);
        const participants = await tx
          .selectFrom('case_participants')
          .select(['id', 'display_name as name', 'role', 'unsafe_to_contact as unsafe'])
          .where('case_id', '=', caseId)
          .orderBy('created_at')
          .execute();
        await recordAudit(tx, actor, {
          action: 'case.viewed',
          entityType: 'case',
          entityId: caseId,
          details: { part: 'documents' },
        });
        return {
          case: row,
          documents: documents.map((d) => ({ ...d, mayRemove: mayRemove(actor, d.uploadedBy) })),
          participants,
        };
      });
    },

    /** Refuses early (before a file is read) when the case cannot take a document. */
    async checkCanAttach(actor: Actor, caseId: string) {
      await authorize(db, actor, 'work_cases', 'case.document_uploaded');
      await withActor(db, actor, async (tx) => requireOpenCase(await loadCase(tx, actor, caseId)));
    },

    /** Where files are kept: uploads are received into it before they are attached. */
    store,

    /** Attaches a received (already checked) file to the case. */
    async attach(actor: Actor, caseId: string, received: ReceivedDocument) {
      await authorize(db, actor, 'work_cases', 'case.document_uploaded');
      const key = await store.keep(received.path);
      try {
        return await withActor(db, actor, async (tx) => {
          const row = await loadCase(tx, actor, caseId);
          requireOpenCase(row);
          const document = await tx
            .insertInto('case_documents')
            .values({
              org_id: row.org_id,
              case_id: caseId,
              file_name: received.fileName,
              content_type: received.contentType,
              size_bytes: received.size,
              storage_key: key,
              sha256: received.sha256,
              origin: 'upload',
              uploaded_by: actor.kind === 'user' ? actor.userId : null,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await touchCase(tx, actor, clock, caseId);
          await recordCaseEvent(
            tx,
            actor,
            caseId,
            row.org_id,
            'document.uploaded',
            { file: received.fileName },
            { type: 'case_document', id: document.id },
          );
          return document.id;
        });
      } catch (error) {
        await store.remove(key);
        throw error;
      }
    },

    /** A document's bytes for download, if the actor may see the case. Every download is audited. */
    async download(actor: Actor, caseId: string, documentId: string) {
      await authorize(db, actor, 'work_cases', 'case.document_downloaded');
      return withActor(db, actor, async (tx) => {
        await loadCase(tx, actor, caseId);
        const document = await documentRow(tx, caseId, documentId);
        if (!document) throw notFound();
        await recordAudit(tx, actor, {
          action: 'case.document_downloaded',
          entityType: 'case_document',
          entityId: document.id,
          details: { case: caseId, sha256: document.sha256 },
        });
        const file = await store.open(document.storage_key);
        return {
          fileName: document.file_name,
          contentType: document.content_type,
          size: file.size,
          stream: file.stream,
        };
      });
    },

    /** One document, for the page that asks whether to remove it. */
    async document(actor: Actor, caseId: string, documentId: string) {
      await authorize(db, actor, 'work_cases', 'case.viewed');
      return withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        const document = await documentRow(tx, caseId, documentId);
        if (!document) throw notFound();
        if (!mayRemove(actor, document.uploaded_by)) throw forbidden();
        await recordAudit(tx, actor, {
          action: 'case.viewed',
          entityType: 'case',
          entityId: caseId,
          details: { part: 'documents' },
        });
        return { case: row, document };
      });
    },

    /**
     * Removes a document for good (row and file): a wrongly attached file with someone's
     * personal data must be able to go. The timeline and audit trail keep that it was there.
     */
    async remove(actor: Actor, caseId: string, documentId: string, input: unknown) {
      await authorize(db, actor, 'work_cases', 'case.document_deleted');
      const key = await withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        requireOpenCase(row);
        const document = await documentRow(tx, caseId, documentId);
        if (!document) throw notFound();
        if (!mayRemove(actor, document.uploaded_by)) throw forbidden();
        await tx.deleteFrom('case_documents').where('id', '=', document.id).execute();
        await touchCase(tx, actor, clock, caseId, { expectedVersion: expectedVersion(input) });
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          'document.deleted',
          { file: document.file_name },
          { type: 'case_document', id: document.id },
        );
        return document.storage_key;
      });
      await store.remove(key);
    },

    /** Makes a letter for one of the case's people and keeps it as a case document. */
    async generateLetter(actor: Actor, caseId: string, input: unknown, t: Translate) {
      await authorize(db, actor, 'work_cases', 'case.document_generated');
      const data = parse(letterSchema, input);
      let kept: string | undefined;
      try {
        return await withActor(db, actor, async (tx) => {
          const row = await loadCase(tx, actor, caseId);
          requireOpenCase(row);
          const participant = await tx
            .selectFrom('case_participants')
            .select(['display_name', 'unsafe_to_contact'])
            .where('case_id', '=', caseId)
            .where('id', '=', data.participant)
            .executeTakeFirst();
          if (!participant) {
            throw validationFailed([
              { field: 'participant', key: 'cases.documents.errors.participant' },
            ]);
          }
          if (participant.unsafe_to_contact && data.letter === 'invitation') {
            throw validationFailed([
              {
                field: 'participant',
                key: 'cases.documents.errors.unsafe',
                params: { name: participant.display_name },
              },
            ]);
          }
          const service = await tx
            .selectFrom('organisations')
            .leftJoin('service_settings', 'service_settings.org_id', 'organisations.id')
            .select([
              'organisations.name',
              'service_settings.contact_name as contactName',
              'service_settings.contact_phone as contactPhone',
              'service_settings.contact_email as contactEmail',
            ])
            .where('organisations.id', '=', row.org_id)
            .executeTakeFirstOrThrow();
          const pdf = await renderLetter(
            {
              kind: data.letter,
              caseReference: row.reference,
              participantName: participant.display_name,
              serviceName: service.name,
              contactName: service.contactName,
              contactPhone: service.contactPhone,
              contactEmail: service.contactEmail,
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
              uploaded_by: actor.kind === 'user' ? actor.userId : null,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await touchCase(tx, actor, clock, caseId);
          await recordCaseEvent(
            tx,
            actor,
            caseId,
            row.org_id,
            `document.generated.${data.letter}`,
            { name: participant.display_name },
            { type: 'case_document', id: document.id },
          );
          return document.id;
        });
      } catch (error) {
        if (kept) await store.remove(kept);
        throw error;
      }
    },
  };
}

export type DocumentService = ReturnType<typeof documentService>;
