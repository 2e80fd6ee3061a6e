// Finding a case the actor may see: the database hides other services' cases (and, for a
// volunteer, cases not allocated to them); a case that is not the actor's is "not found", so its
// existence is not revealed.
import { sql } from 'kysely';
import type { Tx } from '../../../db/actor-context.js';
import { isUuid } from '../../../domain/ids.js';
import type { Actor } from '../../../domain/roles.js';
import { notFound } from '../../../platform/errors.js';

export function caseRow(tx: Tx, caseId: string) {
  return tx
    .selectFrom('cases')
    .leftJoin('referrals', 'referrals.id', 'cases.referral_id')
    .leftJoin('offence_groups', 'offence_groups.id', 'referrals.offence_group_id')
    .leftJoin('users as updater', 'updater.id', 'cases.updated_by')
    .leftJoin('case_transfers as arrival', 'arrival.received_case_id', 'cases.id')
    .leftJoin('organisations as sender', 'sender.id', 'arrival.from_org_id')
    .selectAll('cases')
    .select([
      'referrals.reference as referralReference',
      'referrals.received_on as receivedOn',
      'referrals.crime_reference as crimeReference',
      'referrals.cjs_stage as cjsStage',
      'referrals.enhanced_rights as enhancedRights',
      'referrals.reported_on as reportedOn',
      'referrals.offence_date as offenceDate',
      'referrals.offence_group_id as offenceGroupId',
      'referrals.harm_setting as harmSetting',
      'referrals.source_kind as sourceKind',
      'referrals.rj_information_given_on as rjInformationGivenOn',
      'referrals.support_referral_made_on as supportReferralMadeOn',
      'offence_groups.name as offenceGroup',
      'updater.name as updatedByName',
      sql<string | null>`arrival.payload->'from'->>'caseReference'`.as('transferredFromReference'),
      'sender.name as transferredFromService',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
}

export type CaseRow = NonNullable<Awaited<ReturnType<typeof caseRow>>>;

/** The case, if the actor may see it; otherwise "not found". */
export async function loadCase(tx: Tx, actor: Actor, caseId: string): Promise<CaseRow> {
  if (!isUuid(caseId)) throw notFound();
  const row = await caseRow(tx, caseId);
  if (!row || row.org_id !== actor.orgId) throw notFound();
  return row;
}
