// The Interventions tab in words: a card per intervention with what it is, when and where, who
// attends, what stops it being held, and the shuttle messages or letters that belong to it.
import { formatDate, formatDateTime } from '../../../platform/format.js';
import type { Translate } from '../../../platform/i18n/index.js';
import type { SummaryRow } from '../../../platform/form-page.js';
import { participantName } from '../presenters.js';
import type { InterventionService } from './index.js';

export type InterventionsTab = Awaited<ReturnType<InterventionService['tab']>>;
export type InterventionView = InterventionsTab['interventions'][number];
export type LetterView = InterventionView['letters'][number];

const STATUS_COLOURS: Record<string, string> = {
  planned: 'blue',
  held: 'green',
  cancelled: 'grey',
  postponed: 'yellow',
};

const row = (key: string, value: string): SummaryRow => ({
  key: { text: key },
  value: { text: value },
});

/** What an intervention is: kind, when, where, who. */
export function interventionRows(
  view: InterventionsTab,
  intervention: InterventionView,
  t: Translate,
): SummaryRow[] {
  const notRecorded = t('cases.notRecorded');
  const venue = intervention.venue_kind
    ? t(`cases.interventions.venueKinds.${intervention.venue_kind}`) +
      (intervention.venue_detail ? `: ${intervention.venue_detail}` : '')
    : (intervention.venue_detail ?? notRecorded);
  const attendees = intervention.attendeeIds.map((id) => participantName(view, id)).join(', ');
  return [
    row(t('cases.interventions.rows.kind'), t(`cases.interventionKinds.${intervention.kind}`)),
    row(
      t('cases.interventions.rows.when'),
      intervention.scheduled_at
        ? formatDateTime(intervention.scheduled_at)
        : t('cases.interventions.notScheduled'),
    ),
    row(t('cases.interventions.rows.venue'), venue),
    ...(intervention.venue_kind === 'rotl'
      ? [
          row(
            t('cases.interventions.rows.rotl'),
            intervention.rotl_status
              ? t(`cases.interventions.rotlStatuses.${intervention.rotl_status}`)
              : notRecorded,
          ),
        ]
      : []),
    row(t('cases.interventions.rows.attendees'), attendees || t('cases.interventions.noAttendees')),
    ...(intervention.held_on
      ? [row(t('cases.interventions.rows.heldOn'), formatDate(intervention.held_on))]
      : []),
    ...(intervention.notes ? [row(t('cases.interventions.rows.notes'), intervention.notes)] : []),
  ];
}

export function letterRows(view: InterventionsTab, letter: LetterView, t: Translate) {
  return [
    row(
      t('cases.interventions.letters.writer'),
      participantName(view, letter.writer_participant_id),
    ),
    row(
      t('cases.interventions.letters.recipient'),
      participantName(view, letter.recipient_participant_id),
    ),
    row(t('cases.interventions.letters.received'), formatDate(letter.received_on)),
    row(
      t('cases.interventions.letters.choice'),
      letter.recipient_decision && letter.recipient_contacted_on
        ? t('cases.interventions.letters.contactedOn', {
            decision: t(`cases.interventions.letters.decisions.${letter.recipient_decision}`),
            date: formatDate(letter.recipient_contacted_on),
          })
        : t('cases.interventions.letters.notContacted'),
    ),
    row(
      t('cases.interventions.letters.delivered'),
      letter.delivered_on
        ? formatDate(letter.delivered_on)
        : t('cases.interventions.letters.notDelivered'),
    ),
  ];
}

function presentLetter(
  view: InterventionsTab,
  letter: LetterView,
  base: string,
  open: boolean,
  t: Translate,
) {
  const recipient = participantName(view, letter.recipient_participant_id);
  const chosen = letter.recipient_decision === 'receive' && letter.recipient_contacted_on !== null;
  const actions = [];
  if (open && !letter.delivered_on) {
    actions.push({
      href: `${base}/letters/${letter.id}/decision`,
      text: t('cases.interventions.letters.recordChoice', { name: recipient }),
      qa: 'letter-decision',
    });
    if (chosen)
      actions.push({
        href: `${base}/letters/${letter.id}/delivered`,
        text: t('cases.interventions.letters.markDelivered'),
        qa: 'letter-delivered',
      });
  }
  return {
    id: letter.id,
    rows: letterRows(view, letter, t),
    heldBack:
      letter.delivered_on || chosen
        ? undefined
        : t('cases.interventions.letters.heldBack', { name: recipient }),
    actions,
  };
}

export function presentInterventionsTab(view: InterventionsTab, t: Translate) {
  const caseId = view.case.id;
  const open = view.case.stage !== 'closed';
  return {
    planHref: open ? `/cases/${caseId}/interventions/new` : undefined,
    cards: view.interventions.map((intervention) => {
      const base = `/cases/${caseId}/interventions/${intervention.id}`;
      const toHappen = intervention.status === 'planned' || intervention.status === 'postponed';
      const going = open && intervention.status !== 'cancelled';
      return {
        id: intervention.id,
        kind: intervention.kind,
        title: t(`cases.interventionKinds.${intervention.kind}`),
        status: {
          text: t(`cases.interventionStatuses.${intervention.status}`),
          colour: STATUS_COLOURS[intervention.status] ?? 'grey',
        },
        actions:
          open && toHappen
            ? [
                { href: `${base}/edit`, text: t('cases.interventions.change'), qa: 'change' },
                { href: `${base}/outcome`, text: t('cases.interventions.record'), qa: 'record' },
              ]
            : [],
        // The card's title already says the kind.
        rows: interventionRows(view, intervention, t).slice(1),
        notReady: intervention.notReady.map((reason) => t(reason.key, reason.params)),
        shuttle:
          intervention.kind === 'shuttle'
            ? {
                rows: intervention.messages.map((m) => [
                  { text: formatDate(m.carried_on) },
                  { text: participantName(view, m.from_participant_id) },
                  { text: participantName(view, m.to_participant_id) },
                  { text: m.summary },
                ]),
                addHref: going ? `${base}/messages/new` : undefined,
              }
            : undefined,
        letters:
          intervention.kind === 'letter_of_apology'
            ? {
                items: intervention.letters.map((l) => presentLetter(view, l, base, open, t)),
                addHref: going ? `${base}/letters/new` : undefined,
              }
            : undefined,
      };
    }),
  };
}
