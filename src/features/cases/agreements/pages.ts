// The question pages of the Agreement tab: an item added or changed, completed, a restitution
// payment, an instalment plan set, changed or ended; follow-up contact scheduled and done.
import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { FREQUENCIES } from '../../../domain/instalments.js';
import type { Translate } from '../../../platform/i18n/index.js';
import type { Services } from '../../../services.js';
import { formatDate } from '../../../platform/format.js';
import { notFound } from '../../../platform/errors.js';
import { fieldsUnder, optionsOf, type Field } from '../../../platform/fields.js';
import type { Params } from '../../../platform/form-page.js';
import { caseFormPages, tabLinks } from '../form-pages.js';
import { participantChoices, participantName } from '../presenters.js';
import { itemRows, money } from './presenter.js';
import { ITEM_KINDS } from './schemas.js';

const field = fieldsUnder('cases.agreement.fields');

const ITEM_FIELDS: Field[] = [
  field('kind', 'radios'),
  field('description', 'textarea', { hint: true }),
  field('owed_by', 'radios'),
  field('owed_to', 'radios', { hint: true }),
  field('due_on', 'date'),
  field('amount', 'money', { hint: true }),
];

const PLAN_FIELDS: Field[] = [
  field('instalment', 'money', { hint: true }),
  field('frequency', 'radios'),
  field('first_due_on', 'date'),
];

const { cancel, saved } = tabLinks('agreement');

