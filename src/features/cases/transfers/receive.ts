// Accepting a transfer makes a new case in the receiving service from the transfer's payload,
// and from nothing else: this function is given only the payload (with the transfer's message
// and which case it came from), so it cannot reach into the sending service's case. What the
// sending service wrote (its summary, assessments, notes) arrives as case notes saying where it
// came from: the receiving service makes its own assessments and decisions.
import type { Tx } from '../../../db/actor-context.js';
import { newReference } from '../../../domain/referrals.js';
import { formatDate, formatDateTime } from '../../../platform/format.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { offenceText } from '../presenters.js';
import type { TransferPayload } from './payload.js';

export async function caseFromPayload(
  tx: Tx,
  options: {
    orgId: string;
    payload: TransferPayload;
    message: string | null;
    fromCaseId: string;
    now: Date;
    t: Translate;
  },
): Promise<{ id: string; reference: string }> {
  const { orgId, payload, t } = options;
  const received = await tx
    .insertInto('cases')
    .values({
      org_id: orgId,
      reference: newReference('CS'),
      referral_id: null,
      // Safety flags travel with the case; an older payload's SV/DA is read as domestic abuse
      // (as flagsAtIntake reads the combined answer) so the trained sign-off still follows it.
      sexual_violence: payload.from.flags?.sexualViolence ?? false,
      domestic_abuse: payload.from.flags?.domesticAbuse ?? payload.from.svDa,
      hate_crime: payload.from.flags?.hateCrime ?? false,
      sv_da: payload.from.svDa,
      needs_specialist_assessment: payload.from.svDa,
      transferred_from: options.fromCaseId,
      last_activity_at: options.now,
    })
    .returning(['id', 'reference'])
    .executeTakeFirstOrThrow();
  const caseId = received.id;
  const names = new Map<string, string>();
  for (const p of payload.participants ?? []) {
    names.set(p.ref, p.displayName);
    const person = await tx
      .insertInto('persons')
      .values({
        org_id: orgId,
        forename: p.forename,
        surname: p.surname,
        date_of_birth: p.dateOfBirth,
        phone: p.phone,
        email: p.email,
        postcode: p.postcode,
        establishment: p.establishment,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('case_participants')
      .values({
        org_id: orgId,
        case_id: caseId,
        person_id: person.id,
        organisation_name: p.organisationName,
        display_name: p.displayName,
        role: p.role,
        connection: p.connection,
        interpreter_language: p.interpreterLanguage,
        accessibility_needs: p.accessibilityNeeds,
        safe_phone: p.safePhone,
        may_leave_message: p.mayLeaveMessage,
        preferred_contact: p.preferredContact,
        preferred_times: p.preferredTimes,
        do_not_contact_via: p.doNotContactVia,
        unsafe_to_contact: p.unsafeToContact,
        address_line_1: p.postalAddress?.line1 ?? null,
        address_line_2: p.postalAddress?.line2 ?? null,
        address_town: p.postalAddress?.town ?? null,
        address_postcode: p.postalAddress?.postcode ?? null,
      })
      .execute();
  }
  // What was written by the sending service arrives as case notes saying where it came
  // from: the receiving service makes its own assessments and decisions.
  const from = { service: payload.from.service, reference: payload.from.caseReference };
  const notes = [t('cases.transfers.notes.message', { ...from, message: options.message ?? '' })];
  if (payload.summary) {
    const s = payload.summary;
    const none = t('cases.notRecorded');
    notes.push(
      t('cases.transfers.notes.summary', {
        ...from,
        offence: offenceText({ harmSetting: null, ...s }, t),
        crimeReference: s.crimeReference ?? none,
        cjsStage: s.cjsStage ? t(`referrals.options.cjsStage.${s.cjsStage}`) : none,
        receivedOn: s.referralReceivedOn ? formatDate(s.referralReceivedOn) : none,
        openedOn: formatDate(s.openedOn),
      }),
    );
  }
  for (const a of payload.assessments ?? []) {
    notes.push(
      t('cases.transfers.notes.assessment', {
        ...from,
        name: names.get(a.participant) ?? '',
        kind: t(`cases.transfers.assessmentKinds.${a.kind}`),
        date: formatDate(a.recordedAt),
        risk: a.riskLevel ? t(`cases.transfers.riskLevels.${a.riskLevel}`) : t('cases.notRecorded'),
        decision: a.decision
          ? t(`cases.transfers.decisions.${a.decision}`)
          : t('cases.notRecorded'),
        summary: a.summary ?? '',
      }),
    );
  }
  for (const n of payload.notes ?? []) {
    notes.push(
      t('cases.transfers.notes.note', {
        ...from,
        at: formatDateTime(n.writtenAt),
        author: n.author ?? t('cases.transfers.notes.someone'),
        body: n.body,
      }),
    );
  }
  // Oldest first, so the newest-first notes list reads with the message on top.
  for (const body of notes.reverse()) {
    await tx
      .insertInto('case_notes')
      .values({ org_id: orgId, case_id: caseId, body, created_by: null })
      .execute();
  }
  for (const d of payload.documents ?? []) {
    await tx
      .insertInto('case_documents')
      .values({
        org_id: orgId,
        case_id: caseId,
        file_name: d.fileName,
        content_type: d.contentType,
        size_bytes: d.size,
        storage_key: d.storageKey,
        sha256: d.sha256,
        origin: 'transfer',
        uploaded_by: null,
      })
      .execute();
  }
  return received;
}
