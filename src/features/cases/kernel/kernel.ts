// The one way into a case. Every case use case, in every folder, reads or changes a case through
// readCase or changeCase: the capability checked (a refusal audited), the case loaded as the
// actor (not theirs: "not found"), a closed case refused unless the change allows it, then the
// work, then, in the same transaction, the version bumped (refusing a form built from an older
// version: optimistic locking), the timeline written and the audit event recorded, once.
import type { Kysely, Updateable } from 'kysely';
import { withActor, type Tx } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import { userIdOf, type Actor, type Capability } from '../../../domain/roles.js';
import { recordAudit, type AuditEvent } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import type { Clock } from '../../../platform/clock.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { formatDateTime } from '../../../platform/format.js';
import { plainNumber } from '../../../platform/forms.js';
import { caseRow, loadCase, type CaseRow } from './case-row.js';
import { eventsOf, writeEvent, type CaseEvent } from './timeline.js';

export interface ReadCaseOptions<T> {
  actor: Actor;
  caseId: string;
  /** The part of the case read (its tab or page), named in the audit event. */
  part: string;
  /** Who may read it; "work_cases" unless said. */
  capability?: Capability;
  /** What a refusal is audited as; "case.viewed" unless said. */
  refusedAs?: string;
  /** A read audited as something other than a view of the part (a download, say). */
  audit?: (result: NoInfer<T>) => AuditEvent;
}

export interface ChangeCaseOptions {
  actor: Actor;
  caseId: string;
  /** The change's name: what a refusal is audited as ("case.intervention.held"). */
  action: string;
  /** Who may make it; "work_cases" unless said. */
  capability?: Capability;
  /**
   * The version the actor's form was built from: refused if anyone saved the case since. A
   * change of something that already exists passes `expectedVersion(input)`, and a form that
   * sent no version (null) is refused rather than saved over whatever is there now. Left out
   * only for adding something new.
   */
  expectedVersion?: number | null;
  /** A closed case is refused unless the change allows it (notes, reopening, late measures). */
  allowClosed?: boolean;
}

/** The columns of the case itself that a change may set with its version (stage, dates). */
export type CaseColumns = Pick<
  Updateable<DB['cases']>,
  | 'stage'
  | 'previous_stage'
  | 'closure_outcome'
  | 'closure_note'
  | 'closed_on'
  | 'reopened_reason'
  | 'suspended_reason'
  | 'first_contact_on'
  | 'sexual_violence'
  | 'domestic_abuse'
  | 'hate_crime'
  | 'sv_da'
  | 'needs_specialist_assessment'
>;

/** What a change's work hands back: the event(s) it caused, its result, columns of the case. */
export interface CaseChange<T> {
  event?: CaseEvent | readonly CaseEvent[] | null;
  result?: T;
  caseColumns?: CaseColumns;
}

export type ChangeWork<T> = (tx: Tx, row: CaseRow) => Promise<CaseChange<T>>;

/** Someone saved the case since the actor's form was built: says who and when. */
export class CaseChangedError extends AppError {
  constructor(name: string, at: Date) {
    super('conflict', 'cases.errors.changedSince', {
      params: { name: name || 'someone', at: formatDateTime(at) },
    });
  }
}

/**
 * The record a form edits changed since the form was shown (ADR 0018: a conflict is per
 * record). Carries the record as it is saved now, so the page can show the other person's
 * change beside what the user typed, and its stamp, so a deliberate second save goes through.
 */
export class RecordChangedError extends AppError {
  constructor(
    readonly saved: Record<string, unknown>,
    readonly stamp: string,
  ) {
    super('conflict', 'cases.errors.recordChangedSince');
  }
}

/** The stamp of the record a form was rendered with (see src/domain/record-stamp.ts). */
export function expectedRecord(input: unknown): string | undefined {
  const raw = (input as Record<string, unknown> | null)?.record;
  return typeof raw === 'string' && raw !== '' ? raw : undefined;
}

/** The version a form was rendered with, sent back when it is saved; null when it sent none. */
export function expectedVersion(input: unknown): number | null {
  const raw = (input as Record<string, unknown> | null)?.version;
  const version = plainNumber(raw);
  return typeof version === 'number' && Number.isInteger(version) && version > 0 ? version : null;
}

export interface CaseKernelDeps {
  db: Kysely<DB>;
  clock: Clock;
}

