// Subject access: everything a service holds about one person, and who has accessed it, as a
// readable document and as JSON. A service manager asks from the person's page; the operator
// with `waymark subject-access --person ID --out FILE`. Producing one is itself audited.
import type { Kysely } from 'kysely';
import { withActor } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { isUuid } from '../../domain/ids.js';
import type { Actor } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';
import type { Clock } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import { findSubject, gatherAccess, gatherRecords } from './gather.js';

export interface SubjectAccessReport {
  format: 'waymark-subject-access/1';
  producedAt: string;
  producedBy: string;
  service: { id: string; name: string };
  subject: { personId: string | null; participantIds: string[] };
  person: Record<string, unknown> | null;
  referrals: Record<string, unknown>[];
  referralParties: Record<string, unknown>[];
  cases: Awaited<ReturnType<typeof gatherRecords>>['cases'];
  access: Record<string, unknown>[];
}

function producer(actor: Actor): string {
  if (actor.kind === 'user') return actor.name;
  if (actor.kind === 'system') return actor.name;
  return actor.kind;
}

export function subjectAccessService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  return {
    /** Who the report would be about, and in how many cases, for the page that offers it. */
    async summary(actor: Actor, caseId: string, participantId: string) {
      await authorize(db, actor, 'manage_service', 'subject_access.refused');
      if (!isUuid(caseId) || !isUuid(participantId)) throw notFound();
      return withActor(db, actor, async (tx) => {
        const participant = await tx
          .selectFrom('case_participants')
          .select(['id', 'display_name', 'case_id'])
          .where('id', '=', participantId)
          .where('case_id', '=', caseId)
          .executeTakeFirst();
        if (!participant) throw notFound();
        const subject = (await findSubject(tx, participantId))!;
        await recordAudit(tx, actor, {
          action: 'subject_access.page_viewed',
          entityType: 'participant',
          entityId: participantId,
          details: { case: caseId },
        });
        return { name: participant.display_name, cases: subject.participantIds.length };
      });
    },

    /**
     * The report for a person (or a participant with no person record) in the actor's service.
     * The operator at the command line acts for the person's service (see organisationOf).
     */
    async report(actor: Actor, id: string): Promise<SubjectAccessReport> {
      if (actor.kind !== 'system')
        await authorize(db, actor, 'manage_service', 'subject_access.refused');
      if (!isUuid(id) || !actor.orgId) throw notFound();
      return withActor(db, actor, async (tx) => {
        const subject = await findSubject(tx, id);
        if (!subject) throw notFound();
        const records = await gatherRecords(tx, subject);
        const caseIds = records.cases.map((c) => String(c.participant.case_id));
        const access = await gatherAccess(tx, caseIds, subject.participantIds, subject.personId);
        const service = await tx
          .selectFrom('organisations')
          .select(['id', 'name'])
          .where('id', '=', actor.orgId!)
          .executeTakeFirstOrThrow();
        await recordAudit(tx, actor, {
          action: 'subject_access.produced',
          entityType: subject.personId ? 'person' : 'participant',
          entityId: subject.personId ?? subject.participantIds[0],
          details: { cases: caseIds.length, ...(caseIds.length === 1 ? { case: caseIds[0] } : {}) },
        });
        return {
          format: 'waymark-subject-access/1',
          producedAt: clock.now().toISOString(),
          producedBy: producer(actor),
          service,
          subject,
          person: records.person,
          referrals: records.referrals,
          referralParties: records.referralParties,
          cases: records.cases,
          access,
        };
      });
    },
  };
}

export type SubjectAccessService = ReturnType<typeof subjectAccessService>;
