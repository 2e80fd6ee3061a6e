// Documents attached to a case: uploaded files and letters made from templates. Files are kept
// by the store under random keys (outside the database); the row says what they are.
import type { CaseDeps } from '../kernel/index.js';
import { attachDocument, checkCanAttach } from './attach-document.js';
import { generateLetter } from './generate-letter.js';
import { removeDocument } from './remove-document.js';
import { storeFor } from './store.js';
import { downloadDocument, viewDocument, viewDocuments } from './view-documents.js';

export interface DocumentDependencies extends CaseDeps {
  /** WAYMARK_DOCUMENTS_DIR; tests leave it out and get a folder in the system's temporary one. */
  documentsDir?: string;
}

export function documentService(deps: DocumentDependencies) {
  const store = storeFor(deps);
  return {
    tab: viewDocuments(deps),
    checkCanAttach: checkCanAttach(deps),
    /** Where files are kept: uploads are received into it before they are attached. */
    store,
    attach: attachDocument(deps, store),
    download: downloadDocument(deps, store),
    document: viewDocument(deps),
    remove: removeDocument(deps, store),
    generateLetter: generateLetter(deps, store),
  };
}

export type DocumentService = ReturnType<typeof documentService>;
export { documentStore, storeFor, type DocumentStore } from './store.js';
