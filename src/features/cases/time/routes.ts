// The Time tab of a case (entries and totals), recording and changing time, and the service
// manager's page of totals per practitioner for a period.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import { can, userIdOf } from '../../../domain/roles.js';
import type { FieldError } from '../../../platform/errors.js';
import { formatNumber } from '../../../platform/format.js';
import { presentForm, problemsOf } from '../../../platform/forms.js';
import { requireCapability } from '../../../platform/guards.js';
import { reportForPeriod } from '../../../platform/period.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { caseHeader } from '../presenters.js';
import { partsOfDate } from '../../../platform/date-input.js';
import { TIME_KINDS } from './form.js';

const DATE_FIELDS = new Set(['worked_on', 'from', 'to']);

/** "1 hour 30 minutes" */
export function durationText(minutes: number, t: Translate): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const h =
    hours === 1 ? t('cases.time.duration.hour') : t('cases.time.duration.hours', { n: hours });
  const m =
    rest === 1 ? t('cases.time.duration.minute') : t('cases.time.duration.minutes', { n: rest });
  if (hours && rest) return t('cases.time.duration.both', { hours: h, minutes: m });
  return hours ? h : m;
}

/** Hours with two decimals, as timesheets and returns count them ("1.50"). */
export const hoursText = (minutes: number) => formatNumber(minutes / 60, 2);
export const milesText = (miles: number) => formatNumber(miles, 1);

/** A form's errors for the page, linking date errors to the day box. */
function present(t: Translate, values: Record<string, unknown>, errors: FieldError[] = []) {
  const form = presentForm(t, values, errors);
  form.errorList = form.errorList.map((item) => {
    const field = item.href.slice(1);
    return DATE_FIELDS.has(field) ? { ...item, href: `#${field}-day` } : item;
  });
  return form;
}

