// Awareness and training work: a list for a period with referrals by source beside sessions,
// and a page to record or change a session. Referral triage links a referral to a session.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import { ORGANISATION_KINDS } from '../../../domain/organisations.js';
import { withDates } from '../../../platform/date-input.js';
import { londonDate } from '../../../platform/format.js';
import { mistakesOf, presentForm } from '../../../platform/forms.js';
import { requireCapability } from '../../../platform/guards.js';
import { reportForPeriod } from '../../../platform/period.js';
import { awarenessTotals } from './presenters.js';
import { SESSION_KINDS } from './service.js';

export async function awarenessRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'record_measures', 'awareness.page');

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string | null,
    form: ReturnType<typeof presentForm>,
    status = 200,
  ) {
    const t = request.t;
    const organisations = (await services.referrals.options()).organisations;
    return reply.code(status).view('measures/awareness/views/form.njk', {
      id,
      form,
      kindItems: SESSION_KINDS.map((k) => ({
        value: k,
        text: t(`measures.awareness.kinds.${k}`),
        checked: form.values.kind === k,
      })),
      orgOptions: [
        { value: '', text: t('measures.awareness.noOrg') },
        ...organisations.map((o) => ({ value: o.slug, text: o.name })),
      ],
      orgKindOptions: [
        { value: '', text: t('common.choose') },
        ...ORGANISATION_KINDS.map((k) => ({ value: k, text: t(`organisationKinds.${k}`) })),
      ],
    });
  }

  /** The form names an organisation by slug; the service takes its id. */
  async function withOrgId(body: Record<string, unknown>) {
    const slug = typeof body.audience_org === 'string' ? body.audience_org.trim() : '';
    if (!slug) return { ...body, audience_org: '' };
    const org = await services.organisations.findBySlug(slug);
    return { ...body, audience_org: org?.id ?? 'unknown' };
  }

  app.get('/awareness', { preHandler: guard }, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const { report, form, status } = await reportForPeriod(query, request.t, () =>
      services.awareness.list(request.actor!, query),
    );
    return reply.code(status).view('measures/awareness/views/list.njk', {
      ...report,
      form,
      totals:
        report &&
        awarenessTotals(
          {
            sessions: report.sessions.length,
            attendees: report.sessions.reduce((n, s) => n + s.attendees, 0),
            hours: report.sessions.reduce((n, s) => n + Number(s.hours), 0),
          },
          request.t,
        ),
      flash: 'saved' in query ? request.t('measures.awareness.saved') : undefined,
    });
  });

  app.get('/awareness/new', { preHandler: guard }, async (request, reply) =>
    renderForm(
      request,
      reply,
      null,
      presentForm(request.t, { held_on: londonDate(services.clock.now()) }, [], ['held_on']),
    ),
  );

  app.get('/awareness/:id', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const { session } = await services.awareness.get(request.actor!, id);
    const org = session.audience_org_id
      ? await services.organisations.findById(session.audience_org_id)
      : undefined;
    return renderForm(
      request,
      reply,
      id,
      presentForm(
        request.t,
        { ...session, audience_org: org?.slug ?? '', hours: String(session.hours) },
        [],
        ['held_on'],
      ),
    );
  });

  for (const path of ['/awareness', '/awareness/:id'] as const) {
    app.post(path, { preHandler: guard }, async (request, reply) => {
      const id = (request.params as { id?: string }).id ?? null;
      try {
        await services.awareness.save(
          request.actor!,
          id,
          await withOrgId(withDates(request.body, ['held_on'])),
        );
        return reply.redirect('/awareness?saved');
      } catch (error) {
        const fieldErrors = mistakesOf(error);
        return renderForm(
          request,
          reply,
          id,
          presentForm(request.t, request.body as Record<string, unknown>, fieldErrors, ['held_on']),
          400,
        );
      }
    });
  }

  const staff = requireCapability(services.access, 'triage_referrals', 'referral.page');
  app.post('/referrals/:id/awareness', { preHandler: staff }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const chosen = (request.body as Record<string, unknown>)?.awareness_session;
    await services.awareness.linkReferral(
      request.actor!,
      id,
      typeof chosen === 'string' && chosen ? chosen : null,
    );
    return reply.redirect(`/referrals/${id}?linked`);
  });
}
