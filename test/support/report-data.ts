// A fixed data set for the reports, made the way the product makes it (through the services,
// with the clock set to each day in turn), so every figure in the reports' tests can be worked
// out by hand. The comments give the facts the expected figures rest on; the period is
// April to June 2026 (2026-Q2), and a few things fall outside it on purpose.
import type { UserActor } from '../../src/domain/roles.js';
import { EXPLAINED_ITEMS } from '../../src/features/cases/people/schemas.js';
import { readReferenceCsv } from '../../src/db/reference-data.js';
import { caseVersion } from './cases.js';
import type { Harness } from './harness.js';
import { makeOrganisation, makeUser } from './harness.js';

const CATEGORY_KEYS = (await readReferenceCsv('categories-of-need.csv')).map((row) => row.id!);

/** Personal values written into the data set: none may ever reach a commissioner. */
export const PERSONAL = {
  names: ['Imogen', 'Quarrie', 'Tobias', 'Wrenfield', 'Ottoline', 'Fairweather'],
  datesOfBirth: ['1984-02-29', '1991-07-13'],
  phones: ['07700 900461', '01632 960782'],
  notes: [
    'Imogen said the burglary left her afraid of the dark',
    'Meeting Tobias Wrenfield changed everything for me',
  ],
};

export interface ReportData {
  area: string;
  service: { id: string; slug: string; name: string };
  other: { id: string; slug: string; name: string };
  elsewhere: { id: string; slug: string; name: string };
  police: { id: string; slug: string; name: string };
  probation: { id: string; slug: string; name: string };
  manager: UserActor & { email: string; password: string };
  practitioner: UserActor & { email: string; password: string };
  commissioner: UserActor & { email: string; password: string };
  otherCommissioner: UserActor & { email: string; password: string };
  cases: Record<string, { caseId: string; referralId: string; harmedId: string; harmerId: string }>;
  referrals: Record<string, string>;
}

