// The case itself: reading it (every view is audited), moving it through its stages,
// allocating facilitators, and case notes. The other parts of a case (participants, contacts,
// assessments, interventions...) have their own services in the folders beside this one.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { withActor, type Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import {
  availableActions,
  CASE_ACTIONS,
  checkTransition,
  CLOSURE_OUTCOMES,
  type CaseStage,
} from '../../domain/case-lifecycle.js';
import { isUuid } from '../../domain/ids.js';
import { nextActions } from '../../domain/next-actions.js';
import {
  cancelReoffendingChecks,
  scheduleReoffendingChecks,
} from '../measures/reoffending/schedule.js';
import { distancesOnCase } from '../measures/wellbeing/summary.js';
import type { Actor } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, forbidden, validationFailed } from '../../platform/errors.js';
import { londonDate } from '../../platform/format.js';
import { toFieldErrors } from '../../platform/forms.js';
import { expectedVersion, loadCase, recordCaseEvent, touchCase, type CaseRow } from './access.js';
import { caseFacts } from './facts.js';

const text = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || undefined : v),
    z.string().max(max, { error: 'validation.tooLong' }).optional(),
  );

export const transitionSchema = z.object({
  action: z.enum(CASE_ACTIONS, { error: 'cases.errors.action' }),
  outcome: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(CLOSURE_OUTCOMES, { error: 'cases.errors.outcome' }).optional(),
  ),
  reason: text(2000),
});

export const allocationSchema = z.object({
  lead: z
    .string({ error: 'cases.errors.leadRequired' })
    .refine(isUuid, { error: 'cases.errors.leadRequired' }),
  others: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().refine(isUuid)),
  ),
});

export const noteSchema = z.object({
  body: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z
      .string()
      .min(1, { error: 'cases.errors.noteRequired' })
      .max(10_000, { error: 'validation.tooLong' }),
  ),
});

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw validationFailed(toFieldErrors(result.error));
  return result.data;
}

