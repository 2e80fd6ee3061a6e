// Factories for case tests: a service with staff, and cases opened the way the product opens
// them (a referral accepted at triage).
import type { UserActor } from '../../src/domain/roles.js';
import type { Services } from '../../src/services.js';
import { makeOrganisation, makeUser } from './harness.js';

export async function makeService(services: Services) {
  const org = await makeOrganisation(services, { kind: 'rj_service' });
  const practitioner = await makeUser(services, {
    role: 'practitioner',
    org,
    name: 'Pat Practitioner',
  });
  const manager = await makeUser(services, {
    role: 'service_manager',
    org,
    name: 'Morgan Manager',
  });
  const volunteer = await makeUser(services, { role: 'volunteer', org, name: 'Val Volunteer' });
  return { org, practitioner, manager, volunteer };
}

/** A case opened by accepting a referral with a harmed person and a person who harmed. */
export async function openCase(
  services: Services,
  staff: UserActor,
  traits: {
    svDa?: boolean;
    victim?: string;
    offender?: string;
    receivedOn?: string;
    crimeReference?: string;
  } = {},
) {
  const referral = await services.referrals.create(
    staff,
    {
      source_org: 'self',
      initiated_by: 'victim',
      received_on: traits.receivedOn ?? '2026-11-02',
      offence_group: traits.svDa ? 'sexual-offences' : 'criminal-damage-and-arson',
      cjs_stage: 'pre_sentence',
      ...(traits.crimeReference ? { crime_reference: traits.crimeReference } : {}),
      sv_da: traits.svDa ? 'yes' : 'no',
      victim_forename: traits.victim ?? 'Hana',
      victim_surname: 'Victim',
      victim_safe_phone: '01632 960100',
      victim_do_not_contact_via: 'Home landline',
      offender_forename: traits.offender ?? 'Owain',
      offender_surname: 'Offender',
    },
    { channel: 'web' },
  );
  const { caseId, caseReference } = await services.triage.accept(staff, referral.id, {
    version: 1,
  });
  const participants = await services.cases.get(staff, caseId);
  const harmed = participants.participants.find((p) => p.role === 'harmed')!;
  const harmer = participants.participants.find((p) => p.role === 'harmer')!;
  return {
    caseId,
    caseReference,
    referralId: referral.id,
    harmedId: harmed.id,
    harmerId: harmer.id,
  };
}

/** The case's version now, as a form showing it would send back with a change. */
export async function caseVersion(services: Services, staff: UserActor, caseId: string) {
  return (await services.cases.get(staff, caseId)).case.version;
}

/** A postal address recorded for someone in the case, as the People tab's page records it. */
export async function giveAddress(
  services: Services,
  staff: UserActor,
  at: { caseId: string; participantId: string },
  address: Record<string, string> = {},
) {
  await services.people.changeAddress(staff, at.caseId, at.participantId, {
    address_line_1: '12 Acacia Avenue',
    address_town: 'Portsmouth',
    address_postcode: 'PO1 2AB',
    ...address,
    version: await caseVersion(services, staff, at.caseId),
  });
}

/**
 * A case a police referrer referred to the service (a partner's referral, not a self-referral),
 * accepted at triage by `accepter`; `people` names who is in it.
 */
export async function caseReferredByPolice(
  services: Services,
  to: { service: { slug: string }; accepter: UserActor; people: Record<string, string> },
) {
  const police = await makeOrganisation(services, { kind: 'police' });
  const referrer = await makeUser(services, { role: 'referrer', org: police });
  const referral = await services.referrals.create(
    referrer,
    {
      initiated_by: 'victim',
      received_on: '2026-11-16',
      offence_group: 'theft-offences',
      cjs_stage: 'pre_sentence',
      ...to.people,
    },
    { channel: 'web', service: to.service.slug },
  );
  const { caseId } = await services.triage.accept(to.accepter, referral.id, { version: 1 });
  return { referrer, referral, caseId };
}

/** The team's volunteer allocated to the case beside its lead, the practitioner. */
export async function allocateVolunteer(
  services: Services,
  team: { manager: UserActor; practitioner: UserActor; volunteer: UserActor },
  caseId: string,
) {
  await services.cases.allocate(team.manager, caseId, {
    lead: team.practitioner.userId,
    others: [team.volunteer.userId],
    version: await caseVersion(services, team.manager, caseId),
  });
}
