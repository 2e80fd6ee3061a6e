// Demo figures for the commissioner's view: a second RJ service in the demo area with its own
// referrals and cases, and for both services the things reports count beyond the case journey:
// wellbeing measures, questionnaire answers, testimonials, awareness sessions, equality answers,
// and the PCC office's spend. Written through the services, then the aggregate store rebuilt.
import type { Kysely } from 'kysely';
import { withActor } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { addDays } from '../../domain/calendar-dates.js';
import {
  EQUALITY_QUESTIONS,
  PREFER_NOT_TO_SAY,
  type EqualityField,
} from '../../domain/equality.js';
import { financialYearOf, monthOf } from '../../domain/report-periods.js';
import type { Actor, Role, UserActor } from '../../domain/roles.js';
import { isAppError } from '../../platform/errors.js';
import { generatePassword } from '../../platform/secure-tokens.js';
import type { Services } from '../../services.js';
import { seededRandom, type Random } from './random.js';

export const SECOND_SERVICE = {
  slug: 'demo-mendip',
  name: 'Mendip Mediation and Restorative Justice (demo)',
};

/** Runs a change the services may refuse (a closed case, say): a refusal is skipped. */
async function tryTo(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!isAppError(error)) throw error;
  }
}

/**
 * The second service's staff: accounts nobody signs in to (their passwords are never shown).
 * The demo loader gives the service its first administrator, who adds the rest (ADR 0014).
 */
async function secondServiceStaff(services: Services, orgSlug: string, orgId: string) {
  const add = async (by: Actor, role: Role, name: string): Promise<UserActor> => {
    const email = `${role}.mendip@demo.example.org`;
    const { id } = await services.users.add(by, {
      org: orgSlug,
      email,
      name,
      role,
      password: generatePassword(),
    });
    return { kind: 'user', userId: id, orgId, role, name };
  };
  const administrator = await add(
    { kind: 'system', orgId: null, name: 'demo loader' },
    'org_admin',
    'Rowan Mendip',
  );
  const person = (role: 'practitioner' | 'service_manager' | 'volunteer', name: string) =>
    add(administrator, role, name);
  return {
    practitioner: await person('practitioner', 'Morgan Mendip'),
    manager: await person('service_manager', 'Jude Mendip'),
    volunteer: await person('volunteer', 'Ash Mendip'),
  };
}

/** Referrals for the second service over the last year, most of them accepted. */
export async function loadSecondService(
  services: Services,
  today: string,
): Promise<{ practitioner: UserActor; manager: UserActor; volunteer: UserActor }> {
  const random = seededRandom(71_717);
  const org = (await services.organisations.findBySlug(SECOND_SERVICE.slug))!;
  const staff = await secondServiceStaff(services, SECOND_SERVICE.slug, org.id);
  for (let i = 0; i < 60; i++) {
    const received = addDays(today, -random.int(5, 360));
    const referral = await services.referrals.create(
      staff.practitioner,
      {
        source_org: random.pick(['demo-police', 'demo-probation', 'demo-yot', 'self']),
        initiated_by: random.pick(['victim', 'victim', 'agency', 'offender']),
        received_on: received,
        offence_group: random.pick([
          'theft-offences',
          'criminal-damage-and-arson',
          'public-order-offences',
        ]),
        cjs_stage: random.pick(['pre_charge', 'out_of_court', 'community_sentence']),
        victim_forename: random.pick(['Alex', 'Jo', 'Sam', 'Charlie', 'Robin']),
        victim_surname: random.pick(['Hughes', 'Patel', 'Okafor', 'Lewis', 'Wood']),
        offender_forename: random.pick(['Lee', 'Kai', 'Dani', 'Remi']),
        offender_surname: random.pick(['Price', 'Ward', 'Hart', 'Cole']),
      },
      { channel: 'web' },
    );
    if (random.chance(0.75))
      await services.triage.accept(staff.practitioner, referral.id, { version: 1 });
  }
  return staff;
}

function equalityAnswers(random: Random): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const [field, values] of Object.entries(EQUALITY_QUESTIONS) as [
    EqualityField,
    readonly string[],
  ][]) {
    if (!random.chance(0.8)) continue;
    answers[`eq_${field}`] = random.chance(0.1)
      ? PREFER_NOT_TO_SAY
      : field === 'ethnicity'
        ? random.pick([
            'white_british',
            'white_british',
            'white_british',
            'other_white',
            'indian',
            'pakistani',
            'african',
            'caribbean',
            'white_and_black_caribbean',
            'any_other',
          ])
        : random.pick(values);
  }
  return answers;
}

