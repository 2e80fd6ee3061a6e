// Referral use cases for whoever sends a referral (web, API, import) and for the service staff
// who read them. Deciding what happens to a referral is in triage.ts; the referrer's own view
// is in sent.ts.
import type { Kysely } from 'kysely';
import { withActor } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { isUuid } from '../../domain/ids.js';
import { type Actor, userIdOf } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, notFound, validationFailed } from '../../platform/errors.js';
import { londonDate } from '../../platform/format.js';
import { receivedOn, referralSide, refersAsItself } from '../../domain/referral-sides.js';
import { referralDuties } from './duties.js';
import { maySource } from './sources.js';
import type { Duty } from '../../domain/victims-code.js';
import { insertReferralRows, referralChecker, referralRows, type Channel } from './intake.js';
import { loadHolidays } from '../bank-holidays/index.js';
import {
  offenceGroups,
  rjServices,
  matchingPersons,
  messagesOf,
  partiesOf,
  possibleDuplicates,
  referralById,
  referralQueue,
  statusCounts,
  type QueueFilter,
} from './queries.js';

export interface ReferralDeps {
  db: Kysely<DB>;
  clock: Clock;
}

export interface CreateOptions {
  channel: Channel;
  /** The receiving RJ service's slug: needed when the sender is not in that service. */
  service?: string;
}