export function caseService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  async function facilitatorsOf(tx: Tx, orgId: string) {
    return tx
      .selectFrom('users')
      .select(['id', 'name', 'role', 'trained_sv_da as trainedSvDa'])
      .where('org_id', '=', orgId)
      .where('active', '=', true)
      .where('role', 'in', ['practitioner', 'volunteer', 'service_manager'])
      .orderBy('name')
      .execute();
  }

  async function allocationsOf(tx: Tx, caseId: string) {
    return tx
      .selectFrom('case_allocations')
      .innerJoin('users', 'users.id', 'case_allocations.user_id')
      .select(['users.id', 'users.name', 'users.role', 'case_allocations.lead'])
      .where('case_allocations.case_id', '=', caseId)
      .orderBy('case_allocations.lead', 'desc')
      .orderBy('users.name')
      .execute();
  }

  /** Keeps the referrer's view of progress in step with the case. */
  async function updateReferralProgress(
    tx: Tx,
    referralId: string | null,
    stage: CaseStage,
    outcome?: string,
  ) {
    if (!referralId) return;
    const progress = stage === 'closed' ? 'closed' : stage === 'new' ? 'accepted' : 'in_progress';
    await tx
      .updateTable('referrals')
      .set({
        progress,
        closure_code: stage === 'closed' ? (outcome ?? null) : null,
        updated_at: clock.now(),
      })
      .where('id', '=', referralId)
      .execute();
  }

  return {
    /** The case page: summary, people, allocations, what to do next, recent events. Audited. */
    async get(actor: Actor, id: string) {
      await authorize(db, actor, 'work_cases', 'case.viewed');
      return withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, id);
        const facts = await caseFacts(tx, row);
        const participants = await tx
          .selectFrom('case_participants')
          .leftJoin('persons', 'persons.id', 'case_participants.person_id')
          .selectAll('case_participants')
          .select([
            'persons.date_of_birth as dateOfBirth',
            'persons.phone',
            'persons.email',
            'persons.postcode',
            'persons.establishment',
          ])
          .where('case_participants.case_id', '=', id)
          .orderBy('case_participants.created_at')
          .execute();
        const notes = await tx
          .selectFrom('case_notes')
          .leftJoin('users', 'users.id', 'case_notes.created_by')
          .select([
            'case_notes.id',
            'case_notes.body',
            'case_notes.created_at as createdAt',
            'users.name as authorName',
          ])
          .where('case_notes.case_id', '=', id)
          .orderBy('case_notes.created_at', 'desc')
          .limit(20)
          .execute();
        const allocations = await allocationsOf(tx, id);
        const reoffendingChecks = await tx
          .selectFrom('reoffending_checks')
          .innerJoin(
            'case_participants',
            'case_participants.id',
            'reoffending_checks.participant_id',
          )
          .select([
            'reoffending_checks.id',
            'reoffending_checks.due_on as dueOn',
            'reoffending_checks.checked_on as checkedOn',
            'reoffending_checks.further_offence as result',
            'case_participants.display_name as name',
          ])
          .where('reoffending_checks.case_id', '=', id)
          .orderBy('reoffending_checks.due_on')
          .execute();
        await recordAudit(tx, actor, { action: 'case.viewed', entityType: 'case', entityId: id });
        return {
          case: row,
          facts,
          participants: participants.map((p) => ({
            ...p,
            facts: facts.participants.find((f) => f.id === p.id)!,
          })),
          allocations,
          reoffendingChecks,
          wellbeing: await distancesOnCase(tx, id),
          notes,
          actions: availableActions(row.stage as CaseStage),
          next: nextActions(facts, { today: londonDate(clock.now()) }),
        };
      });
    },

    /** The full timeline of a case, newest first. */
    async timeline(actor: Actor, id: string) {
      await authorize(db, actor, 'work_cases', 'case.timeline_viewed');
      return withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, id);
        const events = await tx
          .selectFrom('case_events')
          .leftJoin('users', 'users.id', 'case_events.actor_id')
          .select([
            'case_events.id',
            'case_events.kind',
            'case_events.params',
            'case_events.occurred_at as occurredAt',
            'users.name as actorName',
          ])
          .where('case_events.case_id', '=', id)
          .orderBy('case_events.occurred_at', 'desc')
          .orderBy('case_events.id', 'desc')
          .limit(500)
          .execute();
        await recordAudit(tx, actor, {
          action: 'case.viewed',
          entityType: 'case',
          entityId: id,
          details: { part: 'timeline' },
        });
        return { case: row, events };
      });
    },

    /** Moves a case to another stage, if its rules allow; otherwise says every reason why not. */
    async transition(actor: Actor, id: string, input: unknown) {
      await authorize(db, actor, 'work_cases', 'case.stage_changed');
      const data = parse(transitionSchema, input);
      const version = expectedVersion(input);
      return withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, id);
        const facts = await caseFacts(tx, row);
        const result = checkTransition(facts, data.action, {
          outcome: data.outcome,
          reason: data.reason,
        });
        if (!result.ok) {
          throw new AppError('conflict', 'cases.errors.cannotMove', {
            fieldErrors: result.reasons.map((reason) => ({
              field: 'stage',
              key: reason.key,
              params: reason.params,
            })),
          });
        }
        const closing = result.to === 'closed';
        const remembersWhereItWas = data.action === 'suspend' || closing;
        await touchCase(tx, actor, clock, id, {
          expectedVersion: version,
          changes: {
            stage: result.to,
            previous_stage: remembersWhereItWas ? row.stage : null,
            ...(closing
              ? {
                  closure_outcome: data.outcome,
                  closure_note: data.reason ?? null,
                  closed_on: londonDate(clock.now()),
                }
              : {}),
            ...(data.action === 'reopen'
              ? {
                  closure_outcome: null,
                  closure_note: null,
                  closed_on: null,
                  reopened_reason: data.reason,
                }
              : {}),
            ...(data.action === 'suspend' ? { suspended_reason: data.reason } : {}),
            ...(data.action === 'resume' ? { suspended_reason: null } : {}),
          },
        });
        await updateReferralProgress(tx, row.referral_id, result.to, data.outcome);
        if (closing)
          await scheduleReoffendingChecks(tx, {
            caseId: id,
            orgId: row.org_id,
            closedOn: londonDate(clock.now()),
          });
        if (data.action === 'reopen') await cancelReoffendingChecks(tx, id);
        await recordCaseEvent(tx, actor, id, row.org_id, `stage.${data.action}`, {
          from: row.stage,
          to: result.to,
          outcome: data.outcome ?? null,
          reason:
            data.action === 'close' && data.outcome !== 'other' ? null : (data.reason ?? null),
        });
        return { stage: result.to };
      });
    },

    /** Staff who may be allocated, with whether they are trained for SV/DA cases. */
    facilitators: (actor: Actor) => withActor(db, actor, (tx) => facilitatorsOf(tx, actor.orgId!)),

    /** A manager allocates a lead facilitator and any co-workers. */
    async allocate(actor: Actor, id: string, input: unknown) {
      await authorize(db, actor, 'manage_service', 'case.allocated');
      const data = parse(allocationSchema, input);
      await withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, id);
        const staff = new Map((await facilitatorsOf(tx, row.org_id)).map((u) => [u.id, u]));
        const chosen = [...new Set([data.lead, ...data.others])];
        if (chosen.some((userId) => !staff.has(userId)))
          throw validationFailed([{ field: 'lead', key: 'cases.errors.facilitatorUnknown' }]);
        await tx.deleteFrom('case_allocations').where('case_id', '=', id).execute();
        await tx
          .insertInto('case_allocations')
          .values(
            chosen.map((userId) => ({
              case_id: id,
              org_id: row.org_id,
              user_id: userId,
              lead: userId === data.lead,
              allocated_by: actor.kind === 'user' ? actor.userId : null,
            })),
          )
          .execute();
        await touchCase(tx, actor, clock, id, { expectedVersion: expectedVersion(input) });
        await recordCaseEvent(tx, actor, id, row.org_id, 'allocated', {
          lead: staff.get(data.lead)!.name,
          others: chosen
            .filter((u) => u !== data.lead)
            .map((u) => staff.get(u)!.name)
            .join(', '),
        });
      });
    },

    /** A practitioner takes an unallocated case as its lead. */
    async pickUp(actor: Actor, id: string) {
      await authorize(db, actor, 'triage_referrals', 'case.picked_up');
      if (actor.kind !== 'user') throw forbidden();
      await withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, id);
        const existing = await allocationsOf(tx, id);
        if (existing.some((a) => a.lead))
          throw new AppError('conflict', 'cases.errors.alreadyAllocated');
        await tx
          .insertInto('case_allocations')
          .values({
            case_id: id,
            org_id: row.org_id,
            user_id: actor.userId,
            lead: true,
            allocated_by: actor.userId,
          })
          .execute();
        await touchCase(tx, actor, clock, id);
        await recordCaseEvent(tx, actor, id, row.org_id, 'picked_up', { lead: actor.name });
      });
    },

    async addNote(actor: Actor, id: string, input: unknown) {
      await authorize(db, actor, 'work_cases', 'case.note_added');
      const data = parse(noteSchema, input);
      await withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, id);
        const note = await tx
          .insertInto('case_notes')
          .values({
            org_id: row.org_id,
            case_id: id,
            body: data.body,
            created_by: actor.kind === 'user' ? actor.userId : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await touchCase(tx, actor, clock, id);
        await recordCaseEvent(
          tx,
          actor,
          id,
          row.org_id,
          'note_added',
          {},
          { type: 'case_note', id: note.id },
        );
      });
    },
  };
}

