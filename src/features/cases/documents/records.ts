// What the document use cases share: who may remove a document, the case's documents, and one.
import type { Tx } from '../../../db/actor-context.js';
import { can, type Actor } from '../../../domain/roles.js';
import { forbidden } from '../../../platform/errors.js';
import { caseList, recordOfCase } from '../kernel/index.js';

/** Who may remove a document: whoever added it, or a service manager. */
export function mayRemove(actor: Actor, uploadedBy: string | null): boolean {
  if (actor.kind !== 'user') return false;
  return can(actor, 'manage_service') || uploadedBy === actor.userId;
}

export function documentsOf(tx: Tx, caseId: string) {
  return caseList(tx, 'case_documents', caseId, 'uploaderName')
    .select([
      'case_documents.id',
      'case_documents.file_name as fileName',
      'case_documents.content_type as contentType',
      'case_documents.size_bytes as size',
      'case_documents.origin',
      'case_documents.uploaded_by as uploadedBy',
      'case_documents.created_at as createdAt',
    ])
    .orderBy('case_documents.created_at', 'desc')
    .orderBy('case_documents.id')
    .execute();
}

/** One document of the case, or "not found". */
export const documentOf = (tx: Tx, caseId: string, documentId: string) =>
  recordOfCase(tx, 'case_documents', { caseId, id: documentId });

/** One document of the case the actor may remove. */
export async function removableDocument(tx: Tx, actor: Actor, caseId: string, documentId: string) {
  const document = await documentOf(tx, caseId, documentId);
  if (!mayRemove(actor, document.uploaded_by)) throw forbidden();
  return document;
}

/** The event of a change to a document, audited against it. */
export const documentEvent = (kind: string, id: string, params: Record<string, string>) => ({
  kind,
  params,
  entity: { type: 'case_document', id },
});
