// Turning submitted fields into a referral: the checks every door shares, and the rows that
// are written. Web, API and CSV import all come through here, so identical data makes
// identical referrals.
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Tx } from '../../db/actor-context.js';
import type { ReferralPartiesTable, ReferralsTable } from '../../db/schema.js';
import { compareDates, type IsoDate } from '../../domain/calendar-dates.js';
import {
  consistencyProblems,
  duplicateKey,
  newReference,
  whatHappenedProblems,
} from '../../domain/referrals.js';
import { flagsAtIntake, needsTrainedSignOff } from '../../domain/safety-flags.js';
import { ageGroupAt, offenceDay } from '../../domain/youth.js';
import type { FieldError } from '../../platform/errors.js';
import { toFieldErrors } from '../../platform/forms.js';
import { referralFields, toReferralInput, type PartyInput, type ReferralInput } from './schema.js';
import { mayBeSource } from './sources.js';

export type Channel = 'web' | 'api' | 'import';

export type CheckResult =
  | { ok: true; input: ReferralInput; sourceOrgId: string | null }
  | { ok: false; errors: FieldError[] };

/** Looks up organisations, whether each may refer, and offence groups once per check run (an import checks many rows). */
export function referralChecker(tx: Tx) {
  const organisations = new Map<string, { id: string; kind: string } | null>();
  const sources = new Map<string, boolean>();
  let offenceGroups: Set<string> | undefined;

  async function organisation(slug: string) {
    if (!organisations.has(slug)) {
      const row = await tx
        .selectFrom('organisations')
        .select(['id', 'kind'])
        .where('slug', '=', slug)
        .executeTakeFirst();
      organisations.set(slug, row ?? null);
    }
    return organisations.get(slug) ?? null;
  }

  async function maySourceReferrals(orgId: string) {
    if (!sources.has(orgId)) sources.set(orgId, await mayBeSource(tx, orgId));
    return sources.get(orgId);
  }

  return {
    organisation,

    /** Every check of one referral's fields, reporting every problem found. */
    async check(raw: unknown, today: IsoDate): Promise<CheckResult> {
      const parsed = referralFields.safeParse(raw ?? {});
      const errors: FieldError[] = parsed.success ? [] : toFieldErrors(parsed.error);
      const failed = new Set(errors.map((e) => e.field));
      const fields = (parsed.success ? parsed.data : {}) as Record<string, unknown>;
      const value = (name: string) =>
        failed.has(name)
          ? undefined
          : parsed.success
            ? fields[name]
            : (raw as Record<string, unknown>)?.[name];

      // Field-by-field checks that need other fields or the database.
      offenceGroups ??= new Set(
        (await tx.selectFrom('offence_groups').select('id').execute()).map((r) => r.id),
      );
      const group = value('offence_group');
      if (
        typeof group === 'string' &&
        group.trim() !== '' &&
        !failed.has('offence_group') &&
        !offenceGroups.has(group.trim().toLowerCase())
      ) {
        errors.push({ field: 'offence_group', key: 'referrals.errors.offenceGroupUnknown' });
      }
      let sourceOrgId: string | null = null;
      const source = value('source_org');
      if (
        typeof source === 'string' &&
        source &&
        !failed.has('source_org') &&
        !['self', 'public'].includes(source.trim().toLowerCase())
      ) {
        const found = await organisation(source.trim().toLowerCase());
        if (!found) errors.push({ field: 'source_org', key: 'referrals.errors.sourceUnknown' });
        else if (!(await maySourceReferrals(found.id)))
          errors.push({ field: 'source_org', key: 'referrals.errors.sourceNotAReferrer' });
        else sourceOrgId = found.id;
      }
      if (!parsed.success) {
        // Said now too, so a file's row lists every problem at once.
        if (!failed.has('harm_setting') && !failed.has('offence_group'))
          for (const problem of whatHappenedProblems({
            harmSetting: value('harm_setting') as string | undefined,
            offenceGroup: value('offence_group') as string | undefined,
          }))
            errors.push({ field: problem.field, key: `referrals.errors.${problem.rule}` });
        return { ok: false, errors: sortErrors(errors) };
      }

      const input = toReferralInput(parsed.data);
      errors.push(...crossFieldErrors(input, today));
      if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };
      return { ok: true, input, sourceOrgId };
    },
  };
}

const FIELD_ORDER = Object.keys(referralFields.shape);
function sortErrors(errors: FieldError[]): FieldError[] {
  return [...errors].sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
}

