// Awareness and training work: the sessions a service gives to partner agencies and the public.
// Low referral rates stem from low awareness (the domain documents), so the service sees the
// referrals each source sent beside the sessions it gave that source.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { withActor } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import { isUuid } from '../../../domain/ids.js';
import { type Actor, userIdOf } from '../../../domain/roles.js';
import { requirePeriod, yearToDate } from '../../../platform/period.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import type { Clock } from '../../../platform/clock.js';
import { notFound, refuseFutureDate, validationFailed } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { parseInput } from '../../../platform/forms.js';
import { mayBeSource } from '../../referrals/index.js';
import { referralsBesideSessions } from './beside-sessions.js';
import { sessionSchema } from './schemas.js';

export { SESSION_KINDS, sessionSchema } from './schemas.js';
export { referralsBesideSessions } from './beside-sessions.js';

export function awarenessService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  return {
    async list(actor: Actor, query: unknown) {
      await authorize(db, actor, 'record_measures', 'awareness.listed');
      const period = requirePeriod(query, yearToDate(londonDate(clock.now())));
      return withActor(db, actor, async (tx) => {
        const sessions = await tx
          .selectFrom('awareness_sessions')
          .leftJoin(
            'organisations as audience',
            'audience.id',
            'awareness_sessions.audience_org_id',
          )
          .selectAll('awareness_sessions')
          .select([
            'audience.name as audienceName',
            sql<number>`(select count(*) from referrals r where r.awareness_session_id = awareness_sessions.id)::int`.as(
              'referrals',
            ),
          ])
          .where('awareness_sessions.org_id', '=', actor.orgId!)
          .where('awareness_sessions.held_on', '>=', period.from)
          .where('awareness_sessions.held_on', '<=', period.to)
          .orderBy('held_on', 'desc')
          .execute();
        return {
          period,
          sessions,
          bySource: await referralsBesideSessions(tx, actor.orgId!, period),
        };
      });
    },

    async get(actor: Actor, id: string) {
      await authorize(db, actor, 'record_measures', 'awareness.viewed');
      if (!isUuid(id)) throw notFound();
      return withActor(db, actor, async (tx) => {
        const session = await tx
          .selectFrom('awareness_sessions')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow(notFound);
        const referrals = await tx
          .selectFrom('referrals')
          .select(['id', 'reference', 'received_on as receivedOn', 'status'])
          .where('awareness_session_id', '=', id)
          .orderBy('received_on', 'desc')
          .execute();
        return { session, referrals };
      });
    },

    async save(actor: Actor, id: string | null, input: unknown): Promise<string> {
      await authorize(
        db,
        actor,
        'record_measures',
        id ? 'awareness.updated' : 'awareness.recorded',
      );
      const data = parseInput(sessionSchema, input);
      refuseFutureDate(data.held_on, londonDate(clock.now()), 'held_on');
      return withActor(db, actor, async (tx) => {
        let audienceKind: string | null = data.audience_kind ?? null;
        if (data.audience_org) {
          const audience = await tx
            .selectFrom('organisations')
            .select('kind')
            .where('id', '=', data.audience_org)
            .executeTakeFirst();
          if (!audience || !(await mayBeSource(tx, data.audience_org)))
            throw validationFailed([
              { field: 'audience_org', key: 'measures.awareness.errors.audienceOrg' },
            ]);
          audienceKind = audience.kind;
        }
        const values = {
          held_on: data.held_on,
          kind: data.kind,
          audience_org_id: data.audience_org ?? null,
          audience_kind: audienceKind,
          audience_description: data.audience_description ?? null,
          attendees: data.attendees,
          topic: data.topic,
          hours: data.hours,
        };
        let sessionId = id;
        if (id) {
          if (!isUuid(id)) throw notFound();
          const result = await tx
            .updateTable('awareness_sessions')
            .set(values)
            .where('id', '=', id)
            .executeTakeFirst();
          if (result.numUpdatedRows === 0n) throw notFound();
        } else {
          sessionId = (
            await tx
              .insertInto('awareness_sessions')
              .values({
                ...values,
                org_id: actor.orgId!,
                created_by: userIdOf(actor),
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
        }
        await recordAudit(tx, actor, {
          action: id ? 'awareness.updated' : 'awareness.recorded',
          entityType: 'awareness_session',
          entityId: sessionId!,
        });
        return sessionId!;
      });
    },

    /** Notes that a referral came from an awareness session (or that it did not). */
    async linkReferral(actor: Actor, referralId: string, sessionId: string | null) {
      await authorize(db, actor, 'triage_referrals', 'referral.awareness_linked');
      if (!isUuid(referralId) || (sessionId !== null && !isUuid(sessionId))) throw notFound();
      await withActor(db, actor, async (tx) => {
        if (sessionId) {
          const session = await tx
            .selectFrom('awareness_sessions')
            .select('id')
            .where('id', '=', sessionId)
            .executeTakeFirst();
          if (!session)
            throw validationFailed([
              { field: 'awareness_session', key: 'measures.awareness.errors.session' },
            ]);
        }
        const result = await tx
          .updateTable('referrals')
          .set({ awareness_session_id: sessionId })
          .where('id', '=', referralId)
          .where('org_id', '=', actor.orgId!)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) throw notFound();
        await recordAudit(tx, actor, {
          action: 'referral.awareness_linked',
          entityType: 'referral',
          entityId: referralId,
          details: { session: sessionId },
        });
      });
    },

    /** Sessions a referral could have come from: those given before it arrived. */
    async sessionsBefore(actor: Actor, receivedOn: string) {
      return withActor(db, actor, (tx) =>
        tx
          .selectFrom('awareness_sessions')
          .leftJoin(
            'organisations as audience',
            'audience.id',
            'awareness_sessions.audience_org_id',
          )
          .select([
            'awareness_sessions.id',
            'awareness_sessions.held_on as heldOn',
            'awareness_sessions.topic',
            'audience.name as audienceName',
            'awareness_sessions.audience_description as audienceDescription',
          ])
          .where('awareness_sessions.org_id', '=', actor.orgId!)
          .where('awareness_sessions.held_on', '<=', receivedOn)
          .orderBy('held_on', 'desc')
          .limit(50)
          .execute(),
      );
    },
  };
}

export type AwarenessService = ReturnType<typeof awarenessService>;