/** Wellbeing, questionnaires, testimonials and equality answers on one service's cases. */
async function caseFigures(
  db: Kysely<DB>,
  services: Services,
  staff: UserActor,
  today: string,
  random: Random,
) {
  const cases = await withActor(db, staff, (tx) =>
    tx
      .selectFrom('cases')
      .innerJoin('referrals', 'referrals.id', 'cases.referral_id')
      .innerJoin('case_participants as harmed', (j) =>
        j.onRef('harmed.case_id', '=', 'cases.id').on('harmed.role', '=', 'harmed'),
      )
      .innerJoin('case_participants as harmer', (j) =>
        j.onRef('harmer.case_id', '=', 'cases.id').on('harmer.role', '=', 'harmer'),
      )
      .select([
        'cases.id',
        'cases.stage',
        'cases.closure_outcome',
        'referrals.received_on',
        'harmed.id as harmedId',
        'harmer.id as harmerId',
      ])
      .orderBy('referrals.received_on')
      .execute(),
  );
  let testimonials = 0;
  for (const c of cases) {
    for (const participant of [c.harmedId, c.harmerId])
      if (random.chance(0.7))
        await tryTo(() =>
          services.equality.record(staff, c.id, participant, equalityAnswers(random)),
        );
    const finished = c.stage === 'follow_up' || c.closure_outcome === 'completed';
    if (!finished || !random.chance(0.8)) continue;
    const entry = addDays(c.received_on, random.int(5, 15));
    const exit =
      addDays(entry, random.int(40, 120)) > today ? today : addDays(entry, random.int(40, 120));
    if (exit <= entry) continue;
    const score = (base: number) => Math.max(1, Math.min(5, base + random.int(-1, 1)));
    const keys = await readCategoryKeys(db, staff);
    await tryTo(() =>
      services.wellbeing.record(staff, c.id, c.harmedId, 'entry', {
        taken_on: entry,
        scores: Object.fromEntries(keys.map((k) => [k, score(2)])),
      }),
    );
    await tryTo(() =>
      services.wellbeing.record(staff, c.id, c.harmedId, 'exit', {
        taken_on: exit,
        scores: Object.fromEntries(keys.map((k) => [k, score(4)])),
      }),
    );
    const likert = () => String(random.pick([3, 4, 4, 5, 5, 5]));
    await tryTo(() =>
      services.feedback.recordFromForm(staff, c.id, c.harmedId, {
        channel: random.pick(['paper', 'call']),
        responded_on: exit,
        q_prepared: likert(),
        q_listened_to: likert(),
        q_safe: likert(),
        q_well_managed: likert(),
        q_helped_move_on: likert(),
        q_satisfied: likert(),
        q_recommend: random.pick(['yes', 'yes', 'yes', 'not_sure', 'no']),
      }),
    );
    if (testimonials < 6 && random.chance(0.4)) {
      testimonials++;
      await tryTo(async () => {
        const id = await services.feedback.recordTestimonial(staff, c.id, {
          participant_id: c.harmedId,
          quote: 'Being able to say how it affected me, and to be heard, meant I could move on.',
          consent_scope: random.pick(['internal', 'commissioner', 'public']),
          consent_on: exit,
        });
        await services.feedback.reviewTestimonial(staff, c.id, String(id), {
          anonymised: random.pick([
            'Being heard meant I could finally move on.',
            'I was nervous, but I came away feeling lighter.',
            'I understand now what my actions did to them.',
          ]),
          approve: 'yes',
        });
      });
    }
  }
}

async function readCategoryKeys(db: Kysely<DB>, staff: UserActor): Promise<string[]> {
  const rows = await withActor(db, staff, (tx) =>
    tx
      .selectFrom('wellbeing_categories')
      .select(['key', 'org_id'])
      .where('retired_at', 'is', null)
      .orderBy('sort_order')
      .execute(),
  );
  const own = rows.filter((r) => r.org_id !== null);
  return [...new Set((own.length ? own : rows).map((r) => r.key))];
}

async function awareness(services: Services, staff: UserActor, today: string, random: Random) {
  for (let i = 0; i < 8; i++)
    await tryTo(() =>
      services.awareness.save(staff, null, {
        held_on: addDays(today, -random.int(3, 350)),
        kind: random.pick(['training', 'awareness', 'briefing']),
        audience_kind: random.pick(['police', 'school', 'probation', 'housing', 'victim_service']),
        attendees: String(random.int(6, 40)),
        topic: 'Restorative justice: what it is and how to refer',
        hours: random.pick(['1', '1.5', '2', '3']),
      }),
    );
}

export async function loadDemoFigures(options: {
  db: Kysely<DB>;
  services: Services;
  today: string;
  teams: { staff: UserActor; spendPounds: number }[];
  commissioner: UserActor;
}): Promise<void> {
  const { db, services, today } = options;
  const random = seededRandom(55_555);
  for (const { staff } of options.teams) {
    await awareness(services, staff, today, random);
    await caseFigures(db, services, staff, today, random);
  }
  const year = financialYearOf(monthOf(today));
  const area = await services.spend.areaOf(options.commissioner);
  for (const fy of [year - 1, year])
    await services.spend.save(options.commissioner, area, {
      year: String(fy),
      ...Object.fromEntries(
        options.teams.map(({ staff, spendPounds }) => [
          `spend_${staff.orgId}`,
          String(spendPounds),
        ]),
      ),
    });
  await services.aggregates.rebuild();
}
