// What a service decides about a referral it received: accept it (which opens a case), decline
// it with a coded reason, or ask the referrer for more. Each decision is one transaction with
// its audit event; the referrer is told after it commits.
import { withActor, type Tx } from '../../db/actor-context.js';
import { isUuid } from '../../domain/ids.js';
import { newReference, svDaPolicyAllows } from '../../domain/referrals.js';
import { flagsAtIntake, needsTrainedSignOff } from '../../domain/safety-flags.js';
import { type Actor, userIdOf } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';
import { AppError, notFound, refuseFutureDate } from '../../platform/errors.js';
import { londonDate } from '../../platform/format.js';
import { parseInput } from '../../platform/forms.js';
import type { Notifier } from '../../platform/notifications.js';
import type { CaseDeps } from '../cases/index.js';
import {
  knownNeeds,
  participantFromParty,
  personFor,
  withKnownNeeds,
} from './case-from-referral.js';
import { notifyReferrer } from './notify.js';
import {
  acceptSchema,
  clockDateSchema,
  declineSchema,
  requestInformationSchema,
} from './triage-schemas.js';
import { partiesOf, referralById } from './queries.js';

interface Deps extends CaseDeps {
  notifier: Notifier;
  baseUrl: string;
}

export function triageService(deps: Deps) {
  const { db, clock, kernel } = deps;

  /** The referral, if it belongs to the actor's service and can still be decided. */
  async function open(tx: Tx, actor: Actor, id: string, expectedVersion: number) {
    if (!isUuid(id)) throw notFound();
    const referral = await referralById(tx, id);
    if (!referral || referral.org_id !== actor.orgId) throw notFound();
    if (referral.status === 'accepted' || referral.status === 'declined') {
      throw new AppError('conflict', `referrals.errors.already.${referral.status}`);
    }
    if (referral.version !== expectedVersion) {
      throw new AppError('conflict', 'referrals.errors.changedSince', {
        params: { name: referral.deciderName ?? '', at: referral.updated_at.toISOString() },
      });
    }
    return referral;
  }

  async function decide(
    tx: Tx,
    id: string,
    version: number,
    changes: Record<string, unknown>,
    actor: Actor,
  ) {
    const result = await tx
      .updateTable('referrals')
      .set({
        ...changes,
        decided_at: clock.now(),
        decided_by: userIdOf(actor),
        updated_at: clock.now(),
        version: version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n)
      throw new AppError('conflict', 'referrals.errors.changedSince', {
        params: { name: '', at: '' },
      });
  }

  const tell = (actor: Actor, id: string, status: string) =>
    notifyReferrer(deps, actor, id, status).catch(() => undefined);

  return {
    async accept(
      actor: Actor,
      id: string,
      input: unknown,
    ): Promise<{ caseId: string; caseReference: string }> {
      await authorize(db, actor, 'triage_referrals', 'referral.accepted');
      const data = parseInput(acceptSchema, input);
      const result = await withActor(db, actor, async (tx) => {
        const referral = await open(tx, actor, id, data.version);
        const settings = await tx
          .selectFrom('service_settings')
          .select('offender_initiated_sv_da')
          .where('org_id', '=', referral.org_id)
          .executeTakeFirst();
        if (
          !svDaPolicyAllows(
            { initiatedBy: referral.initiated_by, svDa: referral.sv_da },
            settings?.offender_initiated_sv_da ?? 'specialist_assessment',
          )
        ) {
          throw new AppError('conflict', 'referrals.errors.refusedByPolicy');
        }
        const flags = flagsAtIntake({
          offenceGroup: referral.offence_group_id,
          svDa: referral.sv_da,
          domesticAbuse: referral.domestic_abuse,
          hateCrime: referral.hate_crime,
        });
        const caseRow = await tx
          .insertInto('cases')
          .values({
            org_id: referral.org_id,
            reference: newReference('CS'),
            referral_id: id,
            sexual_violence: flags.sexualViolence,
            domestic_abuse: flags.domesticAbuse,
            hate_crime: flags.hateCrime,
            sv_da: needsTrainedSignOff(flags),
            needs_specialist_assessment: needsTrainedSignOff(flags),
            created_at: clock.now(),
            last_activity_at: clock.now(),
          })
          .returning(['id', 'reference'])
          .executeTakeFirstOrThrow();
        for (const party of await partiesOf(tx, id)) {
          const choice = party.role === 'victim' ? data.victimPerson : data.offenderPerson;
          const personId = await personFor(tx, referral.org_id, party, choice);
          await tx
            .updateTable('referral_parties')
            .set({ person_id: personId })
            .where('id', '=', party.id)
            .execute();
          await tx
            .insertInto('case_participants')
            .values(
              withKnownNeeds(
                participantFromParty(party, {
                  caseId: caseRow.id,
                  orgId: referral.org_id,
                  personId,
                }),
                await knownNeeds(tx, personId),
              ),
            )
            .execute();
        }
        await decide(tx, id, data.version, { status: 'accepted', progress: 'accepted' }, actor);
        await recordAudit(tx, actor, {
          action: 'referral.accepted',
          entityType: 'referral',
          entityId: id,
          details: { case: caseRow.id },
        });
        await kernel.caseOpened(
          tx,
          { actor, caseId: caseRow.id, orgId: referral.org_id, from: { referral: id } },
          { kind: 'opened', params: { referral: referral.reference } },
        );
        return { caseId: caseRow.id, caseReference: caseRow.reference };
      });
      await tell(actor, id, 'accepted');
      return result;
    },

    async decline(actor: Actor, id: string, input: unknown) {
      await authorize(db, actor, 'triage_referrals', 'referral.declined');
      const data = parseInput(declineSchema, input);
      await withActor(db, actor, async (tx) => {
        await open(tx, actor, id, data.version);
        await decide(
          tx,
          id,
          data.version,
          {
            status: 'declined',
            progress: 'declined',
            decline_reason: data.reason,
            decline_note: data.note ?? null,
          },
          actor,
        );
        await recordAudit(tx, actor, {
          action: 'referral.declined',
          entityType: 'referral',
          entityId: id,
          details: { reason: data.reason },
        });
      });
      await tell(actor, id, 'declined');
    },

    async requestInformation(actor: Actor, id: string, input: unknown) {
      await authorize(db, actor, 'triage_referrals', 'referral.information_requested');
      const data = parseInput(requestInformationSchema, input);
      await withActor(db, actor, async (tx) => {
        const referral = await open(tx, actor, id, data.version);
        await tx
          .insertInto('referral_messages')
          .values({
            org_id: referral.org_id,
            referral_id: id,
            direction: 'to_referrer',
            body: data.message,
            created_by: userIdOf(actor),
          })
          .execute();
        await tx
          .updateTable('referrals')
          .set({
            status: 'information_requested',
            updated_at: clock.now(),
            version: data.version + 1,
          })
          .where('id', '=', id)
          .execute();
        await recordAudit(tx, actor, {
          action: 'referral.information_requested',
          entityType: 'referral',
          entityId: id,
        });
      });
      await tell(actor, id, 'information_requested');
    },

    /** Records when the victim was told about RJ, or referred to a support service. */
    async recordClockDate(actor: Actor, id: string, input: unknown) {
      await authorize(db, actor, 'triage_referrals', 'referral.clock_recorded');
      const data = parseInput(clockDateSchema, input);
      refuseFutureDate(data.date, londonDate(clock.now()), 'date');
      await withActor(db, actor, async (tx) => {
        if (!isUuid(id)) throw notFound();
        const column =
          data.clock === 'rj_information' ? 'rj_information_given_on' : 'support_referral_made_on';
        const result = await tx
          .updateTable('referrals')
          .set({ [column]: data.date, updated_at: clock.now() })
          .where('id', '=', id)
          .where('org_id', '=', actor.orgId!)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) throw notFound();
        await recordAudit(tx, actor, {
          action: 'referral.clock_recorded',
          entityType: 'referral',
          entityId: id,
          details: { clock: data.clock },
        });
      });
    },
  };
}

export type TriageService = ReturnType<typeof triageService>;
