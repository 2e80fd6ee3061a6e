// What each Agreement tab form asks, as Zod schemas whose messages are translation keys.
import { z } from 'zod';
import { FREQUENCIES } from '../../../domain/instalments.js';
import { choice, optionalText, requiredText } from '../../../platform/forms.js';
import {
  money,
  optionalId,
  optionalMoney,
  requiredDate,
  requiredId,
} from '../../../platform/field-schemas.js';
import { problemAt } from '../../../platform/problem-at.js';

export const ITEM_KINDS = [
  'apology',
  'reparation',
  'restitution',
  'community_work',
  'other',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const itemSchema = z
  .object({
    kind: choice(ITEM_KINDS, 'cases.agreement.errors.kind'),
    description: requiredText('cases.agreement.errors.description', 2000),
    owed_by: requiredId('cases.agreement.errors.owedBy'),
    owed_to: optionalId,
    due_on: requiredDate('cases.agreement.errors.dueOn'),
    amount: optionalMoney,
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'restitution' && value.amount === undefined)
      problemAt(ctx, 'amount', 'cases.agreement.errors.amount');
    if (value.owed_to && value.owed_to === value.owed_by)
      problemAt(ctx, 'owed_to', 'cases.agreement.errors.sameWay');
  });

export const completeSchema = z.object({
  completed_on: requiredDate('cases.agreement.errors.completedOn'),
});

export const paymentSchema = z.object({
  paid_on: requiredDate('cases.agreement.errors.paidOn'),
  amount: money('cases.agreement.errors.paymentAmount'),
});

export const followUpSchema = z.object({
  participant: optionalId,
  due_on: requiredDate('cases.agreement.errors.followUpDue'),
  notes: optionalText(2000),
});

export const followUpDoneSchema = z.object({
  done_on: requiredDate('cases.agreement.errors.doneOn'),
  notes: optionalText(2000),
});

export const planSchema = z.object({
  instalment: money('cases.agreement.errors.instalment'),
  frequency: choice(FREQUENCIES, 'cases.agreement.errors.frequency'),
  first_due_on: requiredDate('cases.agreement.errors.firstDueOn'),
});
