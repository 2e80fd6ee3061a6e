// Practitioner time and travel on a case: each entry (who, when, on what, how long, how far),
// the case's totals, and a manager's totals per practitioner for a period. People record their
// own time; a service manager may record, change or remove anyone's.
import { sql, type Kysely } from 'kysely';
import { withActor, type Tx } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import { isUuid } from '../../../domain/ids.js';
import type { Actor } from '../../../domain/roles.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import type { Clock } from '../../../platform/clock.js';
import { forbidden, notFound, validationFailed } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { monthToDate, requirePeriod } from '../../../platform/period.js';
import { expectedVersion, loadCase, recordCaseEvent, touchCase } from '../access.js';
import { requireOpenCase } from '../service.js';
import { readTimeForm, TIME_KINDS, type TimeEntryData, type TimeKind } from './form.js';

const isManager = (actor: Actor) => actor.kind === 'user' && actor.role === 'service_manager';

/** Whose entry may this actor change: their own, or anyone's for a manager. */
const mayChange = (actor: Actor, userId: string) =>
  isManager(actor) || (actor.kind === 'user' && actor.userId === userId);

export type KindTotals = Record<TimeKind, number>;

const noMinutes = (): KindTotals =>
  Object.fromEntries(TIME_KINDS.map((kind) => [kind, 0])) as KindTotals;

