// The question pages of the Interventions tab: plan, change, record what happened, a shuttle
// message carried, a letter received, the harmed person's choice about it, and its delivery.
import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { Services } from '../../../services.js';
import { notFound } from '../../../platform/errors.js';
import type { Field, FieldKind } from './fields.js';
import { registerFormPage, type Params } from './form-page.js';
import { londonDateAndTime } from './london-time.js';
import {
  interventionRows,
  letterRows,
  optionsOf,
  participantChoices,
  participantName,
  type InterventionsTab,
} from './presenter.js';
import {
  INTERVENTION_KINDS,
  LETTER_DECISIONS,
  OUTCOMES,
  ROTL_STATUSES,
  VENUE_KINDS,
} from './schemas.js';

const field = (
  name: string,
  kind: FieldKind,
  options: { hint?: boolean; optional?: boolean; words?: string } = {},
): Field => ({
  name,
  kind,
  label: `cases.interventions.fields.${options.words ?? name}.label`,
  hint: options.hint ? `cases.interventions.fields.${options.words ?? name}.hint` : undefined,
  optional: options.optional,
});

const SCHEDULE_FIELDS: Field[] = [
  field('scheduled_on', 'date', { optional: true }),
  field('scheduled_time', 'time', { hint: true, optional: true }),
  field('venue_kind', 'radios', { optional: true }),
  field('rotl_status', 'radios', { hint: true, optional: true }),
  field('venue_detail', 'text', { hint: true, optional: true }),
  field('attendees', 'checkboxes', { hint: true }),
  field('notes', 'textarea', { optional: true }),
];

const tabHref = (params: Params, done?: string) =>
  `/cases/${params.id}/interventions${done ? `?done=${done}` : ''}`;
const cancel = (params: Params) => ({
  href: tabHref(params),
  text: 'cases.interventions.forms.cancel',
});

export function registerInterventionPages(
  app: FastifyInstance,
  guard: preHandlerHookHandler,
  services: Services,
) {
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

  const scheduleChoices = (view: InterventionsTab, t: Parameters<typeof optionsOf>[2]) => ({
    venue_kind: optionsOf(VENUE_KINDS, 'cases.interventions.venueKinds', t),
    rotl_status: optionsOf(ROTL_STATUSES, 'cases.interventions.rotlStatuses', t),
    attendees: participantChoices(view.facts.participants, t, { withStanding: true }),
  });

  registerFormPage(app, guard, {
    path: '/cases/:id/interventions/new',
    tab: 'interventions',
    load: tab,
    title: 'cases.interventions.pages.plan',
    submit: 'cases.interventions.pages.planSave',
    fields: [field('kind', 'radios'), ...SCHEDULE_FIELDS],
    choices: (view, _params, t) => ({
      kind: optionsOf(INTERVENTION_KINDS, 'cases.interventionKinds', t),
      ...scheduleChoices(view, t),
    }),
    back: cancel,
    async save(request, params, input) {
      await services.interventions.plan(request.actor!, params.id!, input);
      return tabHref(params, 'planned');
    },
  });

  registerFormPage(app, guard, {
    path: '/cases/:id/interventions/:interventionId/edit',
    tab: 'interventions',
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
    async save(request, params, input) {
      await services.interventions.update(
        request.actor!,
        params.id!,
        params.interventionId!,
        input,
      );
      return tabHref(params, 'changed');
    },
  });

  registerFormPage(app, guard, {
    path: '/cases/:id/interventions/:interventionId/outcome',
    tab: 'interventions',
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

  registerFormPage(app, guard, {
    path: '/cases/:id/interventions/:interventionId/messages/new',
    tab: 'interventions',
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
    async save(request, params, input) {
      await services.interventions.addMessage(
        request.actor!,
        params.id!,
        params.interventionId!,
        input,
      );
      return tabHref(params, 'message');
    },
  });

  registerFormPage(app, guard, {
    path: '/cases/:id/interventions/:interventionId/letters/new',
    tab: 'interventions',
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
    async save(request, params, input) {
      await services.interventions.receiveLetter(
        request.actor!,
        params.id!,
        params.interventionId!,
        input,
      );
      return tabHref(params, 'letter');
    },
  });

  registerFormPage(app, guard, {
    path: '/cases/:id/interventions/:interventionId/letters/:letterId/decision',
    tab: 'interventions',
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
    async save(request, params, input) {
      await services.interventions.recordRecipientDecision(
        request.actor!,
        params.id!,
        params.letterId!,
        input,
      );
      return tabHref(params, 'decision');
    },
  });

  registerFormPage(app, guard, {
    path: '/cases/:id/interventions/:interventionId/letters/:letterId/delivered',
    tab: 'interventions',
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
    async save(request, params, input) {
      await services.interventions.markDelivered(
        request.actor!,
        params.id!,
        params.letterId!,
        input,
      );
      return tabHref(params, 'delivered');
    },
  });
}
