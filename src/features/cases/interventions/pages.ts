// The question pages of the Interventions tab: plan, change, record what happened, a shuttle
// message carried, a letter received, the harmed person's choice about it, and its delivery.
import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { Translate } from '../../../platform/i18n/index.js';
import type { Services } from '../../../services.js';
import { notFound } from '../../../platform/errors.js';
import { fieldsUnder, optionsOf, type Field } from '../../../platform/fields.js';
import type { Params } from '../../../platform/form-page.js';
import { caseFormPages, tabLinks } from '../form-pages.js';
import { participantChoices, participantName } from '../presenters.js';
import { londonDateAndTime } from './london-time.js';
import { interventionRows, letterRows, type InterventionsTab } from './presenter.js';
import {
  INTERVENTION_KINDS,
  LETTER_DECISIONS,
  OUTCOMES,
  ROTL_STATUSES,
  VENUE_KINDS,
} from './schemas.js';

const field = fieldsUnder('cases.interventions.fields');

const SCHEDULE_FIELDS: Field[] = [
  field('scheduled_on', 'date', { optional: true }),
  field('scheduled_time', 'time', { hint: true, optional: true }),
  field('venue_kind', 'radios', { optional: true }),
  field('rotl_status', 'radios', { hint: true, optional: true }),
  field('venue_detail', 'text', { hint: true, optional: true }),
  field('attendees', 'checkboxes', { hint: true }),
  field('notes', 'textarea', { optional: true }),
];

const { tabHref, cancel, saved } = tabLinks('interventions');

