// What the case page and its stage and allocation pages show, as pure functions of the case.
import { CLOSURE_OUTCOMES } from '../../domain/case-lifecycle.js';
import { formatDate } from '../../platform/format.js';
import type { Translate } from '../../platform/i18n/index.js';
import type { CaseRow } from './kernel/index.js';
import { offenceText, referralValue } from './presenters.js';

/** The rows at the top of the case page: the offence, the referral, when it opened and closed. */
export function summaryRows(
  row: Pick<
    CaseRow,
    | 'offenceGroup'
    | 'harmSetting'
    | 'crimeReference'
    | 'cjsStage'
    | 'referral_id'
    | 'referralReference'
    | 'receivedOn'
    | 'created_at'
    | 'transferredFromReference'
    | 'transferredFromService'
    | 'closure_outcome'
    | 'closed_on'
  >,
  mayOpenReferrals: boolean,
  t: Translate,
) {
  const notRecorded = t('cases.notRecorded');
  return [
    { key: { text: t('cases.summary.offence') }, value: { text: offenceText(row, t) } },
    {
      key: { text: t('cases.summary.crimeReference') },
      value: { text: row.crimeReference ?? notRecorded },
    },
    {
      key: { text: t('cases.summary.cjsStage') },
      value: {
        text: row.cjsStage ? t(`referrals.options.cjsStage.${row.cjsStage}`) : notRecorded,
      },
    },
    {
      key: { text: t('cases.summary.referral') },
      value: referralValue(row, mayOpenReferrals, t),
    },
    { key: { text: t('cases.summary.opened') }, value: { text: formatDate(row.created_at) } },
    ...(row.transferredFromReference
      ? [
          {
            key: { text: t('cases.summary.transferredFrom') },
            value: { text: `${row.transferredFromReference}, ${row.transferredFromService ?? ''}` },
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
}

/** The outcomes a case may close with, each with its definition. */
export function closureOutcomeItems(chosen: unknown, t: Translate) {
  return CLOSURE_OUTCOMES.map((o) => ({
    value: o,
    text: t(`cases.outcomes.${o}`),
    hint: { text: t(`cases.outcomeDefinitions.${o}`) },
    checked: chosen === o,
  }));
}

export interface StaffMember {
  id: string;
  name: string;
  role: string;
  trainedSvDa: boolean;
}

/**
 * The lead and co-worker choices: as typed, or else as the case is allocated now. Each says the
 * person's role, and whether they are trained for sexual violence and domestic abuse cases.
 */
export function allocationItems(
  staff: StaffMember[],
  allocated: { id: string; lead: boolean }[],
  typed: Record<string, unknown>,
  t: Translate,
) {
  const lead = (typed.lead as string | undefined) ?? allocated.find((a) => a.lead)?.id;
  const others = new Set(
    typed.others
      ? ([] as unknown[]).concat(typed.others)
      : allocated.filter((a) => !a.lead).map((a) => a.id),
  );
  const label = (u: StaffMember) =>
    `${u.name} (${t(`roles.${u.role}`)}${u.trainedSvDa ? `, ${t('cases.allocation.trained')}` : ''})`;
  return {
    leadItems: staff.map((u) => ({ value: u.id, text: label(u), checked: u.id === lead })),
    otherItems: staff.map((u) => ({ value: u.id, text: label(u), checked: others.has(u.id) })),
  };
}
