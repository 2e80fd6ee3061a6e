// The case page, its timeline, moving a case between stages, allocation and notes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../services.js';
import { CLOSURE_OUTCOMES } from '../../domain/case-lifecycle.js';
import { can } from '../../domain/roles.js';
import { isAppError } from '../../platform/errors.js';
import { formatChartValue } from '../../platform/charts.js';
import { formatDate } from '../../platform/format.js';
import { presentForm, problemsOf } from '../../platform/forms.js';
import { requireCapability } from '../../platform/guards.js';
import { caseHeader, offenceText, referralValue, timelineItem } from './presenters.js';

export async function caseRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'work_cases', 'case.page');

  async function renderSummary(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { form?: ReturnType<typeof presentForm>; status?: number } = {},
  ) {
    const view = await services.cases.get(request.actor!, id);
    const t = request.t;
    const row = view.case;
    const query = (request.query ?? {}) as Record<string, unknown>;
    const summaryRows = [
      {
        key: { text: t('cases.summary.offence') },
        value: { text: offenceText(row, t) },
      },
      {
        key: { text: t('cases.summary.crimeReference') },
        value: { text: row.crimeReference ?? t('cases.notRecorded') },
      },
      {
        key: { text: t('cases.summary.cjsStage') },
        value: {
          text: row.cjsStage
            ? t(`referrals.options.cjsStage.${row.cjsStage}`)
            : t('cases.notRecorded'),
        },
      },
      {
        key: { text: t('cases.summary.referral') },
        value: referralValue(row, can(request.actor!, 'triage_referrals'), t),
      },
      { key: { text: t('cases.summary.opened') }, value: { text: formatDate(row.created_at) } },
      ...(row.transferredFromReference
        ? [
            {
              key: { text: t('cases.summary.transferredFrom') },
              value: {
                text: `${row.transferredFromReference}, ${row.transferredFromService ?? ''}`,
              },
            },
          ]
        : []),
      ...(row.closure_outcome
        ? [
            {
              key: { text: t('cases.summary.closed') },
              value: {
                text: `${t(`cases.outcomes.${row.closure_outcome}`)}, ${formatDate(row.closed_on)}`,
              },
            },
          ]
        : []),
    ];
    return reply.code(extra.status ?? 200).view('cases/views/summary.njk', {
      ...view,
      header: caseHeader(row, 'summary', t),
      summaryRows,
      form: extra.form,
      wellbeing: view.wellbeing.map((d) => ({
        ...d,
        change: formatChartValue(d.overall, 'signed'),
      })),
      canAllocate: can(request.actor!, 'manage_service'),
      canChangeFlags: can(request.actor!, 'manage_service'),
      canPickUp: can(request.actor!, 'triage_referrals'),
      flash: query.done ? t(`cases.flash.${String(query.done)}`) : undefined,
    });
  }

  /**
   * A refused change: the page again with every reason, and what was typed kept. A reason that
   * names no field is shown against `anchor`, the id on that page the error summary links to.
   */
  async function refused(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    error: unknown,
    anchor: string,
    render: (form: ReturnType<typeof presentForm>, status: number) => Promise<unknown>,
  ) {
    const { errors, status } = problemsOf(error, anchor);
    // After a refusal because the case changed, the form carries the new version so a
    // deliberate second save goes through; after a mistake it keeps the version it was shown
    // with, so a change made meanwhile by someone else is still caught.
    const changed = isAppError(error) && error.messageKey === 'cases.errors.changedSince';
    const { version, ...typed } = (request.body ?? {}) as Record<string, unknown>;
    return render(presentForm(request.t, changed ? typed : { ...typed, version }, errors), status);
  }

  app.get('/cases/:id', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderSummary(request, reply, id);
  });

  app.get('/cases/:id/timeline', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const { case: row, events } = await services.cases.timeline(request.actor!, id);
    return reply.view('cases/views/timeline.njk', {
      header: caseHeader(row, 'timeline', request.t),
      items: events.map((e) => timelineItem(e, request.t)),
    });
  });

  async function renderStagePage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form = presentForm(request.t),
    status = 200,
  ) {
    const view = await services.cases.get(request.actor!, id);
    const outcomeItems = CLOSURE_OUTCOMES.map((o) => ({
      value: o,
      text: request.t(`cases.outcomes.${o}`),
      hint: { text: request.t(`cases.outcomeDefinitions.${o}`) },
      checked: form.values.outcome === o,
    }));
    return reply.code(status).view('cases/views/stage.njk', {
      ...view,
      header: caseHeader(view.case, 'summary', request.t),
      form,
      outcomeItems,
    });
  }

  app.get('/cases/:id/stage', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderStagePage(request, reply, id);
  });

  app.post('/cases/:id/stage', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      await services.cases.transition(request.actor!, id, body);
      return reply.redirect(`/cases/${id}?done=stage`);
    } catch (error) {
      const onStagePage =
        ['close', 'suspend', 'reopen', 'resume'].includes(String(body.action)) ||
        body.action === undefined;
      return refused(request, reply, id, error, 'stage', (form, status) =>
        onStagePage
          ? renderStagePage(request, reply, id, form, status)
          : renderSummary(request, reply, id, { form, status }),
      );
    }
  });

  app.post('/cases/:id/notes', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    try {
      await services.cases.addNote(request.actor!, id, request.body);
      return reply.redirect(`/cases/${id}?done=note`);
    } catch (error) {
      return refused(request, reply, id, error, 'body', (form, status) =>
        renderSummary(request, reply, id, { form, status }),
      );
    }
  });

  app.post('/cases/:id/pick-up', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    try {
      await services.cases.pickUp(request.actor!, id);
      return reply.redirect(`/cases/${id}?done=pickedUp`);
    } catch (error) {
      return refused(request, reply, id, error, 'facilitators', (form, status) =>
        renderSummary(request, reply, id, { form, status }),
      );
    }
  });

  const manager = requireCapability(services.access, 'manage_service', 'case.allocation_page');

  async function renderAllocate(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form = presentForm(request.t),
    status = 200,
  ) {
    const view = await services.cases.get(request.actor!, id);
    const staff = await services.cases.facilitators(request.actor!);
    const lead =
      (form.values.lead as string | undefined) ?? view.allocations.find((a) => a.lead)?.id;
    const others = new Set(
      form.values.others
        ? ([] as unknown[]).concat(form.values.others)
        : view.allocations.filter((a) => !a.lead).map((a) => a.id),
    );
    const label = (u: (typeof staff)[number]) =>
      `${u.name} (${request.t(`roles.${u.role}`)}${u.trainedSvDa ? `, ${request.t('cases.allocation.trained')}` : ''})`;
    return reply.code(status).view('cases/views/allocate.njk', {
      ...view,
      header: caseHeader(view.case, 'summary', request.t),
      form,
      leadItems: staff.map((u) => ({ value: u.id, text: label(u), checked: u.id === lead })),
      otherItems: staff.map((u) => ({ value: u.id, text: label(u), checked: others.has(u.id) })),
    });
  }

  app.get('/cases/:id/allocate', { preHandler: manager }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderAllocate(request, reply, id);
  });

  app.post('/cases/:id/allocate', { preHandler: manager }, async (request, reply) => {
    const { id } = request.params as { id: string };
    try {
      await services.cases.allocate(request.actor!, id, request.body);
      return reply.redirect(`/cases/${id}?done=allocated`);
    } catch (error) {
      return refused(request, reply, id, error, 'lead', (form, status) =>
        renderAllocate(request, reply, id, form, status),
      );
    }
  });
}
