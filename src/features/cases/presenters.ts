// Shared view helpers for case pages: the header every tab shows, timeline items, and the
// case's participants named and offered as choices.
import type { ParticipantFacts } from '../../domain/case-lifecycle.js';
import type { Choice } from '../../platform/fields.js';
import { formatDate } from '../../platform/format.js';
import type { Translate } from '../../platform/i18n/index.js';
import { link } from '../../platform/markup.js';
import type { CaseRow } from './kernel/index.js';

export const CASE_TABS = [
  'summary',
  'people',
  'contacts',
  'assessments',
  'interventions',
  'agreement',
  'wellbeing',
  'feedback',
  'time',
  'documents',
  'updates',
  'timeline',
] as const;
export type CaseTab = (typeof CASE_TABS)[number];

export function caseTabs(caseId: string, active: CaseTab, t: Translate) {
  return CASE_TABS.map((tab) => ({
    text: t(`cases.tabs.${tab}`),
    href: tab === 'summary' ? `/cases/${caseId}` : `/cases/${caseId}/${tab}`,
    active: tab === active,
  }));
}

export const STAGE_COLOURS: Record<string, string> = {
  new: 'blue',
  contacting: 'light-blue',
  assessing: 'purple',
  preparing: 'pink',
  intervention: 'orange',
  follow_up: 'turquoise',
  closed: 'grey',
  suspended: 'red',
};

/** The referral a case came from, linked for those who may open referrals. */
/** The offence, or, for harm that is not a crime, where it happened (and any offence group). */
export function offenceText(
  row: Pick<CaseRow, 'offenceGroup' | 'harmSetting'>,
  t: Translate,
): string {
  if (!row.harmSetting || row.harmSetting === 'crime')
    return row.offenceGroup ?? t('cases.notRecorded');
  const setting = t(`referrals.harmSettingShort.${row.harmSetting}`);
  return row.offenceGroup ? `${setting} (${row.offenceGroup})` : setting;
}

export function referralValue(
  row: Pick<CaseRow, 'referral_id' | 'referralReference' | 'receivedOn'>,
  mayOpenReferrals: boolean,
  t: Translate,
): { text: string } | { html: ReturnType<typeof link> } {
  if (!row.referralReference) return { text: t('cases.notRecorded') };
  const text = `${row.referralReference}, ${formatDate(row.receivedOn)}`;
  if (!mayOpenReferrals || !row.referral_id) return { text };
  return {
    html: link({
      href: `/referrals/${row.referral_id}`,
      text,
      attributes: { 'data-qa': 'case-referral' },
    }),
  };
}

/** What every case page shows at the top. */
export function caseHeader(row: CaseRow, active: CaseTab, t: Translate) {
  return {
    id: row.id,
    reference: row.reference,
    stage: row.stage,
    stageColour: STAGE_COLOURS[row.stage] ?? 'grey',
    version: row.version,
    svDa: row.sv_da,
    flags: {
      sexualViolence: row.sexual_violence,
      domesticAbuse: row.domestic_abuse,
      hateCrime: row.hate_crime,
    },
    tabs: caseTabs(row.id, active, t),
  };
}

export interface TimelineEvent {
  id: number;
  kind: string;
  params: unknown;
  occurredAt: Date;
  happenedOn?: string | null;
  actorName: string | null;
}

/** A case event as a line on the timeline, in words. */
export function timelineItem(event: TimelineEvent, t: Translate) {
  const params = Object.fromEntries(
    Object.entries((event.params ?? {}) as Record<string, unknown>).map(([key, value]) => [
      key,
      translatedParam(key, value, t),
    ]),
  );
  return {
    id: event.id,
    // An allocation with co-workers names them too.
    title: t(
      event.kind === 'allocated' && params.others
        ? 'cases.events.allocatedWith'
        : `cases.events.${event.kind}`,
      params,
    ),
    happenedOn: event.happenedOn ?? null,
    detail: params.reason ? t('cases.events.reason', { reason: params.reason }) : '',
    occurredAt: event.occurredAt,
    actorName: event.actorName,
  };
}

/** Codes inside event parameters (stages, outcomes, methods) shown in words. */
function translatedParam(key: string, value: unknown, t: Translate): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // The safety flags a case was given, as a list of their names.
  if (key === 'flags')
    return text === 'none'
      ? t('cases.safety.noFlags')
      : text
          .split(',')
          .map((flag) => t(`cases.safety.flags.${flag}`))
          .join(', ');
  const lists: Record<string, string> = {
    from: 'cases.stages',
    to: 'cases.stages',
    outcome: 'cases.outcomes',
    method: 'cases.contactMethods',
    contactOutcome: 'cases.contactOutcomes',
    answer: 'cases.offerAnswers',
    role: 'cases.roles',
    kind: 'cases.interventionKinds',
    status: 'cases.interventionStatuses',
    assessment: 'cases.assessmentKinds',
    decision: 'cases.decisions',
  };
  const list = lists[key];
  if (!list) return text;
  const translated = t(`${list}.${text}`);
  return translated.startsWith(list) ? text : translated;
}

export function participantName(view: { facts: { participants: ParticipantFacts[] } }, id: string) {
  return view.facts.participants.find((p) => p.id === id)?.name ?? '';
}

/** Where each participant stands: consent, and the suitability decision. */
function standing(p: ParticipantFacts, t: Translate): string {
  const suitability = p.suitability
    ? t(`cases.suitability.${p.suitability}`)
    : t('cases.interventions.notAssessed');
  return `${t(`cases.consent.${p.consent}`)}; ${suitability}`;
}

/** The case's participants to choose from; anyone who withdrew consent cannot be chosen. */
export function participantChoices(
  participants: ParticipantFacts[],
  t: Translate,
  options: { withStanding?: boolean; none?: string } = {},
): Choice[] {
  const choices = participants.map((p) => ({
    value: p.id,
    text: `${p.name} (${t(`cases.roles.${p.role}`)})`,
    hint:
      p.consent === 'withdrawn'
        ? t('cases.interventions.withdrawnCannotTakePart')
        : options.withStanding
          ? standing(p, t)
          : undefined,
    disabled: p.consent === 'withdrawn',
  }));
  return options.none ? [...choices, { value: '', text: options.none }] : choices;
}
