// What the time use cases share: whose entry an actor may change (their own, or anyone's for a
// manager), whose time a new entry is, and finding an entry of the case.
import type { Tx } from '../../../db/actor-context.js';
import { isUuid } from '../../../domain/ids.js';
import { can, CASE_WORKERS, type Actor } from '../../../domain/roles.js';
import { forbidden, notFound, validationFailed } from '../../../platform/errors.js';
import { readTimeForm, TIME_KINDS, type TimeEntryData, type TimeKind } from './form.js';

/** May the actor record or change time for anyone in their service? */
export const mayRecordForOthers = (actor: Actor) => can(actor, 'manage_service');

/** Whose entry may this actor change: their own, or anyone's for a manager. */
export const mayChange = (actor: Actor, userId: string) =>
  mayRecordForOthers(actor) || (actor.kind === 'user' && actor.userId === userId);

export type KindTotals = Record<TimeKind, number>;

export const noMinutes = (): KindTotals =>
  Object.fromEntries(TIME_KINDS.map((kind) => [kind, 0])) as KindTotals;

/** The entry's form, checked against today. */
export function parseTime(input: unknown, today: string): TimeEntryData {
  const result = readTimeForm((input ?? {}) as Record<string, unknown>, today);
  if (!result.ok) throw validationFailed(result.errors);
  return result.data;
}

/** Whose time an entry is: the actor's own, or (for a manager) a member of their service. */
export async function whoseTime(tx: Tx, actor: Actor, data: TimeEntryData, current?: string) {
  if (actor.kind !== 'user') throw forbidden();
  const wanted = data.userId ?? current ?? actor.userId;
  if (wanted === actor.userId) return { id: actor.userId, name: actor.name };
  if (!mayRecordForOthers(actor)) throw forbidden();
  const person = isUuid(wanted)
    ? await tx
        .selectFrom('users')
        .select(['id', 'name'])
        .where('id', '=', wanted)
        .where('org_id', '=', actor.orgId)
        .where('role', 'in', CASE_WORKERS)
        .executeTakeFirst()
    : undefined;
  if (!person) throw validationFailed([{ field: 'user', key: 'cases.time.errors.user' }]);
  return person;
}

/** An entry of the case the actor may change, or "not found" / "forbidden". */
export async function changeableEntry(tx: Tx, actor: Actor, caseId: string, entryId: string) {
  if (!isUuid(entryId)) throw notFound();
  const entry = await tx
    .selectFrom('case_time_entries')
    .innerJoin('users', 'users.id', 'case_time_entries.user_id')
    .selectAll('case_time_entries')
    .select('users.name as userName')
    .where('case_time_entries.case_id', '=', caseId)
    .where('case_time_entries.id', '=', entryId)
    .executeTakeFirst();
  if (!entry) throw notFound();
  if (!mayChange(actor, entry.user_id)) throw forbidden();
  return entry;
}

/** The columns an entry holds: whose time it is, and what was recorded. */
export const entryColumns = (data: TimeEntryData, person: { id: string }) => ({
  user_id: person.id,
  worked_on: data.workedOn,
  kind: data.kind,
  minutes: data.minutes,
  miles: data.miles,
  notes: data.notes,
});

/** The event of a change to an entry, audited against it: whose time, how much, how far. */
export const timeEvent = (
  verb: 'recorded' | 'changed' | 'removed',
  id: string,
  entry: { kind: string; minutes: number; miles: number },
  who: string,
) => ({
  kind: `time.${verb}.${entry.kind}`,
  params: { who, minutes: entry.minutes, miles: entry.miles },
  entity: { type: 'case_time_entry', id },
});
