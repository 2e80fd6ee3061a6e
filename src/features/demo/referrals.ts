// Demo referrals: a few hundred, from every partner agency, in every state of triage, with
// Victims' Code clocks due, met and overdue. Made through the same services people use.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { addDays } from '../../domain/calendar-dates.js';
import type { ApiActor, UserActor } from '../../domain/roles.js';
import { londonDate } from '../../platform/format.js';
import type { Services } from '../../services.js';
import { seededRandom, type Random } from './random.js';

export const DEMO_REFERRAL_COUNT = 300;

const FORENAMES = [
  'Aled',
  'Amira',
  'Bethan',
  'Callum',
  'Chloe',
  'Dafydd',
  'Deepa',
  'Ellis',
  'Fatima',
  'Gareth',
  'Hannah',
  'Imran',
  'Jade',
  'Kwame',
  'Lowri',
  'Mohammed',
  'Niamh',
  'Olu',
  'Priya',
  'Rhys',
  'Sian',
  'Tomasz',
  'Uzma',
  'Wiktoria',
  'Yusuf',
  'Zara',
];
const SURNAMES = [
  'Ahmed',
  'Baker',
  'Clarke',
  'Davies',
  'Edwards',
  'Fernandes',
  'Green',
  'Hughes',
  'Iqbal',
  'Jenkins',
  'Khan',
  'Lewis',
  'Morgan',
  'Nowak',
  'Okafor',
  'Patel',
  'Roberts',
  'Singh',
  'Thomas',
  'Walsh',
  'Williams',
  'Young',
];
const OFFENCES = [
  'violence-against-the-person',
  'violence-against-the-person',
  'theft-offences',
  'theft-offences',
  'criminal-damage-and-arson',
  'robbery',
  'public-order-offences',
  'sexual-offences',
  'miscellaneous-crimes-against-society',
];
const STAGES = [
  'pre_charge',
  'out_of_court',
  'pre_sentence',
  'community_sentence',
  'custody',
  'post_release',
  'not_reported',
];
const SOURCES = [
  'demo-police',
  'demo-police',
  'demo-police',
  'demo-probation',
  'demo-prison',
  'demo-yot',
  'demo-victim-service',
  'demo-court',
  'demo-school',
  'demo-housing',
  'demo-health',
  'self',
  'public',
];
const ESTABLISHMENTS = ['HMP Severnside', 'HMP Bristol', 'HMP Eastwood Park', 'HMP Guys Marsh'];

