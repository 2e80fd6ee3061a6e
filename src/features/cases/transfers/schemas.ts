// The forms of a transfer: what to send where, and why a transfer is declined.
import { z } from 'zod';
import { isUuid } from '../../../domain/ids.js';
import { requiredText } from '../../../platform/forms.js';
import { TRANSFER_KINDS, TRANSFER_PARTS } from './payload.js';

const list = (value: unknown) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export const transferSchema = z.object({
  to_org: z
    .string({ error: 'cases.transfers.errors.service' })
    .refine(isUuid, { error: 'cases.transfers.errors.service' }),
  kind: z.enum(TRANSFER_KINDS, { error: 'cases.transfers.errors.kind' }),
  message: requiredText('cases.transfers.errors.message', 4000),
  items: z.preprocess(list, z.array(z.enum(TRANSFER_PARTS, { error: 'validation.invalid' }))),
  participants: z.preprocess(list, z.array(z.string().refine(isUuid))),
  documents: z.preprocess(list, z.array(z.string().refine(isUuid))),
});

export const declineSchema = z.object({
  reason: requiredText('cases.transfers.errors.reason', 2000),
});
