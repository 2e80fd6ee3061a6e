// The one definition of a wellbeing measure's fields, shared by the three doors (the web form,
// the JSON API and the CSV import), and of the forms for goals and categories. Field names are
// the API's property names and the CSV's column names; messages are translation keys.
import { z } from 'zod';
import { isIsoDate } from '../../../domain/calendar-dates.js';
import { MEASURE_KINDS } from '../../../domain/measures.js';
import { isUuid } from '../../../domain/ids.js';
import { optionalText, requiredText } from '../../../platform/forms.js';

const E = 'measures.wellbeing.errors';

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : value);

/** A date as YYYY-MM-DD: required, and a real date. */
const takenOn = z.preprocess(
  trimmed,
  z
    .string({ error: `${E}.dateRequired` })
    .min(1, { error: `${E}.dateRequired` })
    .refine(isIsoDate, { error: `${E}.dateInvalid` })
    .meta({ format: 'date', example: '2026-11-20' }),
);

/** A score from 1 (not coping at all) to 5 (coping well). */
export const scoreSchema = z
  .number({ error: `${E}.score` })
  .int({ error: `${E}.score` })
  .min(1, { error: `${E}.score` })
  .max(5, { error: `${E}.score` });

export const measureSchema = z.object({
  kind: z
    .enum(MEASURE_KINDS, { error: `${E}.kind` })
    .meta({ description: 'entry (the baseline), exit (the exit review) or follow_up' }),
  taken_on: takenOn,
  scores: z.record(z.string(), scoreSchema, { error: `${E}.scores` }).meta({
    description:
      "A score from 1 (not coping at all) to 5 (coping well) for each of the service's categories of need in use, keyed by the category's key.",
    example: { 'mental-and-physical-health': 2, 'shelter-and-accommodation': 4 },
  }),
  notes: optionalText(2000),
});

export type MeasureFields = z.output<typeof measureSchema>;

/** What a service's own system sends to POST /api/v1/wellbeing-measures. */
export const apiMeasureSchema = measureSchema.extend({
  case_reference: z.preprocess(
    trimmed,
    z
      .string({ error: `${E}.caseReference` })
      .min(1, { error: `${E}.caseReference` })
      .max(40, { error: `${E}.caseReference` })
      .meta({ description: "The case's reference, as Waymark shows it", example: 'RJ-7K3F-9QX2' }),
  ),
  participant_id: z
    .string({ error: `${E}.participantId` })
    .refine(isUuid, { error: `${E}.participantId` })
    .meta({ format: 'uuid', description: "The participant's id in Waymark" }),
});

export const API_MEASURE_FIELDS = Object.keys(apiMeasureSchema.shape);

export const GOAL_OUTCOMES = ['met', 'partly_met', 'not_met'] as const;
export type GoalOutcome = (typeof GOAL_OUTCOMES)[number];

export const goalSchema = z.object({
  category: z.preprocess(
    trimmed,
    z.string({ error: `${E}.goalCategory` }).min(1, `${E}.goalCategory`),
  ),
  goal: requiredText(`${E}.goalRequired`, 1000),
  set_on: takenOn,
});

export const goalReviewSchema = z.object({
  outcome: z.enum(GOAL_OUTCOMES, { error: `${E}.reviewOutcome` }),
  note: optionalText(2000),
});

export const categoryLabelSchema = z.object({
  label: requiredText(`${E}.labelRequired`, 120),
});
