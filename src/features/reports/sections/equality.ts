// Equality and diversity: who the service reaches (people in new cases), who takes part
// (consent given) and whose case is completed, by what each person chose to say about
// themselves. All services together; every count is suppressed like any other.
import {
  EQUALITY_FIELDS,
  ETHNIC_GROUPS,
  reportedValues,
  type EqualityField,
} from '../../../domain/equality.js';
import { labelOf, type ReportBuilder } from '../builder.js';
import type { CountCell, Row, Section, Table } from '../model.js';

const FIGURES = ['people_referred', 'people_took_part', 'people_completed'] as const;
const ROLES = ['harmed', 'harmer'] as const;

/** The codes a reported value adds up: an ethnic group's answers, or the answer itself. */
function codesOf(field: EqualityField, value: string): readonly string[] {
  if (field === 'ethnicity' && value in ETHNIC_GROUPS)
    return ETHNIC_GROUPS[value as keyof typeof ETHNIC_GROUPS];
  return [value];
}

function fieldTable(b: ReportBuilder, field: EqualityField): Table {
  const { ctx } = b;
  const { t, data } = ctx;
  const unit = ctx.combined;
  const where = { orgIds: unit.orgIds, months: ctx.months };
  const columns = ROLES.flatMap((role) => FIGURES.map((figure) => ({ role, figure })));
  const rows: Row[] = reportedValues(field).map((value) => ({
    key: value,
    label: labelOf(t, `equality.answers.${field}`, value),
    cells: columns.map(({ role, figure }) =>
      b.count(
        b.key(figure, `${role}.${field}~reported`, value, unit),
        data.count(figure, `${role}.${field}`, codesOf(field, value), where),
      ),
    ),
  }));
  const total: Row = {
    key: 'total',
    label: t('reports.total'),
    total: true,
    cells: columns.map(({ role, figure }, i) => {
      const cell = b.count(
        b.key(figure, 'role', role, unit),
        data.count(figure, 'role', role, where),
      );
      b.relate(
        cell.key,
        rows.map((r) => (r.cells[i] as CountCell).key),
      );
      return cell;
    }),
  };
  return {
    id: `equality-${field.replace(/_/g, '-')}`,
    title: t(`equality.questions.${field}`),
    figure: 'people_referred',
    alsoFigures: ['people_took_part', 'people_completed'],
    rowHeading: t('reports.equality.answer'),
    columns: columns.map(({ role, figure }) => ({
      key: `${role}.${figure}`,
      label: t(`reports.equality.columns.${role}.${figure}`),
    })),
    rows: [...rows, total],
    note: t('reports.equality.note'),
  };
}

export function equalitySection(b: ReportBuilder): Section {
  return {
    id: 'equality',
    title: b.ctx.t('reports.sections.equality'),
    intro: b.ctx.t('reports.equality.intro', { unit: b.ctx.combined.label }),
    tables: EQUALITY_FIELDS.map((field) => fieldTable(b, field)),
  };
}
