// The Documents tab of a case: upload a file, make a letter, download (always as an
// attachment), and remove a document after confirming.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { WithServices } from '../../../services.js';
import type { FieldError } from '../../../platform/errors.js';
import { formatNumber } from '../../../platform/format.js';
import { presentForm, problemsOf } from '../../../platform/forms.js';
import { requireCapability } from '../../../platform/guards.js';
import { html, link } from '../../../platform/markup.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { addressPath } from '../people/index.js';
import { caseHeader } from '../presenters.js';
import { attachmentHeader } from './file-names.js';
import { DOCUMENT_KINDS, type DocumentKind } from './file-types.js';
import { LETTER_KINDS } from './letters.js';
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_TEXT, receiveDocument } from './upload.js';

const KIND_OF_TYPE = new Map<string, DocumentKind>(
  Object.entries(DOCUMENT_KINDS).map(([kind, { contentType }]) => [
    contentType,
    kind as DocumentKind,
  ]),
);

export function sizeText(bytes: number, t: Translate): string {
  if (bytes < 1024 * 1024)
    return t('cases.documents.size.kb', {
      size: formatNumber(Math.max(1, Math.round(bytes / 1024))),
    });
  return t('cases.documents.size.mb', { size: formatNumber(bytes / (1024 * 1024), 1) });
}

/** Said under a person's name on the letter form: unsafe to contact, or no address to send to. */
function participantHint(
  p: { id: string; name: string; unsafe: boolean; hasAddress: boolean },
  caseId: string,
  t: Translate,
) {
  const unsafe = p.unsafe ? t('cases.documents.letters.unsafe') : undefined;
  if (p.hasAddress) return unsafe ? { text: unsafe } : undefined;
  const add = link({
    href: addressPath(caseId, p.id),
    text: t('cases.documents.letters.addAddress'),
    hidden: t('cases.documents.letters.addAddressFor', { name: p.name }),
    attributes: { 'data-qa': `add-address-${p.id}` },
  });
  const noAddress = t('cases.documents.letters.noAddress');
  return { html: html`${unsafe ? `${unsafe}. ` : ''}${noAddress} ${add}` };
}

export async function caseDocumentRoutes(app: FastifyInstance, { services }: WithServices) {
  // Only these routes (and the imports') read multipart bodies; the plugin stays inside.
  await app.register(multipart, { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1 } });
  const guard = requireCapability(services.access, 'work_cases', 'case.documents_page');

  async function renderTab(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    options: { errors?: FieldError[]; status?: number; values?: Record<string, unknown> } = {},
  ) {
    const t = request.t;
    const view = await services.documents.tab(request.actor!, id);
    const form = presentForm(t, options.values ?? {}, options.errors ?? []);
    const done = (request.query as { done?: unknown } | undefined)?.done;
    const rows = view.documents.map((d) => {
      const kind = KIND_OF_TYPE.get(d.contentType);
      return {
        id: d.id,
        fileName: d.fileName,
        href: `/cases/${id}/documents/${d.id}`,
        type: kind ? t(`cases.documents.types.${kind}`) : d.contentType,
        size: sizeText(d.size, t),
        origin: t(`cases.documents.origins.${d.origin}`),
        createdAt: d.createdAt,
        by: d.uploaderName,
        removeHref: d.mayRemove ? `/cases/${id}/documents/${d.id}/delete` : undefined,
      };
    });
    return reply.code(options.status ?? 200).view('cases/documents/views/documents.njk', {
      header: caseHeader(view.case, 'documents', t),
      closed: view.case.stage === 'closed',
      rows,
      form,
      maxSize: MAX_DOCUMENT_TEXT,
      letterItems: LETTER_KINDS.map((kind) => ({
        value: kind,
        text: t(`cases.letters.${kind}.title`),
        hint: { text: t(`cases.letters.${kind}.hint`) },
        checked: form.values.letter === kind,
      })),
      participantItems: view.participants.map((p) => ({
        value: p.id,
        text: `${p.name} (${t(`cases.roles.${p.role}`)})`,
        hint: participantHint(p, id, t),
        checked: form.values.participant === p.id,
      })),
      flash:
        typeof done === 'string' && ['uploaded', 'generated', 'deleted'].includes(done)
          ? t(`cases.documents.flash.${done}`)
          : undefined,
    });
  }

  app.get('/cases/:id/documents', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderTab(request, reply, id);
  });

  // The CSRF token comes in the form's action (its query string), so it is checked before the
  // file is read (see platform/csrf.ts).
  app.post('/cases/:id/documents', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const refuse = (errors: FieldError[]) =>
      renderTab(request, reply, id, {
        status: errors.some((e) => e.key === 'cases.errors.changedSince') ? 409 : 400,
        errors: errors.map((e) => ({ ...e, params: { size: MAX_DOCUMENT_TEXT, ...e.params } })),
      });
    if (!request.isMultipart())
      return refuse([{ field: 'file', key: 'cases.documents.errors.fileRequired' }]);
    try {
      await services.documents.checkCanAttach(request.actor!, id);
    } catch (error) {
      return refuse(problemsOf(error, 'file').errors);
    }
    const received = await receiveDocument(request, services.documents.store);
    if (!received.ok) return refuse([{ field: 'file', key: received.key }]);
    try {
      await services.documents.attach(request.actor!, id, received.document);
    } catch (error) {
      return refuse(problemsOf(error, 'file').errors);
    }
    return reply.redirect(`/cases/${id}/documents?done=uploaded`, 303);
  });

  app.post('/cases/:id/documents/letters', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    try {
      await services.documents.generateLetter(request.actor!, id, request.body, request.t);
      return reply.redirect(`/cases/${id}/documents?done=generated`, 303);
    } catch (error) {
      return renderTab(request, reply, id, {
        status: 400,
        errors: problemsOf(error, 'letter').errors,
        values: (request.body ?? {}) as Record<string, unknown>,
      });
    }
  });

  app.get('/cases/:id/documents/:documentId', { preHandler: guard }, async (request, reply) => {
    const { id, documentId } = request.params as { id: string; documentId: string };
    const file = await services.documents.download(request.actor!, id, documentId);
    return reply
      .header('content-type', file.contentType)
      .header('content-length', file.size)
      .header('content-disposition', attachmentHeader(file.fileName))
      .header('x-content-type-options', 'nosniff')
      .send(file.stream);
  });

  async function renderRemove(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    documentId: string,
    errors: FieldError[] = [],
  ) {
    const view = await services.documents.document(request.actor!, id, documentId);
    return reply.code(errors.length ? 409 : 200).view('cases/documents/views/remove.njk', {
      header: caseHeader(view.case, 'documents', request.t),
      document: view.document,
      form: presentForm(request.t, {}, errors),
    });
  }

  app.get(
    '/cases/:id/documents/:documentId/delete',
    { preHandler: guard },
    async (request, reply) => {
      const { id, documentId } = request.params as { id: string; documentId: string };
      return renderRemove(request, reply, id, documentId);
    },
  );

  app.post(
    '/cases/:id/documents/:documentId/delete',
    { preHandler: guard },
    async (request, reply) => {
      const { id, documentId } = request.params as { id: string; documentId: string };
      try {
        await services.documents.remove(request.actor!, id, documentId, request.body);
        return reply.redirect(`/cases/${id}/documents?done=deleted`, 303);
      } catch (error) {
        return renderRemove(request, reply, id, documentId, problemsOf(error, 'confirm').errors);
      }
    },
  );
}
