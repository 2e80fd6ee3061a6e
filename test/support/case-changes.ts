// Random changes to case data through the real services, for the aggregate store's property
// test: referrals arriving, accepted and declined, contacts, offers, consents, interventions,
// closures and reopenings, time, wellbeing, questionnaires, testimonials, awareness sessions and
// equality answers, on dates spread over several months. A change the services refuse (a case
// closed as completed with no intervention held, say) changes nothing, as it would for a user.
import fc from 'fast-check';
import type { UserActor } from '../../src/domain/roles.js';
import { isAppError } from '../../src/platform/errors.js';
import { EXPLAINED_ITEMS } from '../../src/features/cases/people/schemas.js';
import { readReferenceCsv } from '../../src/db/reference-data.js';

/** The shipped categories of need, which a service's wellbeing measures score. */
const CATEGORY_KEYS = (await readReferenceCsv('categories-of-need.csv')).map((row) => row.id!);
import { caseVersion } from './cases.js';
import type { Harness } from './harness.js';

export interface World {
  h: Harness;
  staff: UserActor;
  referrals: { id: string }[];
  cases: { caseId: string; referralId: string; harmedId: string; harmerId: string }[];
  /** Cases last seen closed, so that reopening is tried where it can succeed. */
  closed: string[];
  timeEntries: { caseId: string; id: string }[];
  sessions: string[];
  testimonials: { caseId: string; id: string }[];
  /** How many changes of each kind the services accepted. */
  applied: Record<string, number>;
  /** What the services refused, by kind of change and message (to see the test reach far). */
  refused: Record<string, number>;
}

const day = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 28 }))
  .map(([m, d]) => `2026-0${m}-${String(d).padStart(2, '0')}`);
const index = fc.nat({ max: 1000 });
const role = fc.constantFrom('harmed' as const, 'harmer' as const);

const referralArbitrary = fc.record({
  op: fc.constant('referral' as const),
  on: day,
  source: fc.constantFrom('self', 'public'),
  initiatedBy: fc.constantFrom('victim', 'offender', 'agency'),
  svDa: fc.boolean(),
});
const acceptArbitrary = fc.record({ op: fc.constant('accept' as const), referral: index });

