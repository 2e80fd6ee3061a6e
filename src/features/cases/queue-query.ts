// What a work queue page is asked for: which queue, filters, sort and page, each read leniently
// (an unknown value falls back to the default, as a hand-edited link should).
import { z } from 'zod';
import { CASE_STAGES } from '../../domain/case-lifecycle.js';
import { isUuid } from '../../domain/ids.js';
import { numberField } from '../../platform/forms.js';

export const QUEUES = [
  'mine',
  'unallocated',
  'first_contact_overdue',
  'victims_code',
  'reoffers_due',
  'agreements_overdue',
  'follow_ups_due',
  'reoffending_due',
  'updates_due',
  'inactive',
] as const;
export type Queue = (typeof QUEUES)[number];

/** Working days from the referral within which the first contact should be made. */
export const FIRST_CONTACT_WORKING_DAYS = 5;
export const DEFAULT_INACTIVE_DAYS = 30;
export const QUEUE_PAGE_SIZE = 25;

const SORTS = ['reference', 'opened', 'activity', 'stage', 'due'] as const;

/** Whether a queue with a date shows what is due now, or what falls due later. */
export const WHEN = ['now', 'later'] as const;

export const queueQuerySchema = z.object({
  queue: z.enum(QUEUES).catch('mine'),
  stage: z.enum(CASE_STAGES).optional().catch(undefined),
  facilitator: z.string().refine(isUuid).optional().catch(undefined),
  days: numberField(z.number().int().min(1).max(3650)).catch(DEFAULT_INACTIVE_DAYS),
  sort: z.enum(SORTS).catch('activity'),
  when: z.enum(WHEN).catch('now'),
  order: z.enum(['asc', 'desc']).catch('asc'),
  page: numberField(z.number().int().min(1).max(100_000)).catch(1),
});
export type QueueQuery = z.output<typeof queueQuerySchema>;