/** Rules across fields: someone must be named, and dates must be in a possible order. */
export function crossFieldErrors(input: ReferralInput, today: IsoDate): FieldError[] {
  const errors: FieldError[] = [];
  if (!input.victim?.surname && !input.offender?.surname) {
    errors.push({ field: 'victim_surname', key: 'referrals.errors.surnameRequired' });
  }
  if (compareDates(input.receivedOn, today) > 0)
    errors.push({ field: 'received_on', key: 'referrals.errors.receivedInFuture' });
  if (input.offenceDate && compareDates(input.offenceDate, input.receivedOn) > 0) {
    errors.push({ field: 'offence_date', key: 'referrals.errors.offenceAfterReceived' });
  }
  if (input.reportedOn && compareDates(input.reportedOn, input.receivedOn) > 0) {
    errors.push({ field: 'reported_on', key: 'referrals.errors.reportedAfterReceived' });
  }
  if (
    input.reportedOn &&
    input.offenceDate &&
    compareDates(input.reportedOn, input.offenceDate) < 0
  ) {
    errors.push({ field: 'reported_on', key: 'referrals.errors.reportedBeforeOffence' });
  }
  for (const role of ['victim', 'offender'] as const) {
    const dob = input[role]?.dateOfBirth;
    if (dob && compareDates(dob, today) >= 0)
      errors.push({ field: `${role}_dob`, key: 'referrals.errors.dobInFuture' });
  }
  for (const problem of consistencyProblems({
    ...input,
    offenderDateOfBirth: input.offender?.dateOfBirth,
  })) {
    errors.push({ field: problem.field, key: `referrals.errors.${problem.rule}` });
  }
  return errors;
}

export function referralDuplicateKey(input: ReferralInput): string {
  return duplicateKey({
    source: input.source,
    crimeReference: input.crimeReference,
    surnames: [input.victim?.surname, input.offender?.surname],
  });
}

export interface ReferralRows {
  referral: Insertable<ReferralsTable> & { id: string };
  parties: (Insertable<ReferralPartiesTable> & { id: string })[];
}

/** The complete rows for a checked referral (complete so an import can publish them as JSON). */
export function referralRows(options: {
  input: ReferralInput;
  serviceId: string;
  sourceOrgId: string | null;
  channel: Channel;
  submittedBy: string | null;
  importJobId?: string | null;
  now: Date;
}): ReferralRows {
  const { input, serviceId, now } = options;
  const id = randomUUID();
  // The flags are derived, not taken from the referrer's optional answer alone: a sexual
  // offence is sexual violence whatever box was ticked.
  const flags = flagsAtIntake({
    offenceGroup: input.offenceGroup ?? null,
    svDa: input.svDa,
    domesticAbuse: input.domesticAbuse,
    hateCrime: input.hateCrime,
  });
  const referral: ReferralRows['referral'] = {
    id,
    org_id: serviceId,
    reference: newReference('RF'),
    source_org_id: options.sourceOrgId,
    source_kind: input.source.kind,
    initiated_by: input.initiatedBy,
    received_on: input.receivedOn,
    reported_on: input.reportedOn ?? null,
    crime_reference: input.crimeReference ?? null,
    harm_setting: input.harmSetting,
    offence_group_id: input.offenceGroup ?? null,
    offence_date: input.offenceDate ?? null,
    cjs_stage: input.cjsStage,
    out_of_court_resolution: input.outOfCourtResolution ?? null,
    offender_age_group: ageGroupAt(
      input.offender?.dateOfBirth ?? null,
      offenceDay({
        offenceDate: input.offenceDate ?? null,
        reportedOn: input.reportedOn ?? null,
        receivedOn: input.receivedOn,
      }),
    ),
    sv_da: needsTrainedSignOff(flags),
    domestic_abuse: flags.domesticAbuse,
    hate_crime: flags.hateCrime,
    enhanced_rights: input.enhancedRights,
    victim_consented: input.victimConsented ?? null,
    notes: input.notes ?? null,
    channel: options.channel,
    submitted_by: options.submittedBy,
    import_job_id: options.importJobId ?? null,
    duplicate_key: referralDuplicateKey(input),
    status: 'received',
    progress: 'received',
    created_at: now,
    updated_at: now,
    version: 1,
  };
  const parties = (['victim', 'offender'] as const)
    .filter((role) => input[role] !== undefined)
    .map((role) => partyRow(input[role]!, { referralId: id, serviceId, role }));
  return { referral, parties };
}

function partyRow(
  party: PartyInput,
  where: { referralId: string; serviceId: string; role: 'victim' | 'offender' },
) {
  return {
    id: randomUUID(),
    org_id: where.serviceId,
    referral_id: where.referralId,
    role: where.role,
    forename: party.forename ?? null,
    surname: party.surname ?? null,
    date_of_birth: party.dateOfBirth ?? null,
    phone: party.phone ?? null,
    email: party.email ?? null,
    postcode: party.postcode ?? null,
    establishment: party.establishment ?? null,
    safe_phone: party.safePhone ?? null,
    may_leave_message: party.mayLeaveMessage ?? null,
    preferred_contact: party.preferredContact ?? null,
    preferred_times: party.preferredTimes ?? null,
    do_not_contact_via: party.doNotContactVia ?? null,
    person_id: null,
  };
}

/** Writes the rows. Parties are written without RETURNING: a referrer may not read them back. */
export async function insertReferralRows(tx: Tx, rows: ReferralRows): Promise<void> {
  await tx.insertInto('referrals').values(rows.referral).execute();
  if (rows.parties.length > 0)
    await tx.insertInto('referral_parties').values(rows.parties).execute();
}
