// The Feedback tab of a case (questionnaire responses, answering online, testimonials), the
// pages behind it, and the service manager's questionnaire editor.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.js';
import { withDates } from '../../../platform/date-input.js';
import { isAppError, type FieldError } from '../../../platform/errors.js';
import { formatDate, londonDate } from '../../../platform/format.js';
import { presentForm } from '../../../platform/forms.js';
import { requireCapability } from '../../../platform/guards.js';
import { caseHeader } from '../../cases/presenters.js';
import { LINK_DAYS } from './create-link.js';
import { answeredQuestions, questionFields } from './presenter.js';
import { ITEM_TYPES, itemText, STAFF_CHANNELS, type Answers } from './questionnaire.js';
import { CONSENT_SCOPES } from './schemas.js';

type Params = { id: string; pid: string; rid: string; tid: string; audience: string };

/** A refused change as field errors for the page, or the error itself when it is not the user's to fix. */
function problemsOf(error: unknown, field = 'form'): { errors: FieldError[]; status: number } {
  if (!isAppError(error) || (error.kind !== 'conflict' && error.kind !== 'validation')) throw error;
  return {
    errors: error.fieldErrors.length
      ? error.fieldErrors
      : [{ field, key: error.messageKey, params: error.params }],
    status: error.kind === 'conflict' ? 409 : 400,
  };
}

const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
const doneOf = (request: FastifyRequest) => {
  const done = (request.query as { done?: unknown } | undefined)?.done;
  return typeof done === 'string' ? done : undefined;
};

