// The Documents tab, one document for the page asking whether to remove it, and a document's
// bytes for download. Each is read in the actor's transaction, so row-level security decides
// who may have it, and each is audited (a download as itself, with the file's hash).
import type { Tx } from '../../../db/actor-context.js';
import type { Actor } from '../../../domain/roles.js';
import type { CaseDeps } from '../kernel/index.js';
import { documentOf, documentsOf, mayRemove, removableDocument } from './records.js';
import type { DocumentStore } from './store.js';

export const viewDocuments =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string) =>
    kernel.readCase({ actor, caseId, part: 'documents' }, async (tx, row) => {
      const documents = await documentsOf(tx, caseId);
      const participants = await tx
        .selectFrom('case_participants')
        .select([
          'id',
          'display_name as name',
          'role',
          'unsafe_to_contact as unsafe',
          'address_postcode',
        ])
        .where('case_id', '=', caseId)
        .orderBy('created_at')
        .execute();
      return {
        case: row,
        documents: documents.map((d) => ({ ...d, mayRemove: mayRemove(actor, d.uploadedBy) })),
        participants: participants.map(({ address_postcode, ...p }) => ({
          ...p,
          hasAddress: address_postcode !== null,
        })),
      };
    });

export const viewDocument =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, documentId: string) =>
    kernel.readCase({ actor, caseId, part: 'documents' }, async (tx, row) => ({
      case: row,
      document: await removableDocument(tx, actor, caseId, documentId),
    }));

export const downloadDocument =
  ({ kernel }: CaseDeps, store: DocumentStore) =>
  (actor: Actor, caseId: string, documentId: string) =>
    kernel.readCase(
      {
        actor,
        caseId,
        part: 'documents',
        refusedAs: 'case.document_downloaded',
        audit: ({ id, sha256 }: { id: string; sha256: string }) => ({
          action: 'case.document_downloaded',
          entityType: 'case_document',
          entityId: id,
          details: { case: caseId, sha256 },
        }),
      },
      async (tx: Tx) => {
        const document = await documentOf(tx, caseId, documentId);
        const file = await store.open(document.storage_key);
        return {
          id: document.id,
          sha256: document.sha256,
          fileName: document.file_name,
          contentType: document.content_type,
          size: file.size,
          stream: file.stream,
        };
      },
    );
