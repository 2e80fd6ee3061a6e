// Awareness and training work: a list for a period with referrals by source beside sessions,
// and a page to record or change a session. Referral triage links a referral to a session.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import { ORGANISATION_KINDS } from '../../../domain/organisations.js';
import { withDates } from '../../../platform/date-input.js';
import { londonDate } from '../../../platform/format.js';
import { presentForm } from '../../../platform/forms.js';
import { formPost, formRoute, type RenderForm } from '../../../platform/form-route.js';
import { requireCapability } from '../../../platform/guards.js';
import { reportForPeriod } from '../../../platform/period.js';
import { awarenessTotals } from './presenters.js';
import { SESSION_KINDS } from './service.js';

/** The session's id, or null on the page for a new one. */
const idOrNull = (request: FastifyRequest) => (request.params as { id?: string }).id ?? null;

export async function awarenessRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'record_measures', 'awareness.page');

  /** The form: empty (a new session held today), the session recorded, or as typed. */
  const renderForm: RenderForm = async (request, reply, form, status = 200) => {
    const id = idOrNull(request);
    const shown = form ?? presentForm(request.t, await initialValues(request, id), [], ['held_on']);
    const t = request.t;
    const organisations = (await services.referrals.options()).organisations;
    return reply.code(status).view('measures/awareness/views/form.njk', {
      id,
      form: shown,
      kindItems: SESSION_KINDS.map((k) => ({
        value: k,
        text: t(`measures.awareness.kinds.${k}`),
        checked: shown.values.kind === k,
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
  };

  async function initialValues(request: FastifyRequest, id: string | null) {
    if (!id) return { held_on: londonDate(services.clock.now()) };
    const { session } = await services.awareness.get(request.actor!, id);
    const org = session.audience_org_id
      ? await services.organisations.findById(session.audience_org_id)
      : undefined;
    return { ...session, audience_org: org?.slug ?? '', hours: String(session.hours) };
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

  const sessionForm = {
    render: renderForm,
    mistakesOnly: true,
    dateFields: ['held_on'],
    async save(request: FastifyRequest) {
      const body = await withOrgId(withDates(request.body, ['held_on']));
      await services.awareness.save(request.actor!, idOrNull(request), body);
      return '/awareness?saved';
    },
  };
  app.get('/awareness/new', { preHandler: guard }, (request, reply) => renderForm(request, reply));
  formPost(app, guard, { path: '/awareness', ...sessionForm });
  formRoute(app, guard, { path: '/awareness/:id', ...sessionForm });

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
