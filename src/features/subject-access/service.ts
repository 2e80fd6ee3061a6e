// Subject access: everything a service holds about one person, and who has accessed it, as a
// readable document and as JSON. A service manager asks from the person's page; the operator
// with `waymark subject-access --person ID --out FILE`. Producing one is itself audited.
import { withActor, type Tx } from '../../db/actor-context.js';
import { isUuid } from '../../domain/ids.js';
import type { Actor, Capability } from '../../domain/roles.js';
import { recordAudit, type AuditEvent } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';
import { notFound } from '../../platform/errors.js';
import type { CaseDeps } from '../cases/index.js';
import { findSubject, gatherAccess, gatherRecords, type Subject } from './gather.js';

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

/** Who may produce one: a service's manager, or the operator at the command line. */
const capabilityOf = (actor: Actor): Capability =>
  actor.kind === 'system' ? 'administer_system' : 'manage_service';

export function subjectAccessService({ db, clock, kernel }: CaseDeps) {
  async function build(tx: Tx, actor: Actor, subject: Subject): Promise<SubjectAccessReport> {
    const records = await gatherRecords(tx, subject);
    const caseIds = records.cases.map((c) => String(c.participant.case_id));
    const access = await gatherAccess(tx, caseIds, subject.participantIds, subject.personId);
    const service = await tx
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('id', '=', actor.orgId!)
      .executeTakeFirstOrThrow();
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
  }

  const produced = (report: SubjectAccessReport, anchor?: string): AuditEvent => {
    const caseIds = report.cases.map((c) => String(c.participant.case_id));
    return {
      action: 'subject_access.produced',
      entityType: report.subject.personId ? 'person' : 'participant',
      entityId: report.subject.personId ?? report.subject.participantIds[0],
      details: { cases: caseIds.length, ...(anchor ? { case: anchor } : {}) },
    };
  };

  return {
    /** Who the report would be about, and in how many cases, for the page that offers it. */
    summary: (actor: Actor, caseId: string, participantId: string) =>
      kernel.readCase(
        {
          actor,
          caseId,
          part: 'subject-access',
          capability: capabilityOf(actor),
          refusedAs: 'subject_access.refused',
          audit: () => ({
            action: 'subject_access.page_viewed',
            entityType: 'participant',
            entityId: participantId,
            details: { case: caseId },
          }),
        },
        async (tx) => {
          if (!isUuid(participantId)) throw notFound();
          const participant = await tx
            .selectFrom('case_participants')
            .select(['id', 'display_name', 'case_id'])
            .where('id', '=', participantId)
            .where('case_id', '=', caseId)
            .executeTakeFirst();
          if (!participant) throw notFound();
          const subject = (await findSubject(tx, participantId))!;
          return { name: participant.display_name, cases: subject.participantIds.length };
        },
      ),

    /**
     * The report for a person (or a participant with no person record) in the actor's service.
     * The operator at the command line acts for the person's service (see cli.ts). When the
     * person is in a case, the report is read through the case kernel, anchored on their first
     * case (the others are read in the same transaction, and the audit event counts them).
     */
    async report(actor: Actor, id: string): Promise<SubjectAccessReport> {
      await authorize(db, actor, capabilityOf(actor), 'subject_access.refused');
      if (!isUuid(id) || !actor.orgId) throw notFound();
      const found = await withActor(db, actor, async (tx) => {
        const subject = await findSubject(tx, id);
        if (!subject) return undefined;
        const anchor = await tx
          .selectFrom('case_participants')
          .select('case_id')
          .where('id', 'in', [...subject.participantIds, id])
          .orderBy('created_at')
          .executeTakeFirst();
        return { subject, anchor: anchor?.case_id };
      });
      if (!found) throw notFound();
      const { subject, anchor } = found;
      if (!anchor)
        // Known only from referrals: no case is read.
        return withActor(db, actor, async (tx) => {
          const report = await build(tx, actor, subject);
          await recordAudit(tx, actor, produced(report));
          return report;
        });
      return kernel.readCase(
        {
          actor,
          caseId: anchor,
          part: 'subject-access',
          capability: capabilityOf(actor),
          refusedAs: 'subject_access.refused',
          audit: (report) => produced(report, anchor),
        },
        (tx) => build(tx, actor, subject),
      );
    },
  };
}

export type SubjectAccessService = ReturnType<typeof subjectAccessService>;
