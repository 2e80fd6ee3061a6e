// Pages for a service's staff (the referral queue and triage) and for referrers (what happened
// to the referrals they sent).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { WithServices } from '../../services.js';
import { can } from '../../domain/roles.js';
import { DECLINE_REASONS, REFERRAL_STATUSES } from '../../domain/referrals.js';
import { isAppError } from '../../platform/errors.js';
import { mistakesOf, numberField, presentForm, problemsOf } from '../../platform/forms.js';
import { formatDate, londonDate } from '../../platform/format.js';
import { requireCapability } from '../../platform/guards.js';

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
    id: string,
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    const detail = await services.referrals.get(request.actor!, id);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const flashKey = ['accepted', 'declined', 'requested', 'recorded', 'linked'].find(
      (key) => key in query,
    );
    const sessions = await services.awareness.sessionsBefore(
      request.actor!,
      detail.referral.received_on,
    );
    return reply.code(status).view('referrals/views/referral.njk', {
      ...detail,
      today: londonDate(services.clock.now()),
      recordClockAction: `/referrals/${id}/clock`,
      flash: flashKey ? request.t(`referrals.flash.${flashKey}`) : undefined,
      awarenessOptions: [
        { value: '', text: request.t('measures.awareness.linkNone') },
        ...sessions.map((s) => ({
          value: s.id,
          text: `${formatDate(s.heldOn)}: ${s.topic}${s.audienceName ? ` (${s.audienceName})` : ''}`,
        })),
      ],
      ...extra,
    });
  }

  app.get('/referrals/:id', { preHandler: staff }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderReferral(request, reply, id);
  });

  app.post('/referrals/:id/accept', { preHandler: staff }, async (request, reply) => {
    const { id } = request.params as { id: string };
    try {
      const { caseId } = await services.triage.accept(request.actor!, id, request.body);
      return reply.redirect(`/referrals/${id}?accepted&case=${caseId}`);
    } catch (error) {
      return decisionFailed(request, reply, id, error);
    }
  });

  for (const [path, template, action] of [
    ['decline', 'referrals/views/decline.njk', 'decline'],
    ['request-information', 'referrals/views/request-information.njk', 'requestInformation'],
  ] as const) {
    app.get(`/referrals/:id/${path}`, { preHandler: staff }, async (request, reply) => {
      const { id } = request.params as { id: string };
      const detail = await services.referrals.get(request.actor!, id);
      return reply.view(template, {
        ...detail,
        form: presentForm(request.t),
        reasons: DECLINE_REASONS,
      });
    });

    app.post(`/referrals/:id/${path}`, { preHandler: staff }, async (request, reply) => {
      const { id } = request.params as { id: string };
      try {
        await services.triage[action](request.actor!, id, request.body);
        return reply.redirect(
          `/referrals/${id}?${action === 'decline' ? 'declined' : 'requested'}`,
        );
      } catch (error) {
        if (!isAppError(error) || error.kind !== 'validation')
          return decisionFailed(request, reply, id, error);
        const detail = await services.referrals.get(request.actor!, id);
        return reply.code(400).view(template, {
          ...detail,
          form: presentForm(request.t, request.body as Record<string, unknown>, error.fieldErrors),
          reasons: DECLINE_REASONS,
        });
      }
    });
  }

  app.post('/referrals/:id/clock', { preHandler: staff }, async (request, reply) => {
    const { id } = request.params as { id: string };
    try {
      await services.triage.recordClockDate(request.actor!, id, request.body);
      return reply.redirect(`/referrals/${id}?recorded`);
    } catch (error) {
      return decisionFailed(request, reply, id, error);
    }
  });

  /** A decision that cannot be made: the referral page again, saying why. */
  async function decisionFailed(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    error: unknown,
  ) {
    const { errors, status } = problemsOf(error, 'decision');
    return renderReferral(
      request,
      reply,
      id,
      { form: presentForm(request.t, request.body as Record<string, unknown>, errors) },
      status,
    );
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

  app.post('/referrals/sent/:id/reply', { preHandler: referrer }, async (request, reply) => {
    const { id } = request.params as { id: string };
    try {
      await services.sent.reply(request.actor!, id, request.body);
      return reply.redirect(`/referrals/sent/${id}?replied`);
    } catch (error) {
      const fieldErrors = mistakesOf(error);
      const referral = await services.sent.get(request.actor!, id);
      return reply.code(400).view('referrals/views/sent.njk', {
        referral,
        form: presentForm(request.t, request.body as Record<string, unknown>, fieldErrors),
      });
    }
  });
}
