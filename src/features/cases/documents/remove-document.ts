// Removes a document for good (row and file): a wrongly attached file with someone's personal
// data must be able to go. The timeline and audit trail keep that it was there.
import type { Actor } from '../../../domain/roles.js';
import { expectedVersion, type CaseDeps } from '../kernel/index.js';
import { documentEvent, removableDocument } from './records.js';
import type { DocumentStore } from './store.js';

export const removeDocument =
  ({ kernel }: CaseDeps, store: DocumentStore) =>
  async (actor: Actor, caseId: string, documentId: string, input: unknown) => {
    const key = await kernel.changeCase(
      { actor, caseId, action: 'case.document_deleted', expectedVersion: expectedVersion(input) },
      async (tx) => {
        const document = await removableDocument(tx, actor, caseId, documentId);
        await tx.deleteFrom('case_documents').where('id', '=', document.id).execute();
        return {
          event: documentEvent('document.deleted', document.id, { file: document.file_name }),
          result: document.storage_key,
        };
      },
    );
    await store.remove(key);
  };