export function requireOpenCase(row: { stage: string }) {
  if (row.stage === 'closed') throw new AppError('conflict', 'cases.errors.closed');
}

/**
 * One read of a case, in one transaction as the actor: the capability checked, the case loaded
 * (only if the actor may see it), the work, and the view audited with the part of the case read.
 */
export async function readCase<T>(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  part: string,
  work: (tx: Tx, row: CaseRow) => Promise<T>,
): Promise<T> {
  await authorize(db, actor, 'work_cases', 'case.viewed');
  return withActor(db, actor, async (tx) => {
    const row = await loadCase(tx, actor, caseId);
    const result = await work(tx, row);
    await recordAudit(tx, actor, {
      action: 'case.viewed',
      entityType: 'case',
      entityId: caseId,
      details: { part },
    });
    return result;
  });
}

/**
 * One change to an open case, in one transaction as the actor: the capability checked, the
 * case loaded (only if the actor may see it) and refused if closed, then the work.
 */
export async function changeOpenCase<T>(
  db: Kysely<DB>,
  actor: Actor,
  action: string,
  caseId: string,
  work: (tx: Tx, row: CaseRow) => Promise<T>,
): Promise<T> {
  await authorize(db, actor, 'work_cases', action);
  return withActor(db, actor, async (tx) => {
    const row = await loadCase(tx, actor, caseId);
    requireOpenCase(row);
    return work(tx, row);
  });
}

export type CaseService = ReturnType<typeof caseService>;