export async function feedbackRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const feedback = services.feedback;
  const guard = requireCapability(services.access.authorize, 'work_cases', 'case.feedback_page');
  const manager = requireCapability(
    services.access.authorize,
    'manage_service',
    'questionnaire.page',
  );
  const tabUrl = (id: string, done?: string) =>
    `/cases/${id}/feedback${done ? `?done=${done}` : ''}`;
  const today = () => londonDate(services.clock.now());

  app.get('/cases/:id/feedback', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as Params;
    const t = request.t;
    const view = await feedback.tab(request.actor!, id);
    const done = doneOf(request);
    const flashes: Record<string, string> = {
      recorded: t('feedback.flash.recorded'),
      contact: t('feedback.flash.contact'),
      emailed: t('feedback.flash.emailed'),
      ...Object.fromEntries(
        ['recorded', 'approved', 'anonymised', 'removed'].map((k) => [
          `testimonial-${k}`,
          t(`feedback.testimonials.flash.${k}`),
        ]),
      ),
    };
    return reply.view('measures/feedback/views/tab.njk', {
      header: caseHeader(view.case, 'feedback', t),
      people: view.people
        .filter((p) => p.audience)
        .map((p) => ({
          ...p,
          roleText: t(`cases.roles.${p.role}`),
          responses: p.responses.map((r) => ({
            ...r,
            channelText: t(`feedback.channels.${r.channel}`),
          })),
          links: p.links.slice(0, 3).map((l) => ({
            text: t('feedback.person.linkLine', {
              delivery: t(`feedback.deliveries.${l.delivery}`),
              date: formatDate(l.created_at),
              status: t(`feedback.linkStatuses.${l.status}`),
            }),
          })),
        })),
      testimonials: view.testimonials.map((tm) => ({
        ...tm,
        scopeText: t(`feedback.testimonials.scopeShort.${tm.consent_scope}`),
      })),
      mayCreateLinks: view.mayCreateLinks,
      mayEditQuestionnaires: view.mayEditQuestionnaires,
      flash: done ? flashes[done] : undefined,
    });
  });

  // Staff entry of a paper form or a call.
  async function renderEntry(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors: FieldError[] = [],
    status = 200,
  ) {
    const { id, pid } = request.params as Params;
    const t = request.t;
    const view = await feedback.entryForm(request.actor!, id, pid);
    const form = presentForm(t, values, errors, ['responded_on']);
    return reply.code(status).view('measures/feedback/views/entry.njk', {
      header: caseHeader(view.case, 'feedback', t),
      participant: view.participant,
      version: view.questionnaire.version,
      form,
      channelItems: STAFF_CHANNELS.map((c) => ({
        value: c,
        text: t(`feedback.channels.${c}`),
        checked: form.values.channel === c,
      })),
      questions: questionFields(view.questionnaire.items, t, form),
    });
  }

  app.get(
    '/cases/:id/feedback/people/:pid/responses/new',
    { preHandler: guard },
    async (request, reply) => renderEntry(request, reply, { responded_on: today() }),
  );

  app.post(
    '/cases/:id/feedback/people/:pid/responses',
    { preHandler: guard },
    async (request, reply) => {
      const { id, pid } = request.params as Params;
      const input = withDates(request.body, ['responded_on']);
      try {
        await feedback.recordFromForm(request.actor!, id, pid, input);
        return reply.redirect(tabUrl(id, 'recorded'), 303);
      } catch (error) {
        const { errors, status } = problemsOf(error);
        return renderEntry(request, reply, body(request), errors, status);
      }
    },
  );

  app.get('/cases/:id/feedback/responses/:rid', { preHandler: guard }, async (request, reply) => {
    const { id, rid } = request.params as Params;
    const t = request.t;
    const view = await feedback.response(request.actor!, id, rid);
    return reply.view('measures/feedback/views/response.njk', {
      header: caseHeader(view.case, 'feedback', t),
      response: view.response,
      channelText: t(`feedback.channels.${view.response.channel}`),
      version: view.questionnaire.version,
      answers: answeredQuestions(view.questionnaire.items, view.response.answers as Answers, t),
    });
  });

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
    const deliveryItems = [
      ...(view.refusals.email
        ? []
        : [
            {
              value: 'email',
              text: t('feedback.links.byEmail', { email: p.contact_email ?? '' }),
              checked: form.values.delivery === 'email',
            },
          ]),
      {
        value: 'handed_over',
        text: t('feedback.links.byHand'),
        hint: { text: t('feedback.links.byHandHint') },
        checked: form.values.delivery === 'handed_over',
      },
    ];
    return reply.code(status).view('measures/feedback/views/link.njk', {
      header: caseHeader(view.case, 'feedback', t),
      participant: p,
      refusal: view.refusals.handed_over ? t(view.refusals.handed_over) : undefined,
      days: LINK_DAYS,
      form,
      deliveryItems,
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

  // Testimonials.
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

  // The questionnaire editor (service managers).
  app.get('/feedback/questionnaires', { preHandler: manager }, async (request, reply) => {
    const t = request.t;
    const audiences = await feedback.questionnaires(request.actor!);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const saved = typeof query.saved === 'string' ? query.saved : undefined;
    return reply.view('measures/feedback/views/questionnaires.njk', {
      audiences: audiences.map((a) => ({ ...a, title: t(`feedback.audiences.${a.audience}`) })),
      flash:
        saved === 'unchanged'
          ? t('feedback.editor.flash.unchanged')
          : saved
            ? t('feedback.editor.flash.saved', { version: saved })
            : undefined,
    });
  });

  async function renderEditor(
    request: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, unknown>,
    errors: FieldError[] = [],
    status = 200,
  ) {
    const { audience } = request.params as Params;
    const t = request.t;
    const questionnaire = await feedback.questionnaireForEdit(request.actor!, audience);
    const texts = values ? ([] as unknown[]).concat(values.item_text ?? []).map(String) : undefined;
    const asked = values
      ? new Set(([] as unknown[]).concat(values.asked ?? []).map(String))
      : undefined;
    const form = presentForm(t, values ?? {}, errors);
    return reply.code(status).view('measures/feedback/views/questionnaire-edit.njk', {
      audience,
      title: t('feedback.editor.editTitle', {
        audience: t(`feedback.audiences.${audience}`).toLowerCase(),
      }),
      version: questionnaire.version,
      form,
      questions: questionnaire.items.map((item, i) => ({
        index: i,
        id: item.id,
        text: texts?.[i] ?? itemText(item, t),
        typeText: t(`feedback.editor.types.${item.type}`),
        asked: asked ? asked.has(item.id) : !item.retired,
        error: form.errors[`item_text.${i}`],
      })),
      typeItems: ITEM_TYPES.map((type) => ({
        value: type,
        text: t(`feedback.editor.types.${type}`),
        checked: form.values.new_type === type,
      })),
    });
  }

  app.get('/feedback/questionnaires/:audience', { preHandler: manager }, async (request, reply) =>
    renderEditor(request, reply),
  );

  app.post(
    '/feedback/questionnaires/:audience',
    { preHandler: manager },
    async (request, reply) => {
      const { audience } = request.params as Params;
      try {
        const saved = await feedback.saveQuestionnaire(request.actor!, audience, request.body);
        return reply.redirect(
          `/feedback/questionnaires?saved=${saved.changed ? saved.version : 'unchanged'}`,
          303,
        );
      } catch (error) {
        const { errors, status } = problemsOf(error);
        return renderEditor(request, reply, body(request), errors, status);
      }
    },
  );
}
