// Activity: practitioners' hours and miles on cases, per closed case, and the awareness and
// training work done with partners. Hours, miles and sessions count work, not the people in
// cases, so they are not suppressed; the number of closed cases an average rests on is.
import { isOrganisationKind } from '../../../domain/organisations.js';
import type { ReportBuilder } from '../builder.js';
import { labelOf } from '../builder.js';
import type { Row, Section, Table } from '../model.js';

const TIME_KINDS = ['preparation', 'travel', 'meeting', 'admin', 'supervision'];

function time(b: ReportBuilder): Table {
  const { ctx } = b;
  const { t, data } = ctx;
  const hours = (values: string[], dimension: string) =>
    ctx.units.map((unit) =>
      b.measure(
        data.sum('time_recorded', dimension, values, { orgIds: unit.orgIds, months: ctx.months }) /
          60,
        'hours',
      ),
    );
  const kinds = [...new Set([...TIME_KINDS, ...data.valuesOf('time_recorded', 'kind')])];
  return {
    id: 'time',
    title: t('reports.activity.time'),
    figure: 'time_recorded',
    alsoFigures: ['miles_recorded'],
    rowHeading: t('reports.activity.work'),
    columns: b.unitColumns(),
    rows: [
      ...kinds.map((kind) => ({
        key: kind,
        label: labelOf(t, 'reports.activity.kinds', kind),
        cells: hours([kind], 'kind'),
      })),
      {
        key: 'total',
        label: t('reports.activity.totalHours'),
        cells: hours([''], ''),
        total: true,
      },
      {
        key: 'miles',
        label: t('reports.activity.miles'),
        cells: ctx.units.map((unit) =>
          b.measure(
            data.sum('miles_recorded', '', '', { orgIds: unit.orgIds, months: ctx.months }),
            'miles',
          ),
        ),
      },
    ],
  };
}

function perClosedCase(b: ReportBuilder): Table {
  const { ctx } = b;
  const { t, data } = ctx;
  const closed = b.countRow({
    figure: 'cases_closed',
    dimension: '',
    row: { key: '', label: '', values: [''] },
  });
  const per = (dimension: 'minutes' | 'miles', format: 'hours' | 'miles') =>
    ctx.units.map((unit, i) => {
      const total = data.sum('closed_case_time', dimension, '', {
        orgIds: unit.orgIds,
        months: ctx.months,
      });
      const cases = closed[i]!.value;
      const value = cases === 0 ? null : (dimension === 'minutes' ? total / 60 : total) / cases;
      return b.measure(value, format, [closed[i]!.key]);
    });
  return {
    id: 'per-closed-case',
    title: t('reports.activity.perClosedCase'),
    figure: 'closed_case_time',
    alsoFigures: ['cases_closed'],
    rowHeading: t('reports.figure'),
    columns: b.unitColumns(),
    rows: [
      { key: 'closed', label: t('reports.activity.casesClosed'), cells: closed },
      { key: 'hours', label: t('reports.activity.hoursPerCase'), cells: per('minutes', 'hours') },
      { key: 'miles', label: t('reports.activity.milesPerCase'), cells: per('miles', 'miles') },
    ],
  };
}

/** Awareness and training by the partner it was for, all services together. */
function awareness(b: ReportBuilder): Table {
  const { ctx } = b;
  const { t, data } = ctx;
  const where = { orgIds: ctx.combined.orgIds, months: ctx.months };
  const label = (audience: string) => {
    const organisation = ctx.organisations.get(audience);
    if (organisation) return organisation.name;
    const kind = audience.startsWith('kind:') ? audience.slice(5) : audience;
    return isOrganisationKind(kind)
      ? t('reports.activity.partnerKind', { kind: t(`organisationKinds.${kind}`) })
      : labelOf(t, 'reports.activity.audiences', kind);
  };
  const line = (key: string, text: string, values: string[], dimension: string): Row => ({
    key,
    label: text,
    cells: [
      b.measure(data.count('awareness', dimension, values, where), 'number'),
      b.measure(data.sum('awareness', dimension, values, where), 'number'),
      b.measure(data.sum('awareness_hours', dimension, values, where), 'decimal'),
    ],
  });
  const audiences = data.valuesOf('awareness', 'audience').map((a) => ({ a, text: label(a) }));
  audiences.sort((x, y) => x.text.localeCompare(y.text));
  return {
    id: 'awareness',
    title: t('reports.activity.awareness', { unit: ctx.combined.label }),
    figure: 'awareness',
    alsoFigures: ['awareness_hours'],
    rowHeading: t('reports.activity.partner'),
    columns: ['sessions', 'attendees', 'hours'].map((key) => ({
      key,
      label: t(`reports.activity.${key}`),
    })),
    rows: [
      ...audiences.map(({ a, text }) => line(a, text, [a], 'audience')),
      { ...line('total', t('reports.total'), [''], ''), total: true },
    ],
    note: t('reports.activity.notSuppressed'),
  };
}

export function activitySection(b: ReportBuilder): Section {
  return {
    id: 'activity',
    title: b.ctx.t('reports.sections.activity'),
    tables: [time(b), perClosedCase(b), awareness(b)],
  };
}