export async function loadReportData(h: Harness, area = 'northumbria'): Promise<ReportData> {
  const s = h.services;
  const at = (day: string) => h.clock.set(`${day}T10:00:00Z`);
  at('2026-03-01');
  const service = await makeOrganisation(s, {
    kind: 'rj_service',
    area,
    name: 'North Restorative Justice',
  });
  const other = await makeOrganisation(s, { kind: 'rj_service', area, name: 'Tyneside Mediation' });
  const elsewhere = await makeOrganisation(s, {
    kind: 'rj_service',
    area: 'kent',
    name: 'Kent RJ Hub',
  });
  const police = await makeOrganisation(s, { kind: 'police', area, name: 'Northumbria Police' });
  const probation = await makeOrganisation(s, {
    kind: 'probation',
    area,
    name: 'North East Probation',
  });
  const office = await makeOrganisation(s, { kind: 'pcc_office', area, name: 'Northumbria PCC' });
  const kentOffice = await makeOrganisation(s, {
    kind: 'pcc_office',
    area: 'kent',
    name: 'Kent PCC',
  });
  const manager = await makeUser(s, { role: 'service_manager', org: service });
  const practitioner = await makeUser(s, { role: 'practitioner', org: service, name: 'Pat North' });
  const commissioner = await makeUser(s, { role: 'commissioner', org: office });
  const otherCommissioner = await makeUser(s, { role: 'commissioner', org: kentOffice });
  const otherStaff = await makeUser(s, { role: 'service_manager', org: other });
  const kentStaff = await makeUser(s, { role: 'service_manager', org: elsewhere });
  const staff = manager;

  const cases: ReportData['cases'] = {};
  const referrals: Record<string, string> = {};
  const refer = async (name: string, fields: Record<string, string>, by: UserActor = staff) => {
    const referral = await s.referrals.create(
      by,
      {
        cjs_stage: 'pre_charge',
        offence_group: 'theft-offences',
        initiated_by: 'victim',
        victim_forename: PERSONAL.names[0]!,
        victim_surname: PERSONAL.names[1]!,
        victim_dob: PERSONAL.datesOfBirth[0]!,
        victim_phone: PERSONAL.phones[0]!,
        offender_forename: PERSONAL.names[2]!,
        offender_surname: PERSONAL.names[3]!,
        offender_dob: PERSONAL.datesOfBirth[1]!,
        offender_phone: PERSONAL.phones[1]!,
        notes: PERSONAL.notes[0]!,
        ...fields,
      },
      { channel: 'web' },
    );
    referrals[name] = referral.id;
    return referral.id;
  };
  const accept = async (name: string, by: UserActor = staff) => {
    const { caseId } = await s.triage.accept(by, referrals[name]!, { version: 1 });
    const view = await s.cases.get(by, caseId);
    cases[name] = {
      caseId,
      referralId: referrals[name]!,
      harmedId: view.participants.find((p) => p.role === 'harmed')!.id,
      harmerId: view.participants.find((p) => p.role === 'harmer')!.id,
    };
    await s.cases.addNote(by, caseId, { body: PERSONAL.notes[0] });
  };
  const c = (name: string) => cases[name]!;
  const contact = (name: string, on: string) =>
    s.contacts.add(staff, c(name).caseId, {
      participant_id: c(name).harmedId,
      contacted_on: on,
      method: 'phone',
      outcome: 'spoke',
      notes: PERSONAL.notes[0],
    });
  const offer = (name: string, who: 'harmedId' | 'harmerId', on: string, answer: string) =>
    s.people.recordOffer(staff, c(name).caseId, c(name)[who], {
      offered_on: on,
      method: 'phone',
      answer,
    });
  const consentAndAssess = async (name: string, on: string, who: ('harmedId' | 'harmerId')[]) => {
    for (const w of who) {
      await s.people.recordConsent(staff, c(name).caseId, c(name)[w], {
        given_on: on,
        how: 'written',
        explained: [...EXPLAINED_ITEMS],
      });
      await s.assessments.record(staff, c(name).caseId, {
        kind: 'suitability',
        participant_id: c(name)[w],
        decision: 'suitable',
        summary: 'Ready',
      });
    }
  };
  const version = (name: string) => caseVersion(s, staff, c(name).caseId);
  /** A letter from the person who harmed, which the person harmed chose to receive. */
  const deliverLetter = async (name: string, interventionId: string, on: string) => {
    const { caseId, harmedId, harmerId } = c(name);
    const letter = await s.interventions.receiveLetter(staff, caseId, interventionId, {
      writer: harmerId,
      recipient: harmedId,
      received_on: on,
    });
    await s.interventions.recordRecipientDecision(staff, caseId, letter.id, {
      recipient_contacted_on: on,
      recipient_decision: 'receive',
      version: await version(name),
    });
    await s.interventions.markDelivered(staff, caseId, letter.id, {
      delivered_on: on,
      version: await version(name),
    });
  };
  const hold = async (name: string, kind: string, on: string) => {
    const { id } = await s.interventions.plan(staff, c(name).caseId, {
      kind,
      attendees: [c(name).harmedId, c(name).harmerId],
    });
    if (kind === 'letter_of_apology') await deliverLetter(name, id, on);
    await s.interventions.recordOutcome(staff, c(name).caseId, id, {
      outcome: 'held',
      held_on: on,
      version: await version(name),
    });
  };
  /** Victim awareness work with the person who harmed alone: not counted as RJ held. */
  const holdAwareness = async (name: string, on: string) => {
    const { id } = await s.interventions.plan(staff, c(name).caseId, {
      kind: 'victim_awareness',
      attendees: [c(name).harmerId],
    });
    await s.interventions.recordOutcome(staff, c(name).caseId, id, {
      outcome: 'held',
      held_on: on,
      version: await version(name),
    });
  };
  const time = (name: string, on: string, kind: string, minutes: number, miles: number) => {
    const [year, month, day] = on.split('-');
    return s.caseTime.record(staff, c(name).caseId, {
      'worked_on-day': day!,
      'worked_on-month': month!,
      'worked_on-year': year!,
      kind,
      hours: String(Math.floor(minutes / 60)),
      minutes: String(minutes % 60),
      miles: String(miles),
    });
  };
  const wellbeing = (
    name: string,
    kind: 'entry' | 'exit',
    on: string,
    first: number,
    rest: number,
  ) =>
    s.wellbeing.record(staff, c(name).caseId, c(name).harmedId, kind, {
      taken_on: on,
      scores: Object.fromEntries(CATEGORY_KEYS.map((key, i) => [key, i === 0 ? first : rest])),
    });
  const questionnaire = (name: string, on: string, answers: Record<string, string>) =>
    s.feedback.recordFromForm(staff, c(name).caseId, c(name).harmedId, {
      channel: 'paper',
      responded_on: on,
      ...Object.fromEntries(Object.entries(answers).map(([k, v]) => [`q_${k}`, v])),
    });
  const testimonial = async (name: string, scope: string, anonymised: string) => {
    const id = await s.feedback.recordTestimonial(staff, c(name).caseId, {
      participant_id: c(name).harmedId,
      quote: PERSONAL.notes[1],
      consent_scope: scope,
      consent_on: '2026-03-01',
    });
    await s.feedback.reviewTestimonial(staff, c(name).caseId, String(id), {
      anonymised,
      approve: 'yes',
    });
  };
  const close = async (name: string, outcome: string) =>
    s.cases.transition(staff, c(name).caseId, {
      action: 'close',
      outcome,
      version: await version(name),
    });
  const clockDate = (name: string, clock: string, date: string) =>
    s.triage.recordClockDate(staff, referrals[name]!, { clock, date });
  const reoffending = async (name: string, on: string, result: string) => {
    const checks = await s.reoffending.forCase(staff, c(name).caseId);
    await s.reoffending.record(staff, c(name).caseId, checks[0]!.id, {
      checked_on: on,
      further_offence: result,
      source: 'police',
    });
  };

  // R0: March, outside the period, but its case's work runs into it.
  at('2026-03-10');
  await refer('R0', { source_org: 'self', received_on: '2026-03-10' });
  at('2026-03-12');
  await accept('R0');
  at('2026-03-13');
  await contact('R0', '2026-03-13');
  await time('R0', '2026-03-13', 'admin', 30, 0);
  at('2026-03-16');
  await offer('R0', 'harmedId', '2026-03-16', 'yes');
  await wellbeing('R0', 'entry', '2026-03-16', 2, 2);
  at('2026-03-17');
  await offer('R0', 'harmerId', '2026-03-17', 'yes');
  at('2026-03-18');
  await consentAndAssess('R0', '2026-03-18', ['harmedId', 'harmerId']);
  await s.awareness.save(staff, null, {
    held_on: '2026-03-01',
    kind: 'training',
    audience_org: police.id,
    attendees: '8',
    topic: 'Outside the period',
    hours: '1',
  });

  // R1: police, victim, theft, 6 April (Easter Monday): completed on 3 June.
  at('2026-04-06');
  await refer('R1', { source_org: police.slug, received_on: '2026-04-06' });
  at('2026-04-08');
  await accept('R1');
  at('2026-04-09');
  await contact('R1', '2026-04-09'); // 3 working days (7, 8, 9 April)
  await time('R1', '2026-04-09', 'meeting', 90, 10);
  at('2026-04-10');
  await clockDate('R1', 'rj_information', '2026-04-10'); // 4 working days: in time
  await clockDate('R1', 'support_referral', '2026-04-07'); // 1: in time
  await offer('R1', 'harmedId', '2026-04-10', 'yes');
  await wellbeing('R1', 'entry', '2026-04-10', 2, 2);
  at('2026-04-13');
  await offer('R1', 'harmerId', '2026-04-13', 'yes');
  at('2026-04-14');
  await refer('R2', {
    source_org: police.slug,
    received_on: '2026-04-14',
    offence_group: 'violence-against-the-person',
    cjs_stage: 'pre_sentence',
  });
  await consentAndAssess('R1', '2026-04-14', ['harmedId']);
  at('2026-04-15');
  await consentAndAssess('R1', '2026-04-15', ['harmerId']);
  at('2026-04-16');
  await accept('R2');
  at('2026-04-20');
  await hold('R0', 'shuttle', '2026-04-20');
  await time('R0', '2026-04-20', 'meeting', 60, 5);
  await s.awareness.save(staff, null, {
    held_on: '2026-04-20',
    kind: 'training',
    audience_org: police.id,
    attendees: '12',
    topic: 'Restorative justice for officers',
    hours: '2',
  });
  at('2026-04-21');
  await contact('R2', '2026-04-21'); // 5 working days (15, 16, 17, 20, 21 April)
  await time('R2', '2026-04-21', 'travel', 60, 30);
  at('2026-04-22');
  await offer('R2', 'harmedId', '2026-04-22', 'not_now');
  at('2026-04-23');
  await offer('R2', 'harmerId', '2026-04-23', 'no');
  at('2026-04-24');
  await clockDate('R2', 'rj_information', '2026-04-24'); // 8 working days: late
  at('2026-05-01');
  await hold('R1', 'conference', '2026-05-01');
  await time('R1', '2026-05-01', 'meeting', 120, 20);
  at('2026-05-04');
  await questionnaire('R0', '2026-05-04', { satisfied: '2', recommend: 'no', prepared: '5' });
  at('2026-05-05');
  await refer('R3', {
    source_org: 'self',
    received_on: '2026-05-05',
    initiated_by: 'offender',
    offence_group: 'criminal-damage-and-arson',
    cjs_stage: 'custody',
  });
  await wellbeing('R0', 'exit', '2026-05-05', 4, 3); // +2 and seven +1: mean 1.125, 1.13
  await testimonial('R0', 'internal', 'It was hard but worth it.');
  await close('R0', 'completed');
  at('2026-05-07');
  await accept('R3');
  at('2026-05-08');
  await contact('R3', '2026-05-08'); // 3 working days (6, 7, 8 May; 4 May a bank holiday)
  await time('R3', '2026-05-08', 'preparation', 45, 0);
  at('2026-05-11');
  await offer('R3', 'harmerId', '2026-05-11', 'yes');
  at('2026-05-12');
  await offer('R3', 'harmedId', '2026-05-12', 'yes');
  at('2026-05-13');
  await consentAndAssess('R3', '2026-05-13', ['harmedId']);
  at('2026-05-14');
  await consentAndAssess('R3', '2026-05-14', ['harmerId']);
  at('2026-05-15');
  await s.awareness.save(staff, null, {
    held_on: '2026-05-15',
    kind: 'awareness',
    audience_kind: 'school',
    attendees: '30',
    topic: 'Restorative justice in schools',
    hours: '1.5',
  });
  at('2026-05-20');
  await refer('R4', {
    source_org: probation.slug,
    received_on: '2026-05-20',
    initiated_by: 'agency',
    cjs_stage: 'community_sentence',
  });
  await s.triage.decline(staff, referrals.R4!, { version: 1, reason: 'not_suitable' });
  at('2026-06-01');
  await wellbeing('R1', 'exit', '2026-06-01', 4, 3); // the same: 1.13
  at('2026-06-02');
  await refer('R5', {
    source_org: police.slug,
    received_on: '2026-06-02',
    offence_group: 'sexual-offences',
    sv_da: 'yes',
  });
  await questionnaire('R1', '2026-06-02', { satisfied: '5', recommend: 'yes', prepared: '4' });
  at('2026-06-03');
  await clockDate('R5', 'rj_information', '2026-06-03'); // 1 working day: in time
  await testimonial('R1', 'commissioner', 'Meeting him changed everything for me.');
  await close('R1', 'completed');
  at('2026-06-04');
  await wellbeing('R2', 'exit', '2026-06-04', 3, 3); // no entry measure
  at('2026-06-05');
  await questionnaire('R2', '2026-06-05', { satisfied: '4', recommend: 'not_sure' });
  await testimonial('R2', 'public', 'I felt listened to.');
  await close('R2', 'victim_declined');
  at('2026-06-08');
  await holdAwareness('R3', '2026-06-08'); // after the person harmed was offered RJ (12 May)
  at('2026-06-10');
  await hold('R3', 'letter_of_apology', '2026-06-10');
  at('2026-06-15');
  await refer('R6', {
    source_org: 'public',
    received_on: '2026-06-15',
    offence_group: 'robbery',
    cjs_stage: 'not_reported',
    offender_dob: '2009-08-01', // 16 when the referral arrived: youth justice
  });
  at('2026-06-16');
  await accept('R6');
  at('2026-06-19');
  await clockDate('R6', 'support_referral', '2026-06-19'); // 4 working days: late
  at('2026-06-20');
  await reoffending('R0', '2026-06-20', 'no');
  at('2026-06-22');
  await clockDate('R6', 'rj_information', '2026-06-22'); // 5 working days: in time
  at('2026-06-25');
  await reoffending('R1', '2026-06-25', 'yes');
  // Equality answers (recorded now; they follow the people, whatever the date).
  const record = (name: string, who: 'harmedId' | 'harmerId', answers: Record<string, string>) =>
    s.equality.record(
      staff,
      c(name).caseId,
      c(name)[who],
      Object.fromEntries(Object.entries(answers).map(([k, v]) => [`eq_${k}`, v])),
    );
  await record('R1', 'harmedId', {
    age_band: '25_34',
    sex: 'female',
    gender_identity: 'same_as_sex_registered',
    ethnicity: 'white_british',
    disability: 'no',
    religion: 'no_religion',
    sexual_orientation: 'straight_or_heterosexual',
  });
  await record('R1', 'harmerId', {
    ethnicity: 'african',
    religion: 'prefer_not_to_say',
    age_band: '18_24',
    sex: 'male',
  });
  await record('R2', 'harmedId', { ethnicity: 'prefer_not_to_say' });

  // Outside the period, after it.
  at('2026-07-01');
  await questionnaire('R3', '2026-07-01', { satisfied: '5' });
  at('2026-07-02');
  await refer('R7', { source_org: police.slug, received_on: '2026-07-02' });
  at('2026-07-03');
  await close('R6', 'could_not_contact');

  // The area's other service: two referrals from the police in May, one accepted and reached.
  at('2026-05-18');
  await refer('B1', { source_org: police.slug, received_on: '2026-05-18' }, otherStaff);
  await refer('B2', { source_org: police.slug, received_on: '2026-05-18' }, otherStaff);
  await accept('B1', otherStaff);
  // And a service in another area, which a commissioner here never sees.
  await refer('K1', { source_org: 'self', received_on: '2026-05-18' }, kentStaff);

  at('2026-07-10');
  await s.aggregates.refresh();
  return {
    area,
    service,
    other,
    elsewhere,
    police,
    probation,
    manager,
    practitioner,
    commissioner,
    otherCommissioner,
    cases,
    referrals,
  };
}
