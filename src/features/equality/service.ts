// Equality and diversity answers on a participant: recorded by staff on the case, or by the
// participant through their one-time questionnaire link (respondent.ts). Every question is
// optional. They leave the service only as counts in the aggregate store.
import type { Kysely } from 'kysely';
import { withActor, type Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import {
  EQUALITY_FIELDS,
  readEqualityAnswers,
  type EqualityAnswers,
  type EqualityField,
} from '../../domain/equality.js';
import { isUuid } from '../../domain/ids.js';
import type { Actor } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';
import { notFound, validationFailed } from '../../platform/errors.js';
import { loadCase } from '../cases/access.js';

export interface EqualityTarget {
  orgId: string;
  caseId: string;
  participantId: string;
}

/** Writes the answers given (a question not mentioned keeps its answer), in one statement. */
export async function saveEquality(
  tx: Tx,
  target: EqualityTarget,
  answers: EqualityAnswers,
  recorded: { via: 'staff' | 'questionnaire'; by: string | null },
): Promise<void> {
  const fields = Object.keys(answers) as EqualityField[];
  if (fields.length === 0) return;
  const values = Object.fromEntries(fields.map((f) => [f, answers[f] ?? null]));
  const stamp = { recorded_via: recorded.via, recorded_by: recorded.by, recorded_at: new Date() };
  await tx
    .insertInto('participant_equality')
    .values({
      participant_id: target.participantId,
      org_id: target.orgId,
      case_id: target.caseId,
      ...values,
      ...stamp,
    })
    .onConflict((oc) => oc.column('participant_id').doUpdateSet({ ...values, ...stamp }))
    .execute();
}

/** The problems of a form as field errors, one per question. */
export function equalityErrors(problems: { field: EqualityField }[]) {
  return problems.map((p) => ({ field: `eq_${p.field}`, key: 'equality.errors.answer' }));
}

async function participantOf(tx: Tx, caseId: string, participantId: string) {
  if (!isUuid(participantId)) throw notFound();
  const participant = await tx
    .selectFrom('case_participants')
    .select(['id', 'display_name', 'role', 'organisation_name'])
    .where('id', '=', participantId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!participant || participant.organisation_name) throw notFound();
  return participant;
}

export function equalityService({ db }: { db: Kysely<DB> }) {
  return {
    /** A participant's answers, for the form on their case. */
    async form(actor: Actor, caseId: string, participantId: string) {
      await authorize(db, actor, 'work_cases', 'case.equality_viewed');
      return withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        const participant = await participantOf(tx, caseId, participantId);
        const saved = await tx
          .selectFrom('participant_equality')
          .selectAll()
          .where('participant_id', '=', participantId)
          .executeTakeFirst();
        await recordAudit(tx, actor, {
          action: 'case.equality_viewed',
          entityType: 'case_participant',
          entityId: participantId,
        });
        return {
          case: row,
          participant,
          answers: Object.fromEntries(
            EQUALITY_FIELDS.map((f) => [f, saved?.[f] ?? null]),
          ) as Record<EqualityField, string | null>,
          recordedVia: saved?.recorded_via ?? null,
          recordedAt: saved?.recorded_at ?? null,
        };
      });
    },

    /** What staff recorded: each question answered, "prefer not to say", or "not asked". */
    async record(actor: Actor, caseId: string, participantId: string, input: unknown) {
      await authorize(db, actor, 'work_cases', 'case.equality_recorded');
      const read = readEqualityAnswers((input ?? {}) as Record<string, unknown>, {
        prefix: 'eq_',
        mayClear: true,
      });
      if (read.problems.length) throw validationFailed(equalityErrors(read.problems));
      await withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        await participantOf(tx, caseId, participantId);
        await saveEquality(tx, { orgId: row.org_id, caseId, participantId }, read.answers, {
          via: 'staff',
          by: actor.kind === 'user' ? actor.userId : null,
        });
        // Which questions, never the answers: the audit trail holds codes, not special
        // category data.
        await recordAudit(tx, actor, {
          action: 'case.equality_recorded',
          entityType: 'case_participant',
          entityId: participantId,
          details: { questions: Object.keys(read.answers) },
        });
      });
    },
  };
}

export type EqualityService = ReturnType<typeof equalityService>;
