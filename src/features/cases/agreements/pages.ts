// The question pages of the Agreement tab: an item added or changed, completed, a restitution
// payment; follow-up contact scheduled and done.
import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { Services } from '../../../services.js';
import { formatDate } from '../../../platform/format.js';
import { notFound } from '../../../platform/errors.js';
import type { Field, FieldKind } from '../interventions/fields.js';
import { registerFormPage, type Params } from '../interventions/form-page.js';
import { optionsOf, participantChoices, participantName } from '../interventions/presenter.js';
import { itemRows, money } from './presenter.js';
import { ITEM_KINDS } from './schemas.js';

const field = (
  name: string,
  kind: FieldKind,
  options: { hint?: boolean; optional?: boolean; words?: string } = {},
): Field => ({
  name,
  kind,
  label: `cases.agreement.fields.${options.words ?? name}.label`,
  hint: options.hint ? `cases.agreement.fields.${options.words ?? name}.hint` : undefined,
  optional: options.optional,
});

const ITEM_FIELDS: Field[] = [
  field('kind', 'radios'),
  field('description', 'textarea', { hint: true }),
  field('owed_by', 'radios'),
  field('owed_to', 'radios', { hint: true }),
  field('due_on', 'date'),
  field('amount', 'money', { hint: true }),
];

const tabHref = (params: Params, done?: string) =>
  `/cases/${params.id}/agreement${done ? `?done=${done}` : ''}`;
const cancel = (params: Params) => ({
  href: tabHref(params),
  text: 'cases.interventions.forms.cancel',
});

export function registerAgreementPages(
  app: FastifyInstance,
  guard: preHandlerHookHandler,
  services: Services,
) {
  const tab = (request: FastifyRequest, params: Params) =>
    services.agreements.tab(request.actor!, params.id!);

  async function withItem(request: FastifyRequest, params: Params) {
    const view = await tab(request, params);
    const item = view.items.find((i) => i.id === params.itemId);
    if (!item) throw notFound();
    return { ...view, item };
  }

  const itemChoices = (
    view: Awaited<ReturnType<typeof tab>>,
    t: Parameters<typeof optionsOf>[2],
  ) => ({
    kind: optionsOf(ITEM_KINDS, 'cases.agreement.kinds', t),
    owed_by: participantChoices(view.facts.participants, t),
    owed_to: participantChoices(view.facts.participants, t, { none: t('cases.agreement.noOne') }),
  });

  registerFormPage(app, guard, {
    path: '/cases/:id/agreement/items/new',
    tab: 'agreement',
    load: tab,
    title: 'cases.agreement.pages.add',
    submit: 'cases.agreement.pages.addSave',
    fields: ITEM_FIELDS,
    choices: (view, _params, t) => itemChoices(view, t),
    back: cancel,
    async save(request, params, input) {
      await services.agreements.addItem(request.actor!, params.id!, input);
      return tabHref(params, 'added');
    },
  });

  registerFormPage(app, guard, {
    path: '/cases/:id/agreement/items/:itemId/edit',
    tab: 'agreement',
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
    async save(request, params, input) {
      await services.agreements.updateItem(request.actor!, params.id!, params.itemId!, input);
      return tabHref(params, 'changed');
    },
  });

  registerFormPage(app, guard, {
    path: '/cases/:id/agreement/items/:itemId/complete',
    tab: 'agreement',
    load: withItem,
    title: 'cases.agreement.pages.complete',
    submit: 'cases.agreement.pages.completeSave',
    fields: [field('completed_on', 'date')],
    context: (view, _params, t) => itemRows(view, view.item, t),
    back: cancel,
    async save(request, params, input) {
      await services.agreements.completeItem(request.actor!, params.id!, params.itemId!, input);
      return tabHref(params, 'completed');
    },
  });

  registerFormPage(app, guard, {
    path: '/cases/:id/agreement/items/:itemId/payments/new',
    tab: 'agreement',
    load: async (request, params) => {
      const view = await withItem(request, params);
      if (view.item.kind !== 'restitution') throw notFound();
      return view;
    },
    title: 'cases.agreement.pages.payment',
    submit: 'cases.agreement.pages.paymentSave',
    fields: [field('paid_on', 'date'), field('amount', 'money', { words: 'payment_amount' })],
    context: (view, _params, t) => itemRows(view, view.item, t).slice(1),
    intro: (view, _params, t) =>
      t('cases.agreement.pages.paymentIntro', { balance: money(view.item.balancePence ?? 0, t) }),
    back: cancel,
    async save(request, params, input) {
      await services.agreements.addPayment(request.actor!, params.id!, params.itemId!, input);
      return tabHref(params, 'payment');
    },
  });

  registerFormPage(app, guard, {
    path: '/cases/:id/agreement/follow-ups/new',
    tab: 'agreement',
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
    async save(request, params, input) {
      await services.agreements.scheduleFollowUp(request.actor!, params.id!, input);
      return tabHref(params, 'followUp');
    },
  });

  registerFormPage(app, guard, {
    path: '/cases/:id/agreement/follow-ups/:followUpId/done',
    tab: 'agreement',
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
    async save(request, params, input) {
      await services.agreements.markFollowUpDone(
        request.actor!,
        params.id!,
        params.followUpId!,
        input,
      );
      return tabHref(params, 'followUpDone');
    },
  });
}
