// What each interventions form asks, as Zod schemas whose messages are translation keys.
import { z } from 'zod';
import { choice, optionalText, requiredText } from '../../../platform/forms.js';
import {
  idList,
  optionalChoice,
  optionalDate,
  optionalTime,
  requiredDate,
  requiredId,
} from '../../../platform/field-schemas.js';

import { INTERVENTION_KINDS } from '../../../domain/interventions.js';
import { problemAt } from '../../../platform/problem-at.js';

export { INTERVENTION_KINDS, type InterventionKind } from '../../../domain/interventions.js';

export const VENUE_KINDS = [
  'community',
  'prison_visit',
  'rotl',
  'online',
  'home',
  'other',
] as const;
export const ROTL_STATUSES = ['requested', 'approved', 'refused'] as const;
export const OUTCOMES = ['held', 'cancelled', 'postponed'] as const;
export const LETTER_DECISIONS = ['receive', 'decline', 'not_yet'] as const;

const scheduleFields = {
  scheduled_on: optionalDate,
  scheduled_time: optionalTime,
  venue_kind: optionalChoice(VENUE_KINDS, 'cases.interventions.errors.venueKind'),
  rotl_status: optionalChoice(ROTL_STATUSES, 'cases.interventions.errors.rotlStatus'),
  venue_detail: optionalText(500),
  attendees: idList,
  notes: optionalText(5000),
};

type Schedule = {
  scheduled_on?: string;
  scheduled_time?: string;
  venue_kind?: string;
  rotl_status?: string;
};

function checkSchedule(value: Schedule, ctx: z.RefinementCtx) {
  if (value.scheduled_time && !value.scheduled_on)
    problemAt(ctx, 'scheduled_on', 'cases.interventions.errors.dateForTime');
  if (value.scheduled_on && !value.scheduled_time)
    problemAt(ctx, 'scheduled_time', 'cases.interventions.errors.timeForDate');
  if (value.venue_kind === 'rotl' && !value.rotl_status)
    problemAt(ctx, 'rotl_status', 'cases.interventions.errors.rotlStatus');
}

export const planSchema = z
  .object({
    kind: choice(INTERVENTION_KINDS, 'cases.interventions.errors.kind'),
    ...scheduleFields,
  })
  .superRefine(checkSchedule);

export const updateSchema = z.object(scheduleFields).superRefine(checkSchedule);

export const outcomeSchema = z
  .object({
    outcome: choice(OUTCOMES, 'cases.interventions.errors.outcome'),
    held_on: optionalDate,
    notes: optionalText(5000),
  })
  .superRefine((value, ctx) => {
    if (value.outcome === 'held' && !value.held_on)
      problemAt(ctx, 'held_on', 'cases.interventions.errors.heldOn');
  });

export const messageSchema = z
  .object({
    from_participant: requiredId('cases.interventions.errors.from'),
    to_participant: requiredId('cases.interventions.errors.to'),
    carried_on: requiredDate('cases.interventions.errors.carriedOn'),
    summary: requiredText('cases.interventions.errors.summary', 5000),
  })
  .superRefine((value, ctx) => {
    if (value.from_participant === value.to_participant)
      problemAt(ctx, 'to_participant', 'cases.interventions.errors.sameWay');
  });

export const letterSchema = z
  .object({
    writer: requiredId('cases.interventions.errors.writer'),
    recipient: requiredId('cases.interventions.errors.recipient'),
    received_on: requiredDate('cases.interventions.errors.receivedOn'),
    notes: optionalText(5000),
  })
  .superRefine((value, ctx) => {
    if (value.writer === value.recipient)
      problemAt(ctx, 'recipient', 'cases.interventions.errors.sameWay');
  });

export const decisionSchema = z.object({
  recipient_contacted_on: requiredDate('cases.interventions.errors.contactedOn'),
  recipient_decision: choice(LETTER_DECISIONS, 'cases.interventions.errors.decision'),
});

export const deliveredSchema = z.object({
  delivered_on: requiredDate('cases.interventions.errors.deliveredOn'),
});