export function caseTimeService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  const today = () => londonDate(clock.now());

  function parse(input: unknown) {
    const result = readTimeForm((input ?? {}) as Record<string, unknown>, today());
    if (!result.ok) throw validationFailed(result.errors);
    return result.data;
  }

  /** Whose time an entry is: the actor's own, or (for a manager) a member of their service. */
  async function whoseTime(tx: Tx, actor: Actor, data: TimeEntryData, current?: string) {
    if (actor.kind !== 'user') throw forbidden();
    const wanted = data.userId ?? current ?? actor.userId;
    if (wanted === actor.userId) return { id: actor.userId, name: actor.name };
    if (!isManager(actor)) throw forbidden();
    const person = isUuid(wanted)
      ? await tx
          .selectFrom('users')
          .select(['id', 'name'])
          .where('id', '=', wanted)
          .where('org_id', '=', actor.orgId)
          .where('role', 'in', ['practitioner', 'volunteer', 'service_manager'])
          .executeTakeFirst()
      : undefined;
    if (!person) throw validationFailed([{ field: 'user', key: 'cases.time.errors.user' }]);
    return person;
  }

  function entryRow(tx: Tx, caseId: string, entryId: string) {
    if (!isUuid(entryId)) throw notFound();
    return tx
      .selectFrom('case_time_entries')
      .innerJoin('users', 'users.id', 'case_time_entries.user_id')
      .selectAll('case_time_entries')
      .select('users.name as userName')
      .where('case_time_entries.case_id', '=', caseId)
      .where('case_time_entries.id', '=', entryId)
      .executeTakeFirst();
  }

  const viewed = (tx: Tx, actor: Actor, caseId: string) =>
    recordAudit(tx, actor, {
      action: 'case.viewed',
      entityType: 'case',
      entityId: caseId,
      details: { part: 'time' },
    });

  return {
    /** The Time tab: every entry, and the totals by kind. Audited as a view of the case. */
    async tab(actor: Actor, caseId: string) {
      await authorize(db, actor, 'work_cases', 'case.viewed');
      return withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        const entries = await tx
          .selectFrom('case_time_entries')
          .innerJoin('users', 'users.id', 'case_time_entries.user_id')
          .select([
            'case_time_entries.id',
            'case_time_entries.user_id as userId',
            'users.name as userName',
            'case_time_entries.worked_on as workedOn',
            'case_time_entries.kind',
            'case_time_entries.minutes',
            'case_time_entries.miles',
            'case_time_entries.notes',
          ])
          .where('case_time_entries.case_id', '=', caseId)
          .orderBy('case_time_entries.worked_on', 'desc')
          .orderBy('case_time_entries.created_at', 'desc')
          .execute();
        const sums = await tx
          .selectFrom('case_time_entries')
          .select((eb) => [
            'kind',
            eb.fn.sum<number>('minutes').as('minutes'),
            eb.fn.sum<number>('miles').as('miles'),
          ])
          .where('case_id', '=', caseId)
          .groupBy('kind')
          .execute();
        await viewed(tx, actor, caseId);
        const minutes = noMinutes();
        const miles = noMinutes();
        for (const sum of sums) {
          minutes[sum.kind as TimeKind] = Number(sum.minutes);
          miles[sum.kind as TimeKind] = Number(sum.miles);
        }
        return {
          case: row,
          entries: entries.map((e) => ({ ...e, mayChange: mayChange(actor, e.userId) })),
          totals: {
            minutes,
            miles,
            allMinutes: TIME_KINDS.reduce((n, k) => n + minutes[k], 0),
            // Summed in tenths, so 0.1 + 0.2 is 0.3.
            allMiles: TIME_KINDS.reduce((n, k) => n + Math.round(miles[k] * 10), 0) / 10,
          },
          mayRecordForOthers: isManager(actor),
        };
      });
    },

    /** One entry, for its change page. */
    async entry(actor: Actor, caseId: string, entryId: string) {
      await authorize(db, actor, 'work_cases', 'case.viewed');
      return withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        const entry = await entryRow(tx, caseId, entryId);
        if (!entry) throw notFound();
        if (!mayChange(actor, entry.user_id)) throw forbidden();
        await viewed(tx, actor, caseId);
        return { case: row, entry };
      });
    },

    /** The case only, for the page that records new time. */
    async caseFor(actor: Actor, caseId: string) {
      await authorize(db, actor, 'work_cases', 'case.viewed');
      return withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        await viewed(tx, actor, caseId);
        return row;
      });
    },

    async record(actor: Actor, caseId: string, input: unknown) {
      await authorize(db, actor, 'work_cases', 'case.time_recorded');
      const data = parse(input);
      return withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        requireOpenCase(row);
        const person = await whoseTime(tx, actor, data);
        const entry = await tx
          .insertInto('case_time_entries')
          .values({
            org_id: row.org_id,
            case_id: caseId,
            user_id: person.id,
            worked_on: data.workedOn,
            kind: data.kind,
            minutes: data.minutes,
            miles: data.miles,
            notes: data.notes,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await touchCase(tx, actor, clock, caseId);
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          `time.recorded.${data.kind}`,
          { who: person.name, minutes: data.minutes, miles: data.miles },
          { type: 'case_time_entry', id: entry.id },
        );
        return entry.id;
      });
    },

    /** Changes an entry; refused if the case changed since the form was shown. */
    async update(actor: Actor, caseId: string, entryId: string, input: unknown) {
      await authorize(db, actor, 'work_cases', 'case.time_changed');
      const data = parse(input);
      await withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        requireOpenCase(row);
        const entry = await entryRow(tx, caseId, entryId);
        if (!entry) throw notFound();
        if (!mayChange(actor, entry.user_id)) throw forbidden();
        const person = await whoseTime(tx, actor, data, entry.user_id);
        await tx
          .updateTable('case_time_entries')
          .set({
            user_id: person.id,
            worked_on: data.workedOn,
            kind: data.kind,
            minutes: data.minutes,
            miles: data.miles,
            notes: data.notes,
          })
          .where('id', '=', entry.id)
          .execute();
        await touchCase(tx, actor, clock, caseId, { expectedVersion: expectedVersion(input) });
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          `time.changed.${data.kind}`,
          { who: person.name, minutes: data.minutes, miles: data.miles },
          { type: 'case_time_entry', id: entry.id },
        );
      });
    },

    async remove(actor: Actor, caseId: string, entryId: string, input: unknown) {
      await authorize(db, actor, 'work_cases', 'case.time_removed');
      await withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        requireOpenCase(row);
        const entry = await entryRow(tx, caseId, entryId);
        if (!entry) throw notFound();
        if (!mayChange(actor, entry.user_id)) throw forbidden();
        await tx.deleteFrom('case_time_entries').where('id', '=', entry.id).execute();
        await touchCase(tx, actor, clock, caseId, { expectedVersion: expectedVersion(input) });
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          `time.removed.${entry.kind}`,
          { who: entry.userName, minutes: entry.minutes, miles: Number(entry.miles) },
          { type: 'case_time_entry', id: entry.id },
        );
      });
    },

    /** Totals per practitioner for a period (dates inclusive), for a service manager. */
    async report(actor: Actor, query: unknown) {
      await authorize(db, actor, 'manage_service', 'time.report_viewed');
      const period = requirePeriod(query, monthToDate(today()));
      return withActor(db, actor, async (tx) => {
        const rows = await tx
          .selectFrom('case_time_entries as e')
          .innerJoin('users as u', 'u.id', 'e.user_id')
          .select([
            'u.id',
            'u.name',
            'u.role',
            sql<number>`count(distinct e.case_id)`.as('cases'),
            sql<number>`count(*)`.as('entries'),
            sql<number>`sum(e.minutes)`.as('minutes'),
            sql<number>`sum(e.miles)`.as('miles'),
            ...TIME_KINDS.map((kind) =>
              sql<number>`coalesce(sum(e.minutes) filter (where e.kind = ${kind}), 0)`.as(kind),
            ),
          ])
          .where('e.org_id', '=', actor.orgId!)
          .where('e.worked_on', '>=', period.from)
          .where('e.worked_on', '<=', period.to)
          .groupBy(['u.id', 'u.name', 'u.role'])
          .orderBy('u.name')
          .execute();
        await recordAudit(tx, actor, {
          action: 'time.report_viewed',
          details: { from: period.from, to: period.to },
        });
        const people = rows.map((r) => {
          const byKind = r as unknown as Record<TimeKind, number>;
          return {
            id: r.id,
            name: r.name,
            role: r.role,
            cases: Number(r.cases),
            entries: Number(r.entries),
            minutes: Number(r.minutes),
            miles: Number(r.miles),
            byKind: Object.fromEntries(TIME_KINDS.map((k) => [k, Number(byKind[k])])) as KindTotals,
          };
        });
        const total = {
          entries: people.reduce((n, p) => n + p.entries, 0),
          minutes: people.reduce((n, p) => n + p.minutes, 0),
          miles: people.reduce((n, p) => n + Math.round(p.miles * 10), 0) / 10,
          byKind: Object.fromEntries(
            TIME_KINDS.map((k) => [k, people.reduce((n, p) => n + p.byKind[k], 0)]),
          ) as KindTotals,
        };
        return { period, people, total };
      });
    },
  };
}

export type CaseTimeService = ReturnType<typeof caseTimeService>;
