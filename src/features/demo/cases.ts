// Demo cases: the cases opened from accepted demo referrals are taken through every stage of
// the journey, with contacts, offers, consent, assessments, interventions of every kind,
// outcome agreements, follow-ups and practitioner time. Written in bulk (a few statements per
// table, as the service's own practitioner, so row-level security applies) because going
// through the services one change at a time would make `npm start -- --demo` slow.
import { sql, type Kysely } from 'kysely';
import { withActor } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { daysBetween } from '../../domain/calendar-dates.js';
import type { CaseStage } from '../../domain/case-lifecycle.js';
import type { UserActor } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import { londonDate } from '../../platform/format.js';
import { seededRandom } from './random.js';

import { Batch, stageFor, type Staff } from './case-plan.js';
import { demoCase } from './demo-case.js';
export async function loadDemoCases(db: Kysely<DB>, staff: Staff, now: Date): Promise<number> {
  const today = londonDate(now);
  const random = seededRandom(4_242);
  const actor = staff.practitioner;
  return withActor(db, actor, async (tx) => {
    const already = await tx
      .selectFrom('case_allocations')
      .select('case_id')
      .limit(1)
      .executeTakeFirst();
    if (already) return 0;
    const cases = await tx
      .selectFrom('cases')
      .innerJoin('referrals', 'referrals.id', 'cases.referral_id')
      .select(['cases.id', 'cases.org_id', 'cases.sv_da', 'referrals.received_on'])
      .orderBy('referrals.received_on')
      .execute();
    const participants = await tx
      .selectFrom('case_participants')
      .select(['id', 'case_id', 'role', 'display_name', 'may_leave_message'])
      .execute();
    const batch = new Batch();
    const updates: { id: string; stage: CaseStage; changes: Record<string, unknown> }[] = [];
    for (const row of cases) {
      const harmed = participants.find((p) => p.case_id === row.id && p.role === 'harmed');
      const harmer = participants.find((p) => p.case_id === row.id && p.role === 'harmer');
      if (!harmed || !harmer) continue;
      const stage = stageFor(random, daysBetween(row.received_on, today));
      updates.push({
        id: row.id,
        stage,
        changes: demoCase(batch, random, { row, harmed, harmer, stage, staff, today }),
      });
    }
    for (const { id, stage, changes } of updates) {
      await tx
        .updateTable('cases')
        .set({ stage, ...changes })
        .where('id', '=', id)
        .execute();
    }
    await batch.write(tx);
    await sql`update case_events set occurred_at = c.created_at from cases c
      where case_events.case_id = c.id and case_events.kind = 'opened'`.execute(tx);
    // The story's times of day are made up: none of what was done is later than now.
    await sql`update case_contacts set contacted_at = ${now} where contacted_at > ${now}`.execute(
      tx,
    );
    await sql`update case_events set occurred_at = ${now} where occurred_at > ${now}`.execute(tx);
    await sql`update cases set created_at = least(created_at, ${now}),
        last_activity_at = least(last_activity_at, ${now})
      where created_at > ${now} or last_activity_at > ${now}`.execute(tx);
    // Keeping people informed: the person harmed told how it is going a fortnight after they
    // were first spoken to, in the cases that went further than contacting.
    await sql`insert into case_updates
        (org_id, case_id, participant_id, told_on, method, what_told, recorded_by)
      select distinct on (x.participant_id) c.org_id, c.id, x.participant_id,
        least((x.contacted_at at time zone 'Europe/London')::date + 14, ${today}::date), 'phone',
        'Where the case has got to, and what happens next', x.recorded_by
      from cases c
      join case_contacts x on x.case_id = c.id and x.outcome = 'spoke'
      join case_participants p on p.id = x.participant_id and p.role = 'harmed'
      where c.stage not in ('new', 'contacting')
      order by x.participant_id, x.contacted_at`.execute(tx);
    // The referrers' view follows the cases: in progress, or closed with the outcome, sent and
    // decided when the referral arrived and its case opened, and the date of the last update.
    await sql`update referrals set progress = case when c.stage = 'closed' then 'closed' when c.stage <> 'new' then 'in_progress' else referrals.progress end,
        closure_code = case when c.stage = 'closed' then c.closure_outcome else null end,
        created_at = least(referrals.created_at, referrals.received_on + time '09:00'),
        decided_at = least(referrals.decided_at, c.created_at),
        last_update_on = (select max(u.told_on) from case_updates u where u.case_id = c.id)
      from cases c where c.referral_id = referrals.id`.execute(tx);
    await recordAudit(tx, actor, {
      action: 'demo.cases_loaded',
      details: { cases: updates.length },
    });
    return updates.length;
  });
}

/** Consent status follows the consent records written above. */
export async function markDemoConsent(db: Kysely<DB>, actor: UserActor): Promise<void> {
  await withActor(db, actor, (tx) =>
    tx
      .updateTable('case_participants')
      .set({ consent_status: 'given' })
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('case_consents')
            .select('id')
            .whereRef('case_consents.participant_id', '=', 'case_participants.id'),
        ),
      )
      .execute(),
  );
}
