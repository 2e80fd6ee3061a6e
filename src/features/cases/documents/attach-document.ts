// Attaches a received (already checked) file to the case, and refuses early, before a file is
// read, when the case cannot take one. A file kept for a change that fails is removed again.
import { userIdOf, type Actor } from '../../../domain/roles.js';
import type { CaseDeps } from '../kernel/index.js';
import { documentEvent } from './records.js';
import type { DocumentStore } from './store.js';
import type { ReceivedDocument } from './upload.js';

const ACTION = 'case.document_uploaded';

export const checkCanAttach =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string) =>
    kernel.checkChange({ actor, caseId, action: ACTION });

export const attachDocument =
  ({ kernel }: CaseDeps, store: DocumentStore) =>
  async (actor: Actor, caseId: string, received: ReceivedDocument) => {
    const key = await store.keep(received.path);
    try {
      return await kernel.changeCase({ actor, caseId, action: ACTION }, async (tx, row) => {
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
            uploaded_by: userIdOf(actor),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return {
          event: documentEvent('document.uploaded', document.id, { file: received.fileName }),
          result: document.id,
        };
      });
    } catch (error) {
      await store.remove(key);
      throw error;
    }
  };
