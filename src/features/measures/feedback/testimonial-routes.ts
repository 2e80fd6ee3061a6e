// Testimonials: recording one with its consent, checking and approving its anonymised text,
// removing it.
import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../../services.js';
import { presentForm } from '../../../platform/forms.js';
import { formPost, formRoute, type RenderForm } from '../../../platform/form-route.js';
import { caseHeader } from '../../cases/index.js';
import { withDates } from '../../../platform/date-input.js';
import { feedbackPages, tabUrl, type Params } from './pages.js';
import { CONSENT_SCOPES } from './schemas.js';

export async function testimonialRoutes(app: FastifyInstance, { services }: WithServices) {
  const { feedback, guard, today } = feedbackPages(services);

  const renderNewTestimonial: RenderForm = async (request, reply, typed, status = 200) => {
    const { id } = request.params as Params;
    const t = request.t;
    const view = await feedback.testimonialForm(request.actor!, id);
    const form = typed ?? presentForm(t, { consent_on: today() }, [], ['consent_on']);
    return reply.code(status).view('measures/feedback/views/testimonial-new.njk', {
      header: caseHeader(view.case, 'feedback', t),
      form,
      personItems: [
        { value: '', text: t('common.choose') },
        ...view.people.map((p) => ({
          value: p.id,
          text: `${p.display_name} (${t(`cases.roles.${p.role}`)})`,
          selected: form.values.participant_id === p.id,
        })),
      ],
      scopeItems: CONSENT_SCOPES.map((s) => ({
        value: s,
        text: t(`feedback.testimonials.scopes.${s}`),
        checked: form.values.consent_scope === s,
      })),
    });
  };

  app.get('/cases/:id/feedback/testimonials/new', { preHandler: guard }, async (request, reply) =>
    renderNewTestimonial(request, reply),
  );

  formPost(app, guard, {
    path: '/cases/:id/feedback/testimonials',
    render: renderNewTestimonial,
    dateFields: ['consent_on'],
    redirectStatus: 303,
    async save(request) {
      const { id } = request.params as Params;
      await feedback.recordTestimonial(request.actor!, id, withDates(request.body, ['consent_on']));
      return tabUrl(id, 'testimonial-recorded');
    },
  });

  const renderTestimonial: RenderForm = async (request, reply, typed, status = 200) => {
    const { id, tid } = request.params as Params;
    const t = request.t;
    const view = await feedback.testimonial(request.actor!, id, tid);
    const tm = view.testimonial;
    const reviewed = {
      anonymised: tm.anonymised ?? tm.quote,
      approve: tm.approved_at ? 'yes' : '',
    };
    const form = typed ?? presentForm(t, reviewed);
    return reply.code(status).view('measures/feedback/views/testimonial.njk', {
      header: caseHeader(view.case, 'feedback', t),
      testimonial: tm,
      scopeText: t(`feedback.testimonials.scopes.${tm.consent_scope}`),
      mayApprove: view.mayApprove,
      form,
    });
  };

  formRoute(app, guard, {
    path: '/cases/:id/feedback/testimonials/:tid',
    render: renderTestimonial,
    redirectStatus: 303,
    async save(request) {
      const { id, tid } = request.params as Params;
      const { approved } = await feedback.reviewTestimonial(request.actor!, id, tid, request.body);
      return tabUrl(id, approved ? 'testimonial-approved' : 'testimonial-anonymised');
    },
  });

  app.post(
    '/cases/:id/feedback/testimonials/:tid/remove',
    { preHandler: guard },
    async (request, reply) => {
      const { id, tid } = request.params as Params;
      await feedback.removeTestimonial(request.actor!, id, tid);
      return reply.redirect(tabUrl(id, 'testimonial-removed'), 303);
    },
  );
}
