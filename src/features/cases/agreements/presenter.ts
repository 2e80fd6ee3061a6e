// The Agreement tab in words: each item with who owes it to whom, when it is due and whether it
// is overdue (a red tag), restitution with its payments, the balance outstanding and any
// instalment plan (the next instalment, whether they are behind, every instalment); and the
// follow-up contacts scheduled after an intervention.
import { formatDate, formatNumber } from '../../../platform/format.js';
import type { Translate } from '../../../platform/i18n/index.js';
import type { SummaryRow } from '../../../platform/form-page.js';
import { participantName } from '../presenters.js';
import type { AgreementService } from './index.js';

export type AgreementTab = Awaited<ReturnType<AgreementService['tab']>>;
export type ItemView = AgreementTab['items'][number];

export const money = (pence: number, t: Translate) =>
  t('cases.agreement.money', { amount: formatNumber(pence / 100, 2) });

const row = (key: string, value: string): SummaryRow => ({
  key: { text: key },
  value: { text: value },
});

function itemTag(item: ItemView, t: Translate) {
  if (item.completed_on) return { text: t('cases.agreement.tags.completed'), colour: 'green' };
  if (item.overdue) return { text: t('cases.agreement.tags.overdue'), colour: 'red' };
  return { text: t('cases.agreement.tags.open'), colour: 'blue' };
}

/** What an item is, who owes it to whom, when, and (restitution) what is paid and still owed. */
export function itemRows(view: AgreementTab, item: ItemView, t: Translate): SummaryRow[] {
  return [
    row(t('cases.agreement.rows.kind'), t(`cases.agreement.kinds.${item.kind}`)),
    row(t('cases.agreement.rows.description'), item.description),
    row(
      t('cases.agreement.rows.owedBy'),
      item.owed_by_participant_id ? participantName(view, item.owed_by_participant_id) : '',
    ),
    row(
      t('cases.agreement.rows.owedTo'),
      item.owed_to_participant_id
        ? participantName(view, item.owed_to_participant_id)
        : t('cases.agreement.noOne'),
    ),
    row(
      t('cases.agreement.rows.due'),
      item.due_on ? formatDate(item.due_on) : t('cases.notRecorded'),
    ),
    ...(item.amount_pence !== null
      ? [
          row(t('cases.agreement.rows.amount'), money(item.amount_pence, t)),
          row(t('cases.agreement.rows.paid'), money(item.paidPence, t)),
          row(t('cases.agreement.rows.balance'), money(item.balancePence ?? 0, t)),
        ]
      : []),
    ...planRows(item, t),
    ...(item.completed_on
      ? [row(t('cases.agreement.rows.completed'), formatDate(item.completed_on))]
      : []),
  ];
}

/** The plan, the next instalment and whether the person is behind with it. */
function planRows(item: ItemView, t: Translate): SummaryRow[] {
  if (!item.plan || !item.standing) return [];
  const { plan, standing } = item;
  return [
    row(
      t('cases.agreement.rows.plan'),
      t(`cases.agreement.plan.summary.${plan.frequency}`, {
        amount: money(plan.instalmentPence, t),
        date: formatDate(plan.firstDueOn),
        count: standing.schedule.length,
      }),
    ),
    ...(item.completed_on
      ? []
      : [
          row(
            t('cases.agreement.rows.nextInstalment'),
            standing.next
              ? t('cases.agreement.plan.next', {
                  amount: money(standing.next.amountPence, t),
                  date: formatDate(standing.next.dueOn),
                })
              : t('cases.agreement.plan.nothingDue'),
          ),
          row(
            t('cases.agreement.rows.behind'),
            standing.behindPence > 0
              ? t('cases.agreement.plan.behind', { amount: money(standing.behindPence, t) })
              : t('cases.agreement.plan.upToDate'),
          ),
        ]),
  ];
}

export function presentAgreementTab(view: AgreementTab, t: Translate) {
  const base = `/cases/${view.case.id}/agreement`;
  const open = view.case.stage !== 'closed';
  const overdue = view.items.filter((item) => item.overdue).length;
  return {
    addHref: open ? `${base}/items/new` : undefined,
    overdueWarning: overdue
      ? t(overdue === 1 ? 'cases.agreement.overdueOne' : 'cases.agreement.overdueMany', {
          count: overdue,
        })
      : undefined,
    items: view.items.map((item) => {
      const title = t(`cases.agreement.kinds.${item.kind}`);
      const href = `${base}/items/${item.id}`;
      const actions =
        open && !item.completed_on
          ? [
              { href: `${href}/edit`, text: t('cases.agreement.change'), qa: 'change-item' },
              ...(item.kind === 'restitution'
                ? [
                    {
                      href: `${href}/payments/new`,
                      text: t('cases.agreement.pay'),
                      qa: 'add-payment',
                    },
                    {
                      href: `${href}/plan`,
                      text: t(item.plan ? 'cases.agreement.changePlan' : 'cases.agreement.setPlan'),
                      qa: 'set-plan',
                    },
                    ...(item.plan
                      ? [
                          {
                            href: `${href}/plan/end`,
                            text: t('cases.agreement.endPlan'),
                            qa: 'end-plan',
                          },
                        ]
                      : []),
                  ]
                : []),
              {
                href: `${href}/complete`,
                text: t('cases.agreement.complete'),
                qa: 'complete-item',
              },
            ]
          : [];
      return {
        id: item.id,
        kind: item.kind,
        title,
        tag: itemTag(item, t),
        actions,
        // The card's title already says the kind.
        rows: itemRows(view, item, t).slice(1),
        schedule: item.standing?.schedule.map((i) => [
          { text: formatDate(i.dueOn) },
          { text: money(i.amountPence, t), format: 'numeric' },
          { text: money(i.cumulativePence, t), format: 'numeric' },
        ]),
        payments:
          item.kind === 'restitution' && item.payments.length
            ? item.payments.map((p) => [
                { text: formatDate(p.paid_on) },
                { text: money(p.amount_pence, t), format: 'numeric' },
              ])
            : undefined,
      };
    }),
    followUps: {
      addHref: open ? `${base}/follow-ups/new` : undefined,
      items: view.followUps.map((f) => ({
        id: f.id,
        due: formatDate(f.due_on),
        with: f.participant_id
          ? participantName(view, f.participant_id)
          : t('cases.agreement.followUps.wholeCase'),
        notes: f.notes ?? '',
        tag: f.done_on
          ? {
              text: t('cases.agreement.followUps.doneOn', { date: formatDate(f.done_on) }),
              colour: 'green',
            }
          : f.due
            ? { text: t('cases.agreement.followUps.due'), colour: 'red' }
            : { text: t('cases.agreement.followUps.scheduled'), colour: 'blue' },
        doneHref: open && !f.done_on ? `${base}/follow-ups/${f.id}/done` : undefined,
      })),
    },
  };
}
