// Pages for a service's staff (the referral queue and triage) and for referrers (what happened
// to the referrals they sent).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { WithServices } from '../../services.js';
import { can } from '../../domain/roles.js';
import { DECLINE_REASONS, REFERRAL_STATUSES } from '../../domain/referrals.js';
import { formPost, formRoute, idOf, type RenderForm } from '../../platform/form-route.js';
import { numberField, presentForm, type PresentedForm } from '../../platform/forms.js';
import { londonDate } from '../../platform/format.js';
import { requireCapability } from '../../platform/guards.js';
import { awarenessChoices, referralFlash } from './presenter.js';

const queueFilter = z.object({
  status: z.enum(REFERRAL_STATUSES).optional().catch(undefined),
  search: z.string().trim().max(60).optional().catch(undefined),
  page: numberField(z.number().int().min(1).max(10_000)).catch(1),
});

export async function referralRoutes(app: FastifyInstance, { services }: WithServices) {
  const staff = requireCapability(services.access, 'triage_referrals', 'referral.page');
  const referrer = requireCapability(services.access, 'refer', 'referral.page');

  app.get('/referrals', { preHandler: staff }, async (request, reply) => {
    const filter = queueFilter.parse(request.query ?? {});
    const queue = await services.referrals.queue(request.actor!, {
      ...filter,
      status: filter.status ?? 'received',
    });
    const pageLink = (page: number) =>
      `/referrals?${new URLSearchParams({ status: filter.status ?? 'received', ...(filter.search ? { search: filter.search } : {}), page: String(page) })}`;
    return reply.view('referrals/views/queue.njk', {
      queue,
      filter: { ...filter, status: filter.status ?? 'received' },
      statuses: REFERRAL_STATUSES,
      canImport: can(request.actor!, 'manage_service'),
      previousPage: filter.page > 1 ? pageLink(filter.page - 1) : undefined,
      nextPage: queue.hasNextPage ? pageLink(filter.page + 1) : undefined,
    });
  });

  async function renderReferral(
    request: FastifyRequest,
    reply: FastifyReply,
    form?: PresentedForm,
    status = 200,
  ) {
    const id = idOf(request);
    const detail = await services.referrals.get(request.actor!, id);
    const sessions = await services.awareness.sessionsBefore(
      request.actor!,
      detail.referral.received_on,
    );
    return reply.code(status).view('referrals/views/referral.njk', {
      ...detail,
      today: londonDate(services.clock.now()),
      recordClockAction: `/referrals/${id}/clock`,
      flash: referralFlash((request.query ?? {}) as Record<string, unknown>, request.t),
      awarenessOptions: awarenessChoices(sessions, request.t),
      form,
    });
  }

  app.get('/referrals/:id', { preHandler: staff }, (request, reply) =>
    renderReferral(request, reply),
  );

  // A decision that cannot be made shows the referral page again, saying why.
  const decision = { refusalField: 'decision', render: renderReferral } as const;

  formPost(app, staff, {
    ...decision,
    path: '/referrals/:id/accept',
    async save(request) {
      const id = idOf(request);
      const { caseId } = await services.triage.accept(request.actor!, id, request.body);
      return `/referrals/${id}?accepted&case=${caseId}`;
    },
  });

  formPost(app, staff, {
    ...decision,
    path: '/referrals/:id/clock',
    async save(request) {
      await services.triage.recordClockDate(request.actor!, idOf(request), request.body);
      return `/referrals/${idOf(request)}?recorded`;
    },
  });

  // Declining and asking for information have pages of their own: a mistake is shown there, a
  // refusal (the referral was decided meanwhile) on the referral page.
  for (const [path, template, action, done] of [
    ['decline', 'referrals/views/decline.njk', 'decline', 'declined'],
    [
      'request-information',
      'referrals/views/request-information.njk',
      'requestInformation',
      'requested',
    ],
  ] as const) {
    const renderPage: RenderForm = async (request, reply, form, status = 200) => {
      if (status === 409) return renderReferral(request, reply, form, status);
      const detail = await services.referrals.get(request.actor!, idOf(request));
      return reply.code(status).view(template, {
        ...detail,
        form: form ?? presentForm(request.t),
        reasons: DECLINE_REASONS,
      });
    };
    formRoute(app, staff, {
      ...decision,
      path: `/referrals/:id/${path}`,
      render: renderPage,
      async save(request) {
        await services.triage[action](request.actor!, idOf(request), request.body);
        return `/referrals/${idOf(request)}?${done}`;
      },
    });
  }

  app.get('/referrals/sent', { preHandler: referrer }, async (request, reply) => {
    const page = z.coerce
      .number()
      .int()
      .min(1)
      .max(10_000)
      .catch(1)
      .parse((request.query as Record<string, unknown>)?.page);
    const sent = await services.sent.list(request.actor!, page);
    return reply.view('referrals/views/sent-list.njk', {
      sent,
      previousPage: page > 1 ? `/referrals/sent?page=${page - 1}` : undefined,
      nextPage: sent.hasNextPage ? `/referrals/sent?page=${page + 1}` : undefined,
    });
  });

  app.get('/referrals/sent/:id', { preHandler: referrer }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const referral = await services.sent.get(request.actor!, id);
    const replied = 'replied' in ((request.query ?? {}) as object);
    return reply.view('referrals/views/sent.njk', {
      referral,
      form: presentForm(request.t),
      flash: replied ? request.t('referrals.flash.replied') : undefined,
    });
  });

  formPost(app, referrer, {
    path: '/referrals/sent/:id/reply',
    mistakesOnly: true,
    render: async (request, reply, form, status) =>
      reply.code(status ?? 200).view('referrals/views/sent.njk', {
        referral: await services.sent.get(request.actor!, idOf(request)),
        form,
      }),
    async save(request) {
      await services.sent.reply(request.actor!, idOf(request), request.body);
      return `/referrals/sent/${idOf(request)}?replied`;
    },
  });
}
