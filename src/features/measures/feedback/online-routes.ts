// Answering online: whether someone agreed to be sent a link (and their email for it), and
// making a one-time link, shown once when handed over.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import type { FieldError } from '../../../platform/errors.js';
import { presentForm, problemsOf } from '../../../platform/forms.js';
import { caseHeader } from '../../cases/index.js';
import { formatDate } from '../../../platform/format.js';
import { LINK_DAYS } from './create-link.js';
import { body, feedbackPages, tabUrl, type Params } from './pages.js';
import { deliveryItems } from './presenter.js';

export async function feedbackOnlineRoutes(app: FastifyInstance, { services }: WithServices) {
  const { feedback, guard } = feedbackPages(services);

  // Whether someone agreed to answer online, and their email for it.
  async function renderContact(
    request: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, unknown>,
    errors: FieldError[] = [],
    status = 200,
  ) {
    const { id, pid } = request.params as Params;
    const t = request.t;
    const view = await feedback.onlineContactForm(request.actor!, id, pid);
    const p = view.participant;
    const form = presentForm(
      t,
      values ?? { agreed: p.online_contact_agreed ? 'yes' : 'no', email: p.contact_email ?? '' },
      errors,
    );
    return reply.code(status).view('measures/feedback/views/contact.njk', {
      header: caseHeader(view.case, 'feedback', t),
      participant: p,
      form,
    });
  }

  app.get(
    '/cases/:id/feedback/people/:pid/online-contact',
    { preHandler: guard },
    async (request, reply) => renderContact(request, reply),
  );

  app.post(
    '/cases/:id/feedback/people/:pid/online-contact',
    { preHandler: guard },
    async (request, reply) => {
      const { id, pid } = request.params as Params;
      try {
        await feedback.setOnlineContact(request.actor!, id, pid, request.body);
        return reply.redirect(tabUrl(id, 'contact'), 303);
      } catch (error) {
        const { errors, status } = problemsOf(error);
        return renderContact(request, reply, body(request), errors, status);
      }
    },
  );

  // Making a one-time link.
  async function renderLink(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown> = {},
    errors: FieldError[] = [],
    status = 200,
  ) {
    const { id, pid } = request.params as Params;
    const t = request.t;
    const view = await feedback.linkForm(request.actor!, id, pid);
    const form = presentForm(t, values, errors);
    const p = view.participant;
    return reply.code(status).view('measures/feedback/views/link.njk', {
      header: caseHeader(view.case, 'feedback', t),
      participant: p,
      refusal: view.refusals.handed_over ? t(view.refusals.handed_over) : undefined,
      days: LINK_DAYS,
      form,
      deliveryItems: deliveryItems({ refusals: view.refusals, participant: p, form, t }),
    });
  }

  app.get('/cases/:id/feedback/people/:pid/link', { preHandler: guard }, async (request, reply) =>
    renderLink(request, reply),
  );

  app.post(
    '/cases/:id/feedback/people/:pid/link',
    { preHandler: guard },
    async (request, reply) => {
      const { id, pid } = request.params as Params;
      const t = request.t;
      try {
        const created = await feedback.createLink(request.actor!, id, pid, request.body);
        if (!created.url) return reply.redirect(tabUrl(id, 'emailed'), 303);
        // Shown once, in answer to the POST: the page is not kept (no-store) and cannot be fetched again.
        const view = await feedback.linkForm(request.actor!, id, pid);
        return reply.view('measures/feedback/views/link-created.njk', {
          header: caseHeader(view.case, 'feedback', t),
          url: created.url,
          expiresOn: formatDate(created.expiresAt),
        });
      } catch (error) {
        const { errors, status } = problemsOf(error, 'delivery');
        return renderLink(request, reply, body(request), errors, status);
      }
    },
  );
}