export function registerInterventionPages(
  app: FastifyInstance,
  guard: preHandlerHookHandler,
  services: Services,
) {
  const page = caseFormPages(app, guard, 'interventions');
  const tab = (request: FastifyRequest, params: Params) =>
    services.interventions.tab(request.actor!, params.id!);

  async function withIntervention(request: FastifyRequest, params: Params, kind?: string) {
    const view = await tab(request, params);
    const intervention = view.interventions.find((i) => i.id === params.interventionId);
    if (!intervention || (kind && intervention.kind !== kind)) throw notFound();
    return { ...view, intervention };
  }

  async function withLetter(request: FastifyRequest, params: Params) {
    const view = await withIntervention(request, params, 'letter_of_apology');
    const letter = view.intervention.letters.find((l) => l.id === params.letterId);
    if (!letter) throw notFound();
    return { ...view, letter };
  }

  const scheduleChoices = (view: InterventionsTab, t: Translate) => ({
    venue_kind: optionsOf(VENUE_KINDS, 'cases.interventions.venueKinds', t),
    rotl_status: optionsOf(ROTL_STATUSES, 'cases.interventions.rotlStatuses', t),
    attendees: participantChoices(view.facts.participants, t, { withStanding: true }),
  });

  page({
    path: '/cases/:id/interventions/new',
    load: tab,
    title: 'cases.interventions.pages.plan',
    submit: 'cases.interventions.pages.planSave',
    fields: [field('kind', 'radios'), ...SCHEDULE_FIELDS],
    choices: (view, _params, t) => ({
      kind: optionsOf(INTERVENTION_KINDS, 'cases.interventionKinds', t),
      ...scheduleChoices(view, t),
    }),
    back: cancel,
    save: saved('planned', (actor, params, input) =>
      services.interventions.plan(actor, params.id!, input),
    ),
  });

  page({
    path: '/cases/:id/interventions/:interventionId/edit',
    load: (request, params) => withIntervention(request, params),
    title: 'cases.interventions.pages.edit',
    submit: 'cases.interventions.pages.editSave',
    fields: SCHEDULE_FIELDS,
    choices: (view, _params, t) => scheduleChoices(view, t),
    context: (view, _params, t) => interventionRows(view, view.intervention, t).slice(0, 1),
    initial: ({ intervention: i }) => {
      const when = i.scheduled_at ? londonDateAndTime(i.scheduled_at) : undefined;
      return {
        scheduled_on: when?.date,
        scheduled_time: when?.time ?? '',
        venue_kind: i.venue_kind ?? '',
        rotl_status: i.rotl_status ?? '',
        venue_detail: i.venue_detail ?? '',
        attendees: i.attendeeIds,
        notes: i.notes ?? '',
      };
    },
    back: cancel,
    save: saved('changed', (actor, params, input) =>
      services.interventions.update(actor, params.id!, params.interventionId!, input),
    ),
  });

  page({
    path: '/cases/:id/interventions/:interventionId/outcome',
    load: (request, params) => withIntervention(request, params),
    title: 'cases.interventions.pages.outcome',
    submit: 'cases.interventions.pages.outcomeSave',
    fields: [
      field('outcome', 'radios'),
      field('held_on', 'date', { hint: true }),
      field('notes', 'textarea', { optional: true }),
    ],
    choices: (_view, _params, t) => ({
      outcome: optionsOf(OUTCOMES, 'cases.interventions.outcomes', t),
    }),
    context: (view, _params, t) => interventionRows(view, view.intervention, t),
    initial: ({ intervention }) => ({ notes: intervention.notes ?? '' }),
    back: cancel,
    async save(request, params, input) {
      const { status } = await services.interventions.recordOutcome(
        request.actor!,
        params.id!,
        params.interventionId!,
        input,
      );
      // Held: offer to schedule follow-up contact straight away.
      return status === 'held'
        ? `/cases/${params.id}/agreement/follow-ups/new?after=held`
        : tabHref(params, status);
    },
  });

  page({
    path: '/cases/:id/interventions/:interventionId/messages/new',
    load: (request, params) => withIntervention(request, params, 'shuttle'),
    title: 'cases.interventions.pages.message',
    submit: 'cases.interventions.pages.messageSave',
    fields: [
      field('from_participant', 'radios'),
      field('to_participant', 'radios'),
      field('carried_on', 'date'),
      field('summary', 'textarea', { hint: true }),
    ],
    choices: (view, _params, t) => ({
      from_participant: participantChoices(view.facts.participants, t, { withStanding: true }),
      to_participant: participantChoices(view.facts.participants, t, { withStanding: true }),
    }),
    context: (view, _params, t) => interventionRows(view, view.intervention, t).slice(0, 2),
    back: cancel,
    save: saved('message', (actor, params, input) =>
      services.interventions.addMessage(actor, params.id!, params.interventionId!, input),
    ),
  });

  page({
    path: '/cases/:id/interventions/:interventionId/letters/new',
    load: (request, params) => withIntervention(request, params, 'letter_of_apology'),
    title: 'cases.interventions.pages.letter',
    submit: 'cases.interventions.pages.letterSave',
    fields: [
      field('writer', 'radios'),
      field('recipient', 'radios'),
      field('received_on', 'date'),
      field('notes', 'textarea', { hint: true, optional: true, words: 'letter_notes' }),
    ],
    choices: (view, _params, t) => ({
      writer: participantChoices(view.facts.participants, t),
      recipient: participantChoices(view.facts.participants, t),
    }),
    intro: (_view, _params, t) => t('cases.interventions.pages.letterIntro'),
    back: cancel,
    save: saved('letter', (actor, params, input) =>
      services.interventions.receiveLetter(actor, params.id!, params.interventionId!, input),
    ),
  });

  page({
    path: '/cases/:id/interventions/:interventionId/letters/:letterId/decision',
    load: withLetter,
    title: 'cases.interventions.pages.decision',
    submit: 'cases.interventions.pages.decisionSave',
    fields: [field('recipient_contacted_on', 'date'), field('recipient_decision', 'radios')],
    choices: (_view, _params, t) => ({
      recipient_decision: optionsOf(LETTER_DECISIONS, 'cases.interventions.letters.decisions', t),
    }),
    context: (view, _params, t) => letterRows(view, view.letter, t),
    intro: (view, _params, t) =>
      t('cases.interventions.pages.decisionIntro', {
        name: participantName(view, view.letter.recipient_participant_id),
      }),
    initial: ({ letter }) => ({
      recipient_contacted_on: letter.recipient_contacted_on ?? undefined,
      recipient_decision: letter.recipient_decision ?? '',
    }),
    back: cancel,
    save: saved('decision', (actor, params, input) =>
      services.interventions.recordRecipientDecision(actor, params.id!, params.letterId!, input),
    ),
  });

  page({
    path: '/cases/:id/interventions/:interventionId/letters/:letterId/delivered',
    load: withLetter,
    title: 'cases.interventions.pages.delivered',
    submit: 'cases.interventions.pages.deliveredSave',
    fields: [field('delivered_on', 'date')],
    context: (view, _params, t) => letterRows(view, view.letter, t),
    intro: (view, _params, t) =>
      t('cases.interventions.pages.deliveredIntro', {
        name: participantName(view, view.letter.recipient_participant_id),
      }),
    back: cancel,
    save: saved('delivered', (actor, params, input) =>
      services.interventions.markDelivered(actor, params.id!, params.letterId!, input),
    ),
  });
}