export function registerAgreementPages(
  app: FastifyInstance,
  guard: preHandlerHookHandler,
  services: Services,
) {
  const page = caseFormPages(app, guard, 'agreement');
  const tab = (request: FastifyRequest, params: Params) =>
    services.agreements.tab(request.actor!, params.id!);

  async function withItem(request: FastifyRequest, params: Params) {
    const view = await tab(request, params);
    const item = view.items.find((i) => i.id === params.itemId);
    if (!item) throw notFound();
    return { ...view, item };
  }

  const restitution = async (request: FastifyRequest, params: Params) => {
    const view = await withItem(request, params);
    if (view.item.kind !== 'restitution') throw notFound();
    return view;
  };

  const itemChoices = (view: Awaited<ReturnType<typeof tab>>, t: Translate) => ({
    kind: optionsOf(ITEM_KINDS, 'cases.agreement.kinds', t),
    owed_by: participantChoices(view.facts.participants, t),
    owed_to: participantChoices(view.facts.participants, t, { none: t('cases.agreement.noOne') }),
  });

  page({
    path: '/cases/:id/agreement/items/new',
    load: tab,
    title: 'cases.agreement.pages.add',
    submit: 'cases.agreement.pages.addSave',
    fields: ITEM_FIELDS,
    choices: (view, _params, t) => itemChoices(view, t),
    back: cancel,
    save: saved('added', (actor, params, input) =>
      services.agreements.addItem(actor, params.id!, input),
    ),
  });

  page({
    path: '/cases/:id/agreement/items/:itemId/edit',
    load: withItem,
    title: 'cases.agreement.pages.edit',
    submit: 'cases.agreement.pages.editSave',
    fields: ITEM_FIELDS,
    choices: (view, _params, t) => itemChoices(view, t),
    initial: ({ item }) => ({
      kind: item.kind,
      description: item.description,
      owed_by: item.owed_by_participant_id ?? '',
      owed_to: item.owed_to_participant_id ?? '',
      due_on: item.due_on ?? undefined,
      amount: item.amount_pence === null ? '' : (item.amount_pence / 100).toFixed(2),
    }),
    back: cancel,
    save: saved('changed', (actor, params, input) =>
      services.agreements.updateItem(actor, params.id!, params.itemId!, input),
    ),
  });

  page({
    path: '/cases/:id/agreement/items/:itemId/complete',
    load: withItem,
    title: 'cases.agreement.pages.complete',
    submit: 'cases.agreement.pages.completeSave',
    fields: [field('completed_on', 'date')],
    context: (view, _params, t) => itemRows(view, view.item, t),
    back: cancel,
    save: saved('completed', (actor, params, input) =>
      services.agreements.completeItem(actor, params.id!, params.itemId!, input),
    ),
  });

  page({
    path: '/cases/:id/agreement/items/:itemId/payments/new',
    load: restitution,
    title: 'cases.agreement.pages.payment',
    submit: 'cases.agreement.pages.paymentSave',
    fields: [field('paid_on', 'date'), field('amount', 'money', { words: 'payment_amount' })],
    context: (view, _params, t) => itemRows(view, view.item, t).slice(1),
    intro: (view, _params, t) =>
      t('cases.agreement.pages.paymentIntro', { balance: money(view.item.balancePence ?? 0, t) }),
    back: cancel,
    save: saved('payment', (actor, params, input) =>
      services.agreements.addPayment(actor, params.id!, params.itemId!, input),
    ),
  });

  page({
    path: '/cases/:id/agreement/items/:itemId/plan',
    load: restitution,
    title: 'cases.agreement.pages.plan',
    submit: 'cases.agreement.pages.planSave',
    fields: PLAN_FIELDS,
    choices: (_view, _params, t) => ({
      frequency: optionsOf(FREQUENCIES, 'cases.agreement.plan.frequencies', t),
    }),
    initial: ({ item }) =>
      item.plan
        ? {
            instalment: (item.plan.instalmentPence / 100).toFixed(2),
            frequency: item.plan.frequency,
            first_due_on: item.plan.firstDueOn,
          }
        : {},
    context: (view, _params, t) => itemRows(view, view.item, t).slice(1),
    intro: (view, _params, t) =>
      t('cases.agreement.pages.planIntro', { balance: money(view.item.balancePence ?? 0, t) }),
    back: cancel,
    save: saved('plan', (actor, params, input) =>
      services.agreements.setPlan(actor, params.id!, params.itemId!, input),
    ),
  });

  page({
    path: '/cases/:id/agreement/items/:itemId/plan/end',
    load: restitution,
    title: 'cases.agreement.pages.endPlan',
    submit: 'cases.agreement.pages.endPlanSave',
    fields: [],
    context: (view, _params, t) => itemRows(view, view.item, t).slice(1),
    intro: (_view, _params, t) => t('cases.agreement.pages.endPlanIntro'),
    back: cancel,
    save: saved('planEnded', (actor, params, input) =>
      services.agreements.endPlan(actor, params.id!, params.itemId!, input),
    ),
  });

  page({
    path: '/cases/:id/agreement/follow-ups/new',
    load: tab,
    title: 'cases.agreement.pages.followUp',
    submit: 'cases.agreement.pages.followUpSave',
    fields: [
      field('participant', 'radios'),
      field('due_on', 'date'),
      field('notes', 'textarea', { optional: true }),
    ],
    choices: (view, _params, t) => ({
      participant: participantChoices(view.facts.participants, t, {
        none: t('cases.agreement.followUps.wholeCase'),
      }),
    }),
    // Straight after an intervention was recorded as held, this page is offered, not required.
    flash: (query, t) => (query.after === 'held' ? t('cases.interventions.flash.held') : undefined),
    intro: (_view, _params, t, query) =>
      query.after === 'held' ? t('cases.agreement.pages.followUpAfterHeld') : undefined,
    back: (params, query) =>
      query.after === 'held'
        ? { href: `/cases/${params.id}/interventions`, text: 'cases.agreement.pages.notNow' }
        : cancel(params),
    save: saved('followUp', (actor, params, input) =>
      services.agreements.scheduleFollowUp(actor, params.id!, input),
    ),
  });

  page({
    path: '/cases/:id/agreement/follow-ups/:followUpId/done',
    load: async (request, params) => {
      const view = await tab(request, params);
      const followUp = view.followUps.find((f) => f.id === params.followUpId);
      if (!followUp) throw notFound();
      return { ...view, followUp };
    },
    title: 'cases.agreement.pages.followUpDone',
    submit: 'cases.agreement.pages.followUpDoneSave',
    fields: [field('done_on', 'date'), field('notes', 'textarea', { optional: true })],
    context: ({ followUp, ...view }, _params, t) => [
      {
        key: { text: t('cases.agreement.followUps.dueOn') },
        value: { text: formatDate(followUp.due_on) },
      },
      {
        key: { text: t('cases.agreement.followUps.with') },
        value: {
          text: followUp.participant_id
            ? participantName(view, followUp.participant_id)
            : t('cases.agreement.followUps.wholeCase'),
        },
      },
    ],
    initial: ({ followUp }) => ({ notes: followUp.notes ?? '' }),
    back: cancel,
    save: saved('followUpDone', (actor, params, input) =>
      services.agreements.markFollowUpDone(actor, params.id!, params.followUpId!, input),
    ),
  });
}