export function referralService({ db, clock }: ReferralDeps) {
  const today = () => londonDate(clock.now());

  /** The receiving service, and the source the actor may claim. */
  async function receivingService(actor: Actor, requested: string | undefined) {
    // Staff and the operator refer to their own service unless they name it.
    const ownService = !refersAsItself(referralSide(actor));
    const serviceSlug = requested?.trim().toLowerCase();
    if (ownService && actor.orgId && !serviceSlug) return actor.orgId;
    if (!serviceSlug)
      throw validationFailed([{ field: 'service', key: 'referrals.errors.serviceRequired' }]);
    const service = await db
      .selectFrom('organisations')
      .select(['id', 'kind'])
      .where('slug', '=', serviceSlug)
      .executeTakeFirst();
    if (!service || service.kind !== 'rj_service') {
      throw validationFailed([{ field: 'service', key: 'referrals.errors.serviceUnknown' }]);
    }
    if (ownService && service.id !== actor.orgId) {
      throw validationFailed([{ field: 'service', key: 'referrals.errors.serviceMustBeYours' }]);
    }
    return service.id;
  }

  /**
   * The fields as the rules in src/domain/referral-sides.ts have them: a partner (referrer or
   * API token) refers as its own organisation, and its referral is received the day it is sent.
   */
  async function sourceFor(
    actor: Actor,
    raw: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const side = referralSide(actor);
    const dated = { ...raw, received_on: receivedOn(side, raw.received_on, today()) };
    if (!refersAsItself(side)) return dated;
    const own = await db
      .selectFrom('organisations')
      .select('slug')
      .where('id', '=', actor.orgId!)
      .executeTakeFirstOrThrow();
    const claimed = typeof raw.source_org === 'string' ? raw.source_org.trim().toLowerCase() : '';
    if (claimed && claimed !== own.slug) {
      throw validationFailed([{ field: 'source_org', key: 'referrals.errors.sourceMustBeYours' }]);
    }
    return { ...dated, source_org: own.slug };
  }

  return {
    /** One referral from the web form or the API: checked, written and audited together. */
    async create(actor: Actor, raw: unknown, options: CreateOptions) {
      await authorize(db, actor, 'refer', 'referral.created');
      const fields = await sourceFor(
        actor,
        (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>,
      );
      const serviceId = await receivingService(actor, options.service);
      return withActor(db, actor, async (tx) => {
        const checked = await referralChecker(tx).check(fields, today());
        if (!checked.ok) throw validationFailed(checked.errors);
        const rows = referralRows({
          input: checked.input,
          serviceId,
          sourceOrgId: checked.sourceOrgId,
          channel: options.channel,
          submittedBy: userIdOf(actor),
          now: clock.now(),
        });
        await insertReferralRows(tx, rows);
        await recordAudit(tx, actor, {
          action: 'referral.created',
          entityType: 'referral',
          entityId: rows.referral.id,
          details: { channel: options.channel, service: serviceId },
        });
        return {
          id: rows.referral.id,
          reference: rows.referral.reference,
          status: 'received' as const,
        };
      });
    },

    /** The choices the referral form offers. */
    async options() {
      return {
        services: await rjServices(db),
        organisations: await db
          .selectFrom('organisations')
          .select(['slug', 'name'])
          .where(maySource)
          .orderBy('name')
          .execute(),
        offenceGroups: await offenceGroups(db),
      };
    },

    /** The reference of a referral just sent, for its sender (whichever side they are on). */
    async confirmation(actor: Actor, id: string) {
      await authorize(db, actor, 'refer', 'referral.confirmation_viewed');
      if (!isUuid(id)) throw notFound();
      const row = await withActor(db, actor, (tx) =>
        tx
          .selectFrom('referrals')
          .innerJoin('organisations as service', 'service.id', 'referrals.org_id')
          .select([
            'referrals.id',
            'referrals.reference',
            'service.name as serviceName',
            'referrals.org_id as serviceId',
          ])
          .where('referrals.id', '=', id)
          .executeTakeFirst(),
      );
      if (!row) throw notFound();
      return { ...row, ownService: row.serviceId === actor.orgId };
    },

    /** The service's referrals for triage. */
    async queue(actor: Actor, filter: QueueFilter) {
      await authorize(db, actor, 'triage_referrals', 'referral.listed');
      const holidays = await loadHolidays(db);
      return withActor(db, actor, async (tx) => {
        const { rows, hasNextPage } = await referralQueue(tx, actor.orgId!, filter);
        const counts = await statusCounts(tx, actor.orgId!);
        const withClocks = rows.map((row) => ({
          ...row,
          duties: referralDuties(row, holidays),
        }));
        return { rows: withClocks, hasNextPage, counts };
      });
    },

    /** Everything staff need to triage one referral. Viewing it is audited. */
    async get(actor: Actor, id: string) {
      await authorize(db, actor, 'triage_referrals', 'referral.viewed');
      if (!isUuid(id)) throw notFound();
      const holidays = await loadHolidays(db);
      return withActor(db, actor, async (tx) => {
        const referral = await referralById(tx, id);
        if (!referral || referral.org_id !== actor.orgId) throw notFound();
        const parties = await partiesOf(tx, id);
        const duplicates = await possibleDuplicates(
          tx,
          { id, orgId: referral.org_id, crimeReference: referral.crime_reference },
          parties,
        );
        const matches = Object.fromEntries(
          await Promise.all(
            parties.map(
              async (party) =>
                [party.role, await matchingPersons(tx, referral.org_id, party)] as const,
            ),
          ),
        );
        const settings = await tx
          .selectFrom('service_settings')
          .selectAll()
          .where('org_id', '=', referral.org_id)
          .executeTakeFirst();
        await recordAudit(tx, actor, {
          action: 'referral.viewed',
          entityType: 'referral',
          entityId: id,
        });
        // Once accepted, the service's own duty is carried on its case.
        const allDuties = referralDuties(
          {
            cjsStage: referral.cjs_stage,
            reportedOn: referral.reported_on,
            receivedOn: referral.received_on,
            offenceDate: referral.offence_date,
            offenceGroupId: referral.offence_group_id,
            sourceKind: referral.source_kind,
            enhancedRights: referral.enhanced_rights,
            svDa: referral.sv_da,
            domesticAbuse: referral.domestic_abuse,
            hateCrime: referral.hate_crime,
            victimNamed: parties.some((p) => p.role === 'victim' && !!(p.forename || p.surname)),
            victimDateOfBirth: parties.find((p) => p.role === 'victim')?.date_of_birth ?? null,
            offenderDateOfBirth: parties.find((p) => p.role === 'offender')?.date_of_birth ?? null,
            rjInformationGivenOn: referral.rj_information_given_on,
            supportReferralMadeOn: referral.support_referral_made_on,
          },
          holidays,
        );
        return {
          referral,
          parties,
          ...dutiesShown(referral.status, allDuties),
          messages: await messagesOf(tx, id),
          // The case an accepted referral opened, while this service still holds it.
          openedCase: await tx
            .selectFrom('cases')
            .select(['id', 'reference'])
            .where('referral_id', '=', id)
            .where('org_id', '=', referral.org_id)
            .executeTakeFirst(),
          duplicates,
          matches,
          policy: settings?.offender_initiated_sv_da ?? 'specialist_assessment',
        };
      });
    },
  };
}

/**
 * The duties a referral's page shows. Once it is accepted, the service's own duty is carried on
 * its case, so the page says so instead of "no duty runs" (which would read as "no victim").
 */
function dutiesShown(status: string, duties: Duty[]) {
  const accepted = status === 'accepted';
  return {
    duties: duties.filter((duty) => !duty.heldByService || !accepted),
    serviceDutyOnCase: accepted && duties.some((duty) => duty.heldByService),
  };
}

export function conflict(key: string, params?: Record<string, string>) {
  return new AppError('conflict', key, { params });
}

export type ReferralService = ReturnType<typeof referralService>;
