// The rows the service outcomes page is computed from, each for a period. Every figure on the
// page is one of the pure functions in src/domain/measures.ts applied to these rows, so it can
// be reproduced from the data by hand.
import type { Tx } from '../../../db/actor-context.js';

export interface Period {
  from: string;
  to: string;
}

/** Questionnaire answers given in the period, with each item's type. */
export async function satisfactionAnswers(tx: Tx, orgId: string, period: Period) {
  const rows = await tx
    .selectFrom('questionnaire_responses')
    .innerJoin('questionnaires', 'questionnaires.id', 'questionnaire_responses.questionnaire_id')
    .select(['questionnaires.audience', 'questionnaires.items', 'questionnaire_responses.answers'])
    .where('questionnaire_responses.org_id', '=', orgId)
    .where('questionnaire_responses.responded_on', '>=', period.from)
    .where('questionnaire_responses.responded_on', '<=', period.to)
    .execute();
  return rows.map((row) => ({
    audience: row.audience,
    items: row.items as { id: string; type: string; retired?: boolean }[],
    answers: row.answers as Record<string, unknown>,
  }));
}

/**
 * Each participant whose exit measure was taken in the period, with that exit's scores and the
 * scores of their latest entry measure before it (none if they only had an exit).
 */
export async function wellbeingPairs(tx: Tx, orgId: string, period: Period) {
  const exits = await tx
    .selectFrom('wellbeing_measures')
    .select(['id', 'participant_id', 'taken_on'])
    .where('org_id', '=', orgId)
    .where('kind', '=', 'exit')
    .where('taken_on', '>=', period.from)
    .where('taken_on', '<=', period.to)
    .orderBy('taken_on')
    .execute();
  const latestExit = new Map(exits.map((e) => [e.participant_id, e]));
  if (latestExit.size === 0) return [];
  const participants = [...latestExit.keys()];
  const entries = await tx
    .selectFrom('wellbeing_measures')
    .select(['id', 'participant_id', 'taken_on'])
    .where('org_id', '=', orgId)
    .where('kind', '=', 'entry')
    .where('participant_id', 'in', participants)
    .orderBy('taken_on')
    .execute();
  const measureIds = [...exits.map((e) => e.id), ...entries.map((e) => e.id)];
  const scores = await tx
    .selectFrom('wellbeing_scores')
    .select(['measure_id', 'category_id', 'score'])
    .where('measure_id', 'in', measureIds)
    .execute();
  const scoresOf = (measureId: string) =>
    new Map(scores.filter((s) => s.measure_id === measureId).map((s) => [s.category_id, s.score]));
  return participants.map((participantId) => {
    const exit = latestExit.get(participantId)!;
    const entry = entries
      .filter((e) => e.participant_id === participantId && e.taken_on <= exit.taken_on)
      .at(-1);
    return { participantId, entry: entry ? scoresOf(entry.id) : null, exit: scoresOf(exit.id) };
  });
}

export function categories(tx: Tx, orgId: string) {
  return tx
    .selectFrom('wellbeing_categories')
    .select(['id', 'label', 'sort_order', 'retired_at'])
    .where((eb) => eb.or([eb('org_id', '=', orgId), eb('org_id', 'is', null)]))
    .orderBy('sort_order')
    .execute();
}

export function reoffendingResults(tx: Tx, orgId: string, period: Period) {
  return tx
    .selectFrom('reoffending_checks')
    .select('further_offence')
    .where('org_id', '=', orgId)
    .where('checked_on', '>=', period.from)
    .where('checked_on', '<=', period.to)
    .execute();
}

export function approvedTestimonials(tx: Tx, orgId: string, period: Period) {
  return tx
    .selectFrom('testimonials')
    .select(['id', 'anonymised', 'consent_scope as scope', 'approved_at as approvedAt'])
    .where('org_id', '=', orgId)
    .where('approved_at', 'is not', null)
    .where('approved_at', '>=', new Date(`${period.from}T00:00:00Z`))
    .where('approved_at', '<', new Date(new Date(`${period.to}T00:00:00Z`).getTime() + 86_400_000))
    .orderBy('approved_at', 'desc')
    .limit(20)
    .execute();
}

export async function awarenessTotals(tx: Tx, orgId: string, period: Period) {
  const row = await tx
    .selectFrom('awareness_sessions')
    .select([
      (eb) => eb.fn.countAll<number>().as('sessions'),
      (eb) => eb.fn.sum<number>('attendees').as('attendees'),
      (eb) => eb.fn.sum<number>('hours').as('hours'),
    ])
    .where('org_id', '=', orgId)
    .where('held_on', '>=', period.from)
    .where('held_on', '<=', period.to)
    .executeTakeFirstOrThrow();
  return {
    sessions: Number(row.sessions),
    attendees: Number(row.attendees ?? 0),
    hours: Number(row.hours ?? 0),
  };
}

/** Minutes and miles per case, for time worked in the period. */
export function timePerCase(tx: Tx, orgId: string, period: Period) {
  return tx
    .selectFrom('case_time_entries')
    .select([
      'case_id',
      (eb) => eb.fn.sum<number>('minutes').as('minutes'),
      (eb) => eb.fn.sum<number>('miles').as('miles'),
    ])
    .where('org_id', '=', orgId)
    .where('worked_on', '>=', period.from)
    .where('worked_on', '<=', period.to)
    .groupBy('case_id')
    .execute();
}

/** Cases whose first conversation with someone involved was in the period, with the referral date. */
export function firstContacts(tx: Tx, orgId: string, period: Period) {
  return tx
    .selectFrom('cases')
    .innerJoin('referrals', 'referrals.id', 'cases.referral_id')
    .select(['cases.first_contact_on as firstContactOn', 'referrals.received_on as receivedOn'])
    .where('cases.org_id', '=', orgId)
    .where('cases.first_contact_on', '>=', period.from)
    .where('cases.first_contact_on', '<=', period.to)
    .execute();
}

export function closures(tx: Tx, orgId: string, period: Period) {
  return tx
    .selectFrom('cases')
    .select('closure_outcome')
    .where('org_id', '=', orgId)
    .where('stage', '=', 'closed')
    .where('closed_on', '>=', period.from)
    .where('closed_on', '<=', period.to)
    .execute();
}