function person(random: Random, prefix: 'victim' | 'offender', dobFrom: number, dobTo: number) {
  const year = random.int(dobFrom, dobTo);
  const fields: Record<string, string> = {
    [`${prefix}_forename`]: random.pick(FORENAMES),
    [`${prefix}_surname`]: random.pick(SURNAMES),
  };
  if (random.chance(0.8))
    fields[`${prefix}_dob`] =
      `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
  if (random.chance(0.7))
    fields[`${prefix}_phone`] = `07700 900${String(random.int(0, 999)).padStart(3, '0')}`;
  return fields;
}

function referralFields(random: Random, today: string, index: number) {
  const daysAgo = index < 40 ? random.int(0, 9) : random.int(10, 360);
  const receivedOn = addDays(today, -daysAgo);
  const svDa = random.chance(0.12);
  const source = random.pick(SOURCES);
  const initiatedBy =
    source === 'self'
      ? random.pick(['victim', 'offender'])
      : random.pick(['victim', 'agency', 'agency', 'offender']);
  const stage = random.pick(STAGES);
  const reported = stage !== 'not_reported';
  const reportedOn = addDays(receivedOn, -random.int(0, 5));
  const fields: Record<string, string> = {
    source_org: source,
    initiated_by: initiatedBy,
    received_on: receivedOn,
    // A crime not reported to the police has no reporting date and no crime reference.
    reported_on: reported ? reportedOn : '',
    offence_group: svDa
      ? random.pick(['sexual-offences', 'violence-against-the-person'])
      : random.pick(OFFENCES),
    offence_date: addDays(receivedOn, -random.int(6, 120)),
    cjs_stage: stage,
    sv_da: svDa ? 'yes' : 'no',
    hate_crime: random.chance(0.05) ? 'yes' : 'no',
    enhanced_rights: svDa || random.chance(0.15) ? 'yes' : 'no',
    victim_consent: random.chance(0.85) ? 'yes' : random.pick(['no', '']),
    crime_reference: reported ? `SV/${String(10_000 + index * 7)}/${receivedOn.slice(2, 4)}` : '',
    ...person(random, 'victim', 1940, 2008),
    ...person(random, 'offender', 1960, 2009),
  };
  if (random.chance(0.6)) {
    fields.victim_safe_phone = fields.victim_phone ?? '07700 900555';
    fields.victim_may_leave_message = random.pick(['yes', 'no']);
    fields.victim_preferred_contact = random.pick(['phone', 'text', 'email', 'letter']);
  }
  if (random.chance(0.2))
    fields.victim_do_not_contact_via = random.pick([
      'Letters to the home address',
      'Calls before 6pm',
      'Anyone at the family home',
    ]);
  // The out-of-court resolution is the context the referral came from.
  if (stage === 'out_of_court')
    fields.out_of_court_resolution = random.pick([
      'community_resolution',
      'community_resolution',
      'conditional_caution',
    ]);
  if (stage === 'custody') fields.offender_establishment = random.pick(ESTABLISHMENTS);
  // Some harm never reported to the police was not a crime: a conflict at school, between
  // neighbours, at work or in a family, with no offence group.
  if (stage === 'not_reported' && !svDa && random.chance(0.4)) {
    fields.harm_setting = random.pick(['school', 'neighbourhood', 'workplace', 'family']);
    fields.offence_group = '';
  }
  return fields;
}

export async function loadDemoReferrals(options: {
  db: Kysely<DB>;
  services: Services;
  staff: UserActor;
  referrer: UserActor;
}): Promise<number> {
  const { db, services, staff, referrer } = options;
  const counted = await services.referrals.queue(staff, { page: 1 });
  if (Object.values(counted.counts).reduce((a, b) => a + b, 0) > 0) return 0;

  const random = seededRandom(20_261_122);
  const today = londonDate(services.clock.now());
  const police = await db
    .selectFrom('organisations')
    .select('id')
    .where('slug', '=', 'demo-police')
    .executeTakeFirstOrThrow();
  const feed: ApiActor = {
    kind: 'api',
    orgId: police.id,
    tokenId: 'demo-feed',
    name: 'demo police feed',
  };

  for (let index = 0; index < DEMO_REFERRAL_COUNT; index++) {
    const fields = referralFields(random, today, index);
    // Some arrive through the police feed and the referrer's web form, the rest are recorded by staff.
    const door =
      fields.source_org === 'demo-police' && random.chance(0.5)
        ? random.chance(0.5)
          ? 'api'
          : 'web-referrer'
        : 'staff';
    const created =
      door === 'api'
        ? await services.referrals.create(
            feed,
            { ...fields, source_org: undefined },
            { channel: 'api', service: 'demo-rj-hub' },
          )
        : door === 'web-referrer'
          ? await services.referrals.create(
              referrer,
              { ...fields, source_org: undefined },
              { channel: 'web', service: 'demo-rj-hub' },
            )
          : await services.referrals.create(staff, fields, { channel: 'web' });
    await triage(services, staff, created.id, fields, random, index);
  }
  return DEMO_REFERRAL_COUNT;
}

async function triage(
  services: Services,
  staff: UserActor,
  id: string,
  fields: Record<string, string>,
  random: Random,
  index: number,
) {
  if (index < 40) {
    // Recent referrals wait for triage; some have had the victim told about RJ already.
    if (random.chance(0.3)) await recordToldByPolice(services, staff, id, fields, random);
    if (random.chance(0.15))
      await services.triage.requestInformation(staff, id, {
        version: 1,
        message: 'Can you confirm a safe telephone number for the person harmed?',
      });
    return;
  }
  if (random.chance(0.7)) await recordToldByPolice(services, staff, id, fields, random);
  const roll = random.next();
  const refused = fields.sv_da === 'yes' && fields.initiated_by === 'offender';
  if (roll < 0.2 || refused || fields.victim_consent === 'no') {
    const reason =
      fields.victim_consent === 'no'
        ? 'no_consent'
        : random.pick(['out_of_area', 'not_suitable', 'duplicate', 'other']);
    await services.triage.decline(staff, id, { version: 1, reason });
  } else {
    await services.triage.accept(staff, id, { version: 1 });
  }
}

/** The referrer's statement that the police told the victim about RJ: reported crime only. */
async function recordToldByPolice(
  services: Services,
  staff: UserActor,
  id: string,
  fields: Record<string, string>,
  random: Random,
) {
  if (!fields.reported_on) return;
  const told = addDays(fields.reported_on, random.int(0, 7));
  await services.triage.recordClockDate(staff, id, {
    clock: 'rj_information',
    date: told > fields.received_on! ? fields.received_on! : told,
  });
}
