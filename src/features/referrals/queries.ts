import { sql, type Kysely } from 'kysely';
import type { Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';

type Reader = Kysely<DB> | Tx;

export function offenceGroups(db: Reader) {
  return db.selectFrom('offence_groups').select(['id', 'name']).orderBy('sort_order').execute();
}

/** Receiving services a referrer can choose from, nearest area first. */
export function rjServices(db: Reader) {
  return db
    .selectFrom('organisations')
    .leftJoin('areas', 'areas.id', 'organisations.area_id')
    .select([
      'organisations.id',
      'organisations.slug',
      'organisations.name',
      'areas.name as areaName',
    ])
    .where('organisations.kind', '=', 'rj_service')
    .orderBy('organisations.name')
    .execute();
}

export const PAGE_SIZE = 25;

export interface QueueFilter {
  status?: string;
  search?: string;
  page: number;
}

/** A service's referrals for triage, newest first, with the names staff need to recognise them. */
export async function referralQueue(tx: Tx, orgId: string, filter: QueueFilter) {
  let query = tx
    .selectFrom('referrals')
    .leftJoin('offence_groups', 'offence_groups.id', 'referrals.offence_group_id')
    .leftJoin('organisations as source', 'source.id', 'referrals.source_org_id')
    .leftJoin('referral_parties as victim', (join) =>
      join.onRef('victim.referral_id', '=', 'referrals.id').on('victim.role', '=', 'victim'),
    )
    .leftJoin('referral_parties as offender', (join) =>
      join.onRef('offender.referral_id', '=', 'referrals.id').on('offender.role', '=', 'offender'),
    )
    .where('referrals.org_id', '=', orgId);
  if (filter.status) query = query.where('referrals.status', '=', filter.status as never);
  if (filter.search) {
    const term = filter.search.trim();
    query = query.where((eb) =>
      eb.or([
        eb('referrals.reference', '=', term.toUpperCase()),
        eb(eb.fn('lower', ['referrals.crime_reference']), '=', term.toLowerCase()),
        eb(eb.fn('lower', ['victim.surname']), '=', term.toLowerCase()),
        eb(eb.fn('lower', ['offender.surname']), '=', term.toLowerCase()),
      ]),
    );
  }
  const rows = await query
    .select([
      'referrals.id',
      'referrals.reference',
      'referrals.status',
      'referrals.received_on as receivedOn',
      'referrals.reported_on as reportedOn',
      'referrals.enhanced_rights as enhancedRights',
      'referrals.sv_da as svDa',
      'referrals.cjs_stage as cjsStage',
      'referrals.offence_date as offenceDate',
      'referrals.offence_group_id as offenceGroupId',
      'referrals.harm_setting as harmSetting',
      'referrals.domestic_abuse as domesticAbuse',
      'referrals.hate_crime as hateCrime',
      sql<boolean>`coalesce(victim.forename, victim.surname) is not null`.as('victimNamed'),
      'victim.date_of_birth as victimDateOfBirth',
      'offender.date_of_birth as offenderDateOfBirth',
      'referrals.initiated_by as initiatedBy',
      'referrals.rj_information_given_on as rjInformationGivenOn',
      'referrals.support_referral_made_on as supportReferralMadeOn',
      'referrals.source_kind as sourceKind',
      'offence_groups.name as offenceGroup',
      'source.name as sourceName',
      'victim.forename as victimForename',
      'victim.surname as victimSurname',
      'offender.forename as offenderForename',
      'offender.surname as offenderSurname',
      sql<boolean>`exists (
        select 1 from referral_messages m where m.referral_id = referrals.id and m.direction = 'from_referrer'
          and m.created_at > coalesce((select max(q.created_at) from referral_messages q
            where q.referral_id = referrals.id and q.direction = 'to_referrer'), 'epoch'))`.as(
        'replyWaiting',
      ),
    ])
    .orderBy('referrals.received_on', 'desc')
    .orderBy('referrals.created_at', 'desc')
    .limit(PAGE_SIZE + 1)
    .offset((filter.page - 1) * PAGE_SIZE)
    .execute();
  return { rows: rows.slice(0, PAGE_SIZE), hasNextPage: rows.length > PAGE_SIZE };
}

export async function statusCounts(tx: Tx, orgId: string) {
  const rows = await tx
    .selectFrom('referrals')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, row.n])) as Record<string, number>;
}