export async function caseTimeRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'work_cases', 'case.time_page');
  const manager = requireCapability(services.access, 'manage_service', 'time.report_page');

  app.get('/cases/:id/time', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const t = request.t;
    const view = await services.caseTime.tab(request.actor!, id);
    const done = (request.query as { done?: unknown } | undefined)?.done;
    return reply.view('cases/time/views/tab.njk', {
      header: caseHeader(view.case, 'time', t),
      closed: view.case.stage === 'closed',
      entries: view.entries.map((e) => ({
        ...e,
        kindText: t(`cases.time.kinds.${e.kind}`),
        duration: durationText(e.minutes, t),
        miles: milesText(Number(e.miles)),
        changeHref: e.mayChange ? `/cases/${id}/time/${e.id}` : undefined,
      })),
      totals: [
        ...TIME_KINDS.map((kind) => ({
          label: t(`cases.time.kinds.${kind}`),
          hours: hoursText(view.totals.minutes[kind]),
          miles: milesText(view.totals.miles[kind]),
        })),
      ],
      allHours: hoursText(view.totals.allMinutes),
      allDuration: durationText(view.totals.allMinutes, t),
      allMiles: milesText(view.totals.allMiles),
      reportHref: can(request.actor!, 'manage_service') ? '/time' : undefined,
      flash:
        typeof done === 'string' && ['recorded', 'changed', 'removed'].includes(done)
          ? t(`cases.time.flash.${done}`)
          : undefined,
    });
  });

  async function renderEntry(
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      id: string;
      entryId?: string;
      values?: Record<string, unknown>;
      errors?: FieldError[];
      status?: number;
    },
  ) {
    const t = request.t;
    const actor = request.actor!;
    const existing = options.entryId
      ? await services.caseTime.entry(actor, options.id, options.entryId)
      : undefined;
    const row = existing?.case ?? (await services.caseTime.caseFor(actor, options.id));
    const entry = existing?.entry;
    const values: Record<string, unknown> = options.values ?? {
      ...(entry
        ? {
            ...partsOfDate('worked_on', entry.worked_on),
            kind: entry.kind,
            hours: String(Math.floor(entry.minutes / 60)),
            minutes: String(entry.minutes % 60),
            miles: Number(entry.miles) ? milesText(Number(entry.miles)) : '',
            notes: entry.notes ?? '',
            user: entry.user_id,
          }
        : { user: userIdOf(actor) ?? '' }),
    };
    const staff = can(actor, 'manage_service') ? await services.cases.facilitators(actor) : [];
    const form = present(t, values, options.errors);
    return reply.code(options.status ?? 200).view('cases/time/views/entry.njk', {
      header: caseHeader(row, 'time', t),
      form,
      editing: Boolean(entry),
      action: entry ? `/cases/${options.id}/time/${entry.id}` : `/cases/${options.id}/time`,
      kindItems: TIME_KINDS.map((kind) => ({
        value: kind,
        text: t(`cases.time.kinds.${kind}`),
        hint: { text: t(`cases.time.kindHints.${kind}`) },
        checked: form.values.kind === kind,
      })),
      staffItems: staff.map((u) => ({
        value: u.id,
        text: `${u.name} (${t(`roles.${u.role}`)})`,
        selected: form.values.user === u.id,
      })),
    });
  }

  app.get('/cases/:id/time/new', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderEntry(request, reply, { id });
  });

  app.post('/cases/:id/time', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    try {
      await services.caseTime.record(request.actor!, id, request.body);
      return reply.redirect(`/cases/${id}/time?done=recorded`, 303);
    } catch (error) {
      const { errors, status } = problemsOf(error, 'case');
      const values = (request.body ?? {}) as Record<string, unknown>;
      return renderEntry(request, reply, { id, values, errors, status });
    }
  });

  app.get('/cases/:id/time/:entryId', { preHandler: guard }, async (request, reply) => {
    const { id, entryId } = request.params as { id: string; entryId: string };
    return renderEntry(request, reply, { id, entryId });
  });

  app.post('/cases/:id/time/:entryId', { preHandler: guard }, async (request, reply) => {
    const { id, entryId } = request.params as { id: string; entryId: string };
    try {
      await services.caseTime.update(request.actor!, id, entryId, request.body);
      return reply.redirect(`/cases/${id}/time?done=changed`, 303);
    } catch (error) {
      const { errors, status } = problemsOf(error, 'case');
      const values = (request.body ?? {}) as Record<string, unknown>;
      return renderEntry(request, reply, { id, entryId, values, errors, status });
    }
  });

  app.post('/cases/:id/time/:entryId/delete', { preHandler: guard }, async (request, reply) => {
    const { id, entryId } = request.params as { id: string; entryId: string };
    try {
      await services.caseTime.remove(request.actor!, id, entryId, request.body);
      return reply.redirect(`/cases/${id}/time?done=removed`, 303);
    } catch (error) {
      const { errors, status } = problemsOf(error, 'case');
      return renderEntry(request, reply, { id, entryId, errors, status });
    }
  });

  app.get('/time', { preHandler: manager }, async (request, reply) => {
    const t = request.t;
    const { report, form, status } = await reportForPeriod(request.query, t, () =>
      services.caseTime.report(request.actor!, request.query),
    );
    return reply.code(status).view('cases/time/views/report.njk', {
      form,
      period: report?.period,
      kinds: TIME_KINDS.map((kind) => t(`cases.time.kinds.${kind}`)),
      people: report?.people.map((p) => ({
        name: p.name,
        role: t(`roles.${p.role}`),
        cases: formatNumber(p.cases),
        entries: formatNumber(p.entries),
        byKind: TIME_KINDS.map((k) => hoursText(p.byKind[k])),
        hours: hoursText(p.minutes),
        miles: milesText(p.miles),
      })),
      total: report
        ? {
            entries: formatNumber(report.total.entries),
            byKind: TIME_KINDS.map((k) => hoursText(report.total.byKind[k])),
            hours: hoursText(report.total.minutes),
            miles: milesText(report.total.miles),
          }
        : undefined,
    });
  });
}
