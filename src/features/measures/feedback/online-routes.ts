// Answering online: whether someone agreed to be sent a link (and their email for it), and
// making a one-time link, shown once when handed over.
import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../../services.js';
import { presentForm } from '../../../platform/forms.js';
import { formRoute, type RenderForm } from '../../../platform/form-route.js';
import { caseHeader } from '../../cases/index.js';
import { formatDate } from '../../../platform/format.js';
import { LINK_DAYS } from './create-link.js';
import { feedbackPages, tabUrl, type Params } from './pages.js';
import { deliveryItems } from './presenter.js';

export async function feedbackOnlineRoutes(app: FastifyInstance, { services }: WithServices) {
  const { feedback, guard } = feedbackPages(services);

  // Whether someone agreed to answer online, and their email for it.
  const renderContact: RenderForm = async (request, reply, typed, status = 200) => {
    const { id, pid } = request.params as Params;
    const t = request.t;
    const view = await feedback.onlineContactForm(request.actor!, id, pid);
    const p = view.participant;
    const agreed = { agreed: p.online_contact_agreed ? 'yes' : 'no', email: p.contact_email ?? '' };
    return reply.code(status).view('measures/feedback/views/contact.njk', {
      header: caseHeader(view.case, 'feedback', t),
      participant: p,
      form: typed ?? presentForm(t, agreed),
    });
  };

  formRoute(app, guard, {
    path: '/cases/:id/feedback/people/:pid/online-contact',
    render: renderContact,
    redirectStatus: 303,
    async save(request) {
      const { id, pid } = request.params as Params;
      await feedback.setOnlineContact(request.actor!, id, pid, request.body);
      return tabUrl(id, 'contact');
    },
  });

  // Making a one-time link.
  const renderLink: RenderForm = async (request, reply, typed, status = 200) => {
    const { id, pid } = request.params as Params;
    const t = request.t;
    const view = await feedback.linkForm(request.actor!, id, pid);
    const form = typed ?? presentForm(t);
    const p = view.participant;
    return reply.code(status).view('measures/feedback/views/link.njk', {
      header: caseHeader(view.case, 'feedback', t),
      participant: p,
      refusal: view.refusals.handed_over ? t(view.refusals.handed_over) : undefined,
      days: LINK_DAYS,
      form,
      deliveryItems: deliveryItems({ refusals: view.refusals, participant: p, form, t }),
    });
  };

  formRoute(app, guard, {
    path: '/cases/:id/feedback/people/:pid/link',
    render: renderLink,
    refusalField: 'delivery',
    redirectStatus: 303,
    async save(request, reply) {
      const { id, pid } = request.params as Params;
      const created = await feedback.createLink(request.actor!, id, pid, request.body);
      if (!created.url) return tabUrl(id, 'emailed');
      // Shown once, in answer to the POST: the page is not kept (no-store) and cannot be fetched again.
      const view = await feedback.linkForm(request.actor!, id, pid);
      return reply.view('measures/feedback/views/link-created.njk', {
        header: caseHeader(view.case, 'feedback', request.t),
        url: created.url,
        expiresOn: formatDate(created.expiresAt),
      });
    },
  });
}
