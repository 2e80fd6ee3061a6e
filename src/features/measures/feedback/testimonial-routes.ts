// Testimonials: recording one with its consent, checking and approving its anonymised text,
// removing it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import type { FieldError } from '../../../platform/errors.js';
import { presentForm, problemsOf } from '../../../platform/forms.js';
import { caseHeader } from '../../cases/index.js';
import { withDates } from '../../../platform/date-input.js';
import { body, feedbackPages, tabUrl, type Params } from './pages.js';
import { CONSENT_SCOPES } from './schemas.js';

export async function testimonialRoutes(app: FastifyInstance, { services }: WithServices) {
  const { feedback, guard, today } = feedbackPages(services);

  async function renderNewTestimonial(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors: FieldError[] = [],
    status = 200,
  ) {
    const { id } = request.params as Params;
    const t = request.t;
    const view = await feedback.testimonialForm(request.actor!, id);
    const form = presentForm(t, values, errors, ['consent_on']);
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
  }

  app.get('/cases/:id/feedback/testimonials/new', { preHandler: guard }, async (request, reply) =>
    renderNewTestimonial(request, reply, { consent_on: today() }),
  );

  app.post('/cases/:id/feedback/testimonials', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as Params;
    try {
      await feedback.recordTestimonial(request.actor!, id, withDates(request.body, ['consent_on']));
      return reply.redirect(tabUrl(id, 'testimonial-recorded'), 303);
    } catch (error) {
      const { errors, status } = problemsOf(error);
      return renderNewTestimonial(request, reply, body(request), errors, status);
    }
  });

  async function renderTestimonial(
    request: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, unknown>,
    errors: FieldError[] = [],
    status = 200,
  ) {
    const { id, tid } = request.params as Params;
    const t = request.t;
    const view = await feedback.testimonial(request.actor!, id, tid);
    const tm = view.testimonial;
    const form = presentForm(
      t,
      values ?? { anonymised: tm.anonymised ?? tm.quote, approve: tm.approved_at ? 'yes' : '' },
      errors,
    );
    return reply.code(status).view('measures/feedback/views/testimonial.njk', {
      header: caseHeader(view.case, 'feedback', t),
      testimonial: tm,
      scopeText: t(`feedback.testimonials.scopes.${tm.consent_scope}`),
      mayApprove: view.mayApprove,
      form,
    });
  }

  app.get('/cases/:id/feedback/testimonials/:tid', { preHandler: guard }, async (request, reply) =>
    renderTestimonial(request, reply),
  );

  app.post(
    '/cases/:id/feedback/testimonials/:tid',
    { preHandler: guard },
    async (request, reply) => {
      const { id, tid } = request.params as Params;
      try {
        const { approved } = await feedback.reviewTestimonial(
          request.actor!,
          id,
          tid,
          request.body,
        );
        return reply.redirect(
          tabUrl(id, approved ? 'testimonial-approved' : 'testimonial-anonymised'),
          303,
        );
      } catch (error) {
        const { errors, status } = problemsOf(error);
        return renderTestimonial(request, reply, body(request), errors, status);
      }
    },
  );

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