export const changeArbitrary = fc.oneof(
  referralArbitrary,
  acceptArbitrary,
  acceptArbitrary,
  fc.record({
    op: fc.constant('referral' as const),
    on: day,
    source: fc.constantFrom('self', 'public'),
    initiatedBy: fc.constantFrom('victim', 'offender', 'agency'),
    svDa: fc.boolean(),
  }),
  fc.record({ op: fc.constant('accept' as const), referral: index }),
  fc.record({ op: fc.constant('decline' as const), referral: index }),
  fc.record({
    op: fc.constant('victimsCode' as const),
    referral: index,
    clock: fc.constantFrom('rj_information', 'support_referral'),
    on: day,
  }),
  fc.record({ op: fc.constant('contact' as const), case: index, on: day, who: role }),
  fc.record({
    op: fc.constant('offer' as const),
    case: index,
    on: day,
    who: role,
    answer: fc.constantFrom('yes', 'no', 'not_now'),
  }),
  fc.record({ op: fc.constant('consent' as const), case: index, on: day, who: role }),
  fc.record({
    op: fc.constant('intervention' as const),
    case: index,
    on: day,
    kind: fc.constantFrom('conference', 'shuttle', 'letter_of_apology'),
  }),
  fc.record({
    op: fc.constant('close' as const),
    case: index,
    outcome: fc.constantFrom('completed', 'victim_declined', 'could_not_contact'),
  }),
  fc.record({ op: fc.constant('reopen' as const), case: index }),
  fc.record({
    op: fc.constant('time' as const),
    case: index,
    on: day,
    minutes: fc.integer({ min: 1, max: 300 }),
  }),
  fc.record({ op: fc.constant('moveTime' as const), entry: index, on: day }),
  fc.record({ op: fc.constant('removeTime' as const), entry: index }),
  fc.record({
    op: fc.constant('wellbeing' as const),
    case: index,
    kind: fc.constantFrom('entry' as const, 'exit' as const),
    on: day,
    score: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({
    op: fc.constant('questionnaire' as const),
    case: index,
    on: day,
    satisfied: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({
    op: fc.constant('testimonial' as const),
    case: index,
    scope: fc.constantFrom('internal', 'commissioner', 'public'),
  }),
  fc.record({ op: fc.constant('unapprove' as const), testimonial: index }),
  fc.record({ op: fc.constant('awareness' as const), on: day, attendees: fc.nat({ max: 30 }) }),
  fc.record({ op: fc.constant('moveAwareness' as const), session: index, on: day }),
  fc.record({ op: fc.constant('days' as const), days: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('refresh' as const) }),
);
export type Change = typeof changeArbitrary extends fc.Arbitrary<infer T> ? T : never;

const pick = <T>(list: readonly T[], i: number): T | undefined =>
  list.length === 0 ? undefined : list[i % list.length];

const dateFields = (name: string, date: string) => {
  const [year, month, d] = date.split('-');
  return { [`${name}-day`]: d!, [`${name}-month`]: month!, [`${name}-year`]: year! };
};

async function referralVersion(world: World, id: string): Promise<number> {
  const [row] = await world.h.database.withOwner((owner) =>
    owner.query<{ version: number }>('select version from referrals where id = $1', [id]),
  );
  return row?.version ?? 1;
}

/** An offer of RJ said yes to (nothing, if the services refuse it). */
async function agree(world: World, caseId: string, participantId: string, on: string) {
  await world.h.services.people
    .recordOffer(world.staff, caseId, participantId, {
      offered_on: on,
      method: 'phone',
      answer: 'yes',
    })
    .catch(() => undefined);
}

/** Applies one change; the services refusing it is not a failure. */
export async function applyChange(world: World, change: Change): Promise<void> {
  try {
    await apply(world, change);
    world.applied[change.op] = (world.applied[change.op] ?? 0) + 1;
  } catch (error) {
    if (!isAppError(error)) throw error;
    const key = `${change.op}: ${error.messageKey} ${error.fieldErrors.map((f) => f.key).join(',')}`;
    world.refused[key] = (world.refused[key] ?? 0) + 1;
  }
}

async function apply(world: World, change: Change): Promise<void> {
  const { h, staff } = world;
  const s = h.services;
  switch (change.op) {
    case 'referral': {
      const referral = await s.referrals.create(
        staff,
        {
          source_org: change.source,
          initiated_by: change.initiatedBy,
          received_on: change.on,
          offence_group: change.svDa ? 'sexual-offences' : 'theft-offences',
          cjs_stage: 'pre_charge',
          sv_da: change.svDa ? 'yes' : 'no',
          victim_forename: 'Avery',
          victim_surname: 'Harmed',
          offender_forename: 'Blake',
          offender_surname: 'Harmer',
        },
        { channel: 'web' },
      );
      world.referrals.push({ id: referral.id });
      return;
    }
    case 'accept': {
      const referral = pick(world.referrals, change.referral);
      if (!referral) return;
      const version = await referralVersion(world, referral.id);
      const { caseId } = await s.triage.accept(staff, referral.id, { version });
      const view = await s.cases.get(staff, caseId);
      world.cases.push({
        caseId,
        referralId: referral.id,
        harmedId: view.participants.find((p) => p.role === 'harmed')!.id,
        harmerId: view.participants.find((p) => p.role === 'harmer')!.id,
      });
      return;
    }
    case 'decline': {
      const referral = pick(world.referrals, change.referral);
      if (!referral) return;
      const version = await referralVersion(world, referral.id);
      await s.triage.decline(staff, referral.id, { version, reason: 'not_suitable' });
      return;
    }
    case 'victimsCode': {
      const referral = pick(world.referrals, change.referral);
      if (referral)
        await s.triage.recordClockDate(staff, referral.id, {
          clock: change.clock,
          date: change.on,
        });
      return;
    }
    case 'contact': {
      const c = pick(world.cases, change.case);
      if (!c) return;
      await s.contacts.add(staff, c.caseId, {
        participant_id: change.who === 'harmed' ? c.harmedId : c.harmerId,
        contacted_on: change.on,
        method: 'phone',
        outcome: 'spoke',
      });
      return;
    }
    case 'offer': {
      const c = pick(world.cases, change.case);
      if (!c) return;
      await s.people.recordOffer(
        staff,
        c.caseId,
        change.who === 'harmed' ? c.harmedId : c.harmerId,
        {
          offered_on: change.on,
          method: 'phone',
          answer: change.answer,
        },
      );
      return;
    }
    case 'consent': {
      const c = pick(world.cases, change.case);
      if (!c) return;
      const participantId = change.who === 'harmed' ? c.harmedId : c.harmerId;
      // Consent follows an offer said yes to.
      await agree(world, c.caseId, participantId, change.on);
      await s.people.recordConsent(staff, c.caseId, participantId, {
        given_on: change.on,
        how: 'written',
        explained: [...EXPLAINED_ITEMS],
      });
      return;
    }
    case 'intervention': {
      const c = pick(world.cases, change.case);
      if (!c) return;
      // Both must have given informed consent before anything is held.
      for (const participantId of [c.harmedId, c.harmerId]) {
        await agree(world, c.caseId, participantId, change.on);
        // And was assessed as suitable.
        await s.assessments
          .record(staff, c.caseId, {
            kind: 'suitability',
            participant_id: participantId,
            decision: 'suitable',
            summary: 'Ready',
          })
          .catch(() => undefined);
        await s.people
          .recordConsent(staff, c.caseId, participantId, {
            given_on: change.on,
            how: 'written',
            explained: [...EXPLAINED_ITEMS],
          })
          .catch(() => undefined);
      }
      const { id } = await s.interventions.plan(staff, c.caseId, {
        kind: change.kind,
        attendees: [c.harmedId, c.harmerId],
      });
      await s.interventions.recordOutcome(staff, c.caseId, id, {
        outcome: 'held',
        held_on: change.on,
        version: await caseVersion(s, staff, c.caseId),
      });
      return;
    }
    case 'close': {
      const c = pick(world.cases, change.case);
      if (!c) return;
      await s.cases.transition(staff, c.caseId, {
        action: 'close',
        outcome: change.outcome,
        version: await caseVersion(s, staff, c.caseId),
      });
      world.closed.push(c.caseId);
      return;
    }
    case 'reopen': {
      // A closed case if there is one (an open one is refused, as it would be for a user).
      const caseId = pick(world.closed, change.case) ?? pick(world.cases, change.case)?.caseId;
      if (!caseId) return;
      await s.cases.transition(staff, caseId, {
        action: 'reopen',
        reason: 'New information',
        version: await caseVersion(s, staff, caseId),
      });
      world.closed = world.closed.filter((id) => id !== caseId);
      return;
    }
    case 'time': {
      const c = pick(world.cases, change.case);
      if (!c) return;
      const id = await s.caseTime.record(staff, c.caseId, {
        ...dateFields('worked_on', change.on),
        kind: 'meeting',
        hours: String(Math.floor(change.minutes / 60)),
        minutes: String(change.minutes % 60),
        miles: String(change.minutes % 7),
      });
      world.timeEntries.push({ caseId: c.caseId, id: String(id) });
      return;
    }
    case 'moveTime': {
      const entry = pick(world.timeEntries, change.entry);
      if (!entry) return;
      await s.caseTime.update(staff, entry.caseId, entry.id, {
        ...dateFields('worked_on', change.on),
        kind: 'travel',
        hours: '1',
        minutes: '0',
        miles: '3',
        version: await caseVersion(s, staff, entry.caseId),
      });
      return;
    }
    case 'removeTime': {
      const entry = pick(world.timeEntries, change.entry);
      if (!entry) return;
      await s.caseTime.remove(staff, entry.caseId, entry.id, {
        version: await caseVersion(s, staff, entry.caseId),
      });
      world.timeEntries.splice(world.timeEntries.indexOf(entry), 1);
      return;
    }
    case 'wellbeing': {
      const c = pick(world.cases, change.case);
      if (!c) return;
      await s.wellbeing.record(staff, c.caseId, c.harmedId, change.kind, {
        taken_on: change.on,
        scores: Object.fromEntries(
          CATEGORY_KEYS.map((key, i) => [key, i === 0 ? change.score : 3]),
        ),
      });
      return;
    }
    case 'questionnaire': {
      const c = pick(world.cases, change.case);
      if (!c) return;
      await s.feedback.recordFromForm(staff, c.caseId, c.harmedId, {
        channel: 'paper',
        responded_on: change.on,
        q_satisfied: String(change.satisfied),
        q_recommend: change.satisfied >= 4 ? 'yes' : 'not_sure',
      });
      return;
    }
    case 'testimonial': {
      const c = pick(world.cases, change.case);
      if (!c) return;
      const id = await s.feedback.recordTestimonial(staff, c.caseId, {
        participant_id: c.harmedId,
        quote: 'It helped me a great deal',
        consent_scope: change.scope,
        consent_on: '2026-05-01',
      });
      await s.feedback.reviewTestimonial(staff, c.caseId, String(id), {
        anonymised: 'It helped me a great deal',
        approve: 'yes',
      });
      world.testimonials.push({ caseId: c.caseId, id: String(id) });
      return;
    }
    case 'unapprove': {
      const t = pick(world.testimonials, change.testimonial);
      if (!t) return;
      await s.feedback.reviewTestimonial(staff, t.caseId, t.id, {
        anonymised: 'It helped me, a great deal',
      });
      return;
    }
    case 'awareness': {
      const id = await s.awareness.save(staff, null, {
        held_on: change.on,
        kind: 'training',
        audience_kind: 'police',
        attendees: String(change.attendees),
        topic: 'Restorative justice for officers',
        hours: '2',
      });
      world.sessions.push(id);
      return;
    }
    case 'moveAwareness': {
      const id = pick(world.sessions, change.session);
      if (!id) return;
      await s.awareness.save(staff, id, {
        held_on: change.on,
        kind: 'awareness',
        audience_kind: 'school',
        attendees: '12',
        topic: 'Restorative justice in schools',
        hours: '1.5',
      });
      return;
    }
    case 'days':
      h.clock.set(new Date(h.clock.now().getTime() + change.days * 86_400_000));
      return;
    case 'refresh':
      await s.aggregates.refresh();
      return;
  }
}