export function caseKernel({ db, clock }: CaseKernelDeps) {
  /** Marks the case changed by the actor, now, with any columns; guarded by the version. */
  async function bump(
    tx: Tx,
    actor: Actor,
    row: CaseRow,
    change: CaseChange<unknown>,
    guard?: number | null,
  ) {
    let query = tx
      .updateTable('cases')
      .set((eb) => ({
        ...change.caseColumns,
        version: eb('version', '+', 1),
        updated_at: clock.now(),
        last_activity_at: clock.now(),
        updated_by: userIdOf(actor),
      }))
      .where('id', '=', row.id);
    if (typeof guard === 'number') query = query.where('version', '=', guard);
    if (await query.returning('version').executeTakeFirst()) return;
    const current = await caseRow(tx, row.id);
    if (!current) throw notFound();
    throw new CaseChangedError(current.updatedByName ?? '', current.updated_at);
  }

  /** The case, if the actor may see it and it may take the change (closed: refused). */
  async function openFor(tx: Tx, options: ChangeCaseOptions): Promise<CaseRow> {
    const row = await loadCase(tx, options.actor, options.caseId);
    if (row.stage === 'closed' && !options.allowClosed)
      throw new AppError('conflict', 'cases.errors.closed');
    return row;
  }

  /** A change inside a transaction already acting as the actor, whose access was checked. */
  async function changeCaseIn<T = void>(
    tx: Tx,
    options: ChangeCaseOptions,
    work: ChangeWork<T>,
  ): Promise<T> {
    const { actor, caseId } = options;
    const guard = options.expectedVersion;
    if (guard === null) throw new AppError('validation', 'cases.errors.versionMissing');
    const row = await openFor(tx, options);
    if (guard !== undefined && row.version !== guard)
      throw new CaseChangedError(row.updatedByName ?? '', row.updated_at);
    const change = await work(tx, row);
    await bump(tx, actor, row, change, guard);
    for (const event of eventsOf(change.event))
      await writeEvent(tx, { actor, caseId, orgId: row.org_id }, event);
    return change.result as T;
  }

  return {
    /** One read of a case in one transaction as the actor, audited with the part read. */
    async readCase<T>(
      options: ReadCaseOptions<T>,
      work: (tx: Tx, row: CaseRow) => Promise<T>,
    ): Promise<T> {
      const { actor, caseId, part } = options;
      await authorize(
        db,
        actor,
        options.capability ?? 'work_cases',
        options.refusedAs ?? 'case.viewed',
      );
      return withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        const result = await work(tx, row);
        await recordAudit(
          tx,
          actor,
          options.audit?.(result) ?? {
            action: 'case.viewed',
            entityType: 'case',
            entityId: caseId,
            details: { part },
          },
        );
        return result;
      });
    },

    /** One change to a case in one transaction as the actor (see the top of this file). */
    async changeCase<T = void>(options: ChangeCaseOptions, work: ChangeWork<T>): Promise<T> {
      await authorize(db, options.actor, options.capability ?? 'work_cases', options.action);
      return withActor(db, options.actor, (tx) => changeCaseIn(tx, options, work));
    },

    changeCaseIn,

    /**
     * Refuses early, writing nothing, what changeCase would refuse now (no capability, not the
     * actor's case, closed): before a large upload is read, say.
     */
    async checkChange(options: ChangeCaseOptions): Promise<void> {
      await authorize(db, options.actor, options.capability ?? 'work_cases', options.action);
      await withActor(db, options.actor, (tx) => openFor(tx, options));
    },

    /**
     * A case just made (from a referral accepted, or a transfer received): its creation audited
     * with where it came from, and its first timeline line.
     */
    async caseOpened(
      tx: Tx,
      opened: { actor: Actor; caseId: string; orgId: string; from: Record<string, string> },
      event: CaseEvent,
    ): Promise<void> {
      const { actor, caseId, orgId } = opened;
      await recordAudit(tx, actor, {
        action: 'case.created',
        entityType: 'case',
        entityId: caseId,
        details: opened.from,
      });
      await writeEvent(tx, { actor, caseId, orgId }, event);
    },

    /**
     * A line written by someone who may add to a case but not read it: a person answering a
     * questionnaire through a one-time link (row-level security lets them do only that). The
     * case is not marked changed, since they cannot read or update it.
     */
    async answeredFromOutside(
      tx: Tx,
      target: { actor: Actor; caseId: string; orgId: string },
      event: CaseEvent,
    ): Promise<void> {
      await writeEvent(tx, target, event);
    },
  };
}

export type CaseKernel = ReturnType<typeof caseKernel>;