export function referralById(tx: Tx, id: string) {
  return tx
    .selectFrom('referrals')
    .leftJoin('offence_groups', 'offence_groups.id', 'referrals.offence_group_id')
    .innerJoin('organisations as service', 'service.id', 'referrals.org_id')
    .leftJoin('organisations as source', 'source.id', 'referrals.source_org_id')
    .leftJoin('users as decider', 'decider.id', 'referrals.decided_by')
    .leftJoin('users as submitter', 'submitter.id', 'referrals.submitted_by')
    .selectAll('referrals')
    .select([
      'offence_groups.name as offenceGroupName',
      'service.name as serviceName',
      'source.name as sourceName',
      'source.slug as sourceSlug',
      'decider.name as deciderName',
      'decider.email as deciderEmail',
      'submitter.name as submitterName',
      'submitter.email as submitterEmail',
      'submitter.active as submitterActive',
      'submitter.org_id as submitterOrgId',
    ])
    .where('referrals.id', '=', id)
    .executeTakeFirst();
}

export function partiesOf(tx: Tx, referralId: string) {
  return tx
    .selectFrom('referral_parties')
    .selectAll()
    .where('referral_id', '=', referralId)
    .orderBy('role', 'desc')
    .execute();
}

export function messagesOf(tx: Tx, referralId: string) {
  return tx
    .selectFrom('referral_messages')
    .leftJoin('users', 'users.id', 'referral_messages.created_by')
    .select([
      'referral_messages.id',
      'referral_messages.direction',
      'referral_messages.body',
      'referral_messages.created_at as createdAt',
      'users.name as authorName',
    ])
    .where('referral_messages.referral_id', '=', referralId)
    .orderBy('referral_messages.created_at')
    .execute();
}

/**
 * Possible duplicates of a referral in the same service: another referral with the same crime
 * reference, or a party with the same surname and date of birth.
 */
export async function possibleDuplicates(
  tx: Tx,
  referral: { id: string; orgId: string; crimeReference: string | null },
  parties: { surname: string | null; date_of_birth: string | null }[],
) {
  const people = parties.filter((p) => p.surname && p.date_of_birth);
  if (!referral.crimeReference && people.length === 0) return [];
  return tx
    .selectFrom('referrals')
    .select([
      'referrals.id',
      'referrals.reference',
      'referrals.received_on as receivedOn',
      'referrals.status',
    ])
    .where('referrals.org_id', '=', referral.orgId)
    .where('referrals.id', '<>', referral.id)
    .where((eb) =>
      eb.or([
        ...(referral.crimeReference
          ? [
              eb(
                eb.fn('lower', ['referrals.crime_reference']),
                '=',
                referral.crimeReference.toLowerCase(),
              ),
            ]
          : []),
        ...people.map((person) =>
          eb.exists(
            eb
              .selectFrom('referral_parties as p')
              .select('p.id')
              .whereRef('p.referral_id', '=', 'referrals.id')
              .where((inner) =>
                inner(inner.fn('lower', ['p.surname']), '=', person.surname!.toLowerCase()),
              )
              .where('p.date_of_birth', '=', person.date_of_birth),
          ),
        ),
      ]),
    )
    .orderBy('referrals.received_on', 'desc')
    .limit(20)
    .execute();
}

/** People the service already knows with a party's surname and date of birth, to link to. */
export function matchingPersons(
  tx: Tx,
  orgId: string,
  party: { surname: string | null; date_of_birth: string | null },
) {
  if (!party.surname) return Promise.resolve([]);
  let query = tx
    .selectFrom('persons')
    .select(['id', 'forename', 'surname', 'date_of_birth as dateOfBirth', 'postcode'])
    .where('org_id', '=', orgId)
    .where((eb) => eb(eb.fn('lower', ['surname']), '=', party.surname!.toLowerCase()));
  if (party.date_of_birth) query = query.where('date_of_birth', '=', party.date_of_birth);
  return query.limit(10).execute();
}
