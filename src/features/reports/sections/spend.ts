// Value for money: what the PCC office spent, what a case and a completed intervention cost,
// an estimate of what it saved (a ratio found elsewhere, always called an estimate), and the
// two figures of the Ministry of Justice victims' grant return: persons supported, amount
// invested.
import {
  apportionedSpend,
  costPer,
  estimatedSavings,
  type CostBenefit,
  type YearSpend,
} from '../../../domain/value-for-money.js';
import type { ReportBuilder, Unit } from '../builder.js';
import type { CountCell, Section } from '../model.js';

export function spendSection(
  b: ReportBuilder,
  spend: ReadonlyMap<string, YearSpend[]>,
  costBenefit: CostBenefit,
): Section {
  const { ctx } = b;
  const { t } = ctx;
  /** A unit's spend for the period: its services' apportioned spend; none if none entered. */
  const spendOf = (unit: Unit): number | null => {
    const amounts = unit.orgIds
      .map((id) => apportionedSpend(ctx.period, spend.get(id) ?? []))
      .filter((a): a is number => a !== null);
    return amounts.length === 0 ? null : amounts.reduce((a, b) => a + b, 0);
  };
  const amounts = ctx.units.map(spendOf);
  const closed = b.countRow({
    figure: 'cases_closed',
    dimension: '',
    row: { key: '', label: '', values: [''] },
  });
  const completed = b.countRow({
    figure: 'cases_closed',
    dimension: 'outcome',
    row: { key: 'completed', label: '', values: ['completed'] },
  });
  const harmed = b.countRow({
    figure: 'people_referred',
    dimension: 'role',
    row: { key: 'harmed', label: '', values: ['harmed'] },
  });
  const money = (values: (number | null)[], restsOn: (i: number) => string[] = () => []) =>
    values.map((v, i) => b.measure(v === null ? null : v / 100, 'money', restsOn(i)));
  /** Spend per case counted in `cases`, each resting on the count it divides by. */
  const costPerCase = (cases: CountCell[]) =>
    money(
      amounts.map((a, i) => costPer(a, cases[i]!.value)),
      (i) => [cases[i]!.key],
    );
  return {
    id: 'spend',
    title: t('reports.sections.spend'),
    intro: t('reports.spend.intro'),
    tables: [
      {
        id: 'value-for-money',
        title: t('reports.spend.title'),
        figure: 'rj_spend',
        alsoFigures: [
          'cases_closed',
          'cost_per_case',
          'cost_per_completed_case',
          'estimated_savings',
        ],
        rowHeading: t('reports.figure'),
        columns: b.unitColumns(),
        rows: [
          { key: 'spend', label: t('reports.spend.spend'), cells: money(amounts) },
          { key: 'closed', label: t('reports.spend.casesClosed'), cells: closed },
          {
            key: 'cost_per_case',
            label: t('reports.spend.costPerCase'),
            cells: costPerCase(closed),
          },
          { key: 'completed', label: t('reports.spend.completed'), cells: completed },
          {
            key: 'cost_per_completed_case',
            label: t('reports.spend.costPerCompleted'),
            cells: costPerCase(completed),
          },
          {
            key: 'estimated_savings',
            label: t('reports.spend.savings', { ratio: costBenefit.ratio }),
            cells: money(amounts.map((a) => estimatedSavings(a, costBenefit))),
          },
        ],
        note: t('reports.spend.estimateNote', {
          ratio: costBenefit.ratio,
          source: costBenefit.source,
        }),
      },
      {
        id: 'victims-grant-return',
        title: t('reports.spend.grantReturn'),
        figure: 'persons_supported',
        alsoFigures: ['amount_invested'],
        rowHeading: t('reports.spend.grantField'),
        columns: b.unitColumns(),
        rows: [
          { key: 'persons_supported', label: t('reports.spend.personsSupported'), cells: harmed },
          {
            key: 'amount_invested',
            label: t('reports.spend.amountInvested'),
            cells: money(amounts),
          },
        ],
      },
    ],
  };
}
