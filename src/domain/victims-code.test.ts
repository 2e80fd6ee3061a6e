import { describe, expect, it } from 'vitest';
import {
  dutiesInputOf,
  enhancedRightsApply,
  offenderWasUnder18,
  serviceDutyPending,
  victimsCodeDuties,
  type Duty,
  type DutiesInput,
  type DutyKind,
} from './victims-code.js';

// England and Wales, spring 2026: Good Friday 3 April, Easter Monday 6 April.
const holidays = new Set(['2026-04-03', '2026-04-06']);

const base: DutiesInput = {
  reportedToPolice: true,
  reportedOn: '2026-04-01',
  receivedOn: '2026-04-15',
  referredByAgency: true,
  victims: [{ evidence: [] }],
  offenderUnder18: false,
  enhancedRights: false,
  referrerToldVictimOn: null,
  referrerSupportReferralOn: null,
  holidays,
};

const duty = (input: Partial<DutiesInput>, kind: DutyKind): Duty | undefined =>
  victimsCodeDuties({ ...base, ...input }).find((d) => d.kind === kind);

describe("Victims' Code: from when each duty runs", () => {
  it('3.6: information about RJ within 5 working days of reporting (not of the referral)', () => {
    const info = duty({}, 'rj_information')!;
    expect(info.runsFrom).toBe('2026-04-01');
    expect(info.dueOn).toBe('2026-04-10'); // Good Friday and Easter Monday are not working days
  });

  it('3.6: 1 working day under enhanced rights', () => {
    expect(duty({ enhancedRights: true, reportedOn: '2026-04-02' }, 'rj_information')!.dueOn).toBe(
      '2026-04-07',
    );
  });

  it('4.5: a support referral within 2 working days of reporting', () => {
    expect(duty({}, 'support_referral')!.dueOn).toBe('2026-04-07');
  });

  it('no clock when the reporting date is not known: never the referral date instead', () => {
    const info = duty({ reportedOn: null }, 'rj_information')!;
    expect(info.runsFrom).toBeNull();
    expect(info.dueOn).toBeNull();
    expect(info.metInTime).toBeNull();
  });

  it('no partner duty for crime not reported to the police (4.6)', () => {
    const duties = victimsCodeDuties({ ...base, reportedToPolice: false, reportedOn: null });
    expect(duties.map((d) => d.kind)).toEqual(['service_rj_information']);
    expect(duties[0]!.dueOn).toBeNull();
  });

  it('no duty at all without a named person harmed', () => {
    expect(victimsCodeDuties({ ...base, victims: [] })).toEqual([]);
  });
});

describe("Victims' Code: who holds each duty", () => {
  it('3.4: the police for an adult offender', () => {
    expect(duty({}, 'rj_information')!.holder).toBe('police');
    expect(duty({}, 'support_referral')!.holder).toBe('police');
  });

  it('3.4: the youth offending team when the offender was under 18', () => {
    expect(duty({ offenderUnder18: true }, 'rj_information')!.holder).toBe('youth_offending_team');
  });

  it('3.4: under 18 from the date of birth at the offence, or from a referral order', () => {
    const facts = {
      cjsStage: 'pre_sentence',
      reportedOn: '2026-04-01',
      receivedOn: '2026-04-15',
      offenceDate: '2026-03-30',
      sourceKind: 'organisation',
      enhancedRights: false,
      sexualViolence: false,
      domesticAbuse: false,
      hateCrime: false,
      victimDateOfBirth: null,
      offenderDateOfBirth: '2008-03-31',
      rjInformationGivenOn: null,
      supportReferralMadeOn: null,
    };
    // Seventeen on the day of the offence, eighteen the next day.
    expect(offenderWasUnder18(facts)).toBe(true);
    expect(offenderWasUnder18({ ...facts, offenceDate: '2026-03-31' })).toBe(false);
    // A referral order is made only for someone under 18, date of birth or not.
    expect(offenderWasUnder18({ ...facts, offenderDateOfBirth: null })).toBe(false);
    expect(
      offenderWasUnder18({ ...facts, offenderDateOfBirth: null, cjsStage: 'referral_order' }),
    ).toBe(true);
    const input = dutiesInputOf(
      { ...facts, cjsStage: 'referral_order' },
      [{ evidence: [] }],
      holidays,
    );
    expect(victimsCodeDuties(input)[0]!.holder).toBe('youth_offending_team');
  });

  it('3.5: the service holds its own duty and only sees the partner duties', () => {
    const duties = victimsCodeDuties(base);
    expect(duties.map((d) => [d.kind, d.heldByService])).toEqual([
      ['rj_information', false],
      ['support_referral', false],
      ['service_rj_information', true],
    ]);
    expect(duties.find((d) => d.heldByService)!.holder).toBe('service');
  });
});

describe("Victims' Code: what satisfies each duty", () => {
  it("3.4: the referrer's statement that the victim was told, with its date", () => {
    const info = duty({ referrerToldVictimOn: '2026-04-08' }, 'rj_information')!;
    expect(info.met).toEqual({ by: 'referrer_statement', on: '2026-04-08' });
    expect(info.state).toBe('met');
    expect(info.metBeforeReferral).toBe(true);
    expect(info.metInTime).toBe(true);
  });

  it('3.4: told late, before the referral', () => {
    const info = duty({ referrerToldVictimOn: '2026-04-13' }, 'rj_information')!;
    expect(info.metBeforeReferral).toBe(true);
    expect(info.metInTime).toBe(false);
  });

  it("3.4: the service's offer means the victim was told, but not before the referral", () => {
    const info = duty(
      { victims: [{ evidence: [{ by: 'offer', on: '2026-04-20' }] }] },
      'rj_information',
    )!;
    expect(info.met).toEqual({ by: 'offer', on: '2026-04-20' });
    expect(info.state).toBe('met_late');
    expect(info.metBeforeReferral).toBe(false);
  });

  it('3.4: not recorded is not "overdue": the service cannot meet a partner duty', () => {
    const info = duty({}, 'rj_information')!;
    expect(info.state).toBe('not_recorded');
    expect(info.metBeforeReferral).toBe(false);
  });

  it("4.5: an agency's referral to the service is itself the support referral", () => {
    const support = duty({}, 'support_referral')!;
    expect(support.met).toEqual({ by: 'referral_received', on: '2026-04-15' });
    expect(support.state).toBe('met');
    expect(support.metInTime).toBe(false);
    expect(duty({ receivedOn: '2026-04-02' }, 'support_referral')!.metInTime).toBe(true);
  });

  it('4.5: a self-referral is not a support referral; the statement is', () => {
    expect(duty({ referredByAgency: false }, 'support_referral')!.state).toBe('not_recorded');
    expect(
      duty(
        { referredByAgency: false, referrerSupportReferralOn: '2026-04-02' },
        'support_referral',
      )!.met,
    ).toEqual({ by: 'referrer_statement', on: '2026-04-02' });
  });

  it('3.5: met by an offer, a contact in which RJ was explained, or consent', () => {
    for (const by of ['offer', 'contact_rj_explained', 'consent'] as const) {
      const own = duty(
        { victims: [{ evidence: [{ by, on: '2026-04-16' }] }] },
        'service_rj_information',
      )!;
      expect(own.state).toBe('met');
      expect(own.met).toEqual({ by, on: '2026-04-16' });
    }
  });

  it("3.5: the referrer's statement does not meet the service's own duty", () => {
    const duties = victimsCodeDuties({ ...base, referrerToldVictimOn: '2026-04-02' });
    expect(serviceDutyPending(duties)).toBe(true);
  });

  it('3.5: met for the case once every person harmed was told, on the last day', () => {
    const two = (second: { by: 'offer'; on: string }[]) =>
      victimsCodeDuties({
        ...base,
        victims: [{ evidence: [{ by: 'offer', on: '2026-04-16' }] }, { evidence: second }],
      });
    expect(serviceDutyPending(two([]))).toBe(true);
    const met = two([{ by: 'offer', on: '2026-04-21' }]);
    expect(serviceDutyPending(met)).toBe(false);
    expect(met.find((d) => d.heldByService)!.met!.on).toBe('2026-04-21');
  });

  it('the earliest evidence counts', () => {
    const own = duty(
      {
        victims: [
          {
            evidence: [
              { by: 'consent', on: '2026-04-22' },
              { by: 'contact_rj_explained', on: '2026-04-17' },
            ],
          },
        ],
      },
      'service_rj_information',
    )!;
    expect(own.met).toEqual({ by: 'contact_rj_explained', on: '2026-04-17' });
  });
});

describe('enhanced rights', () => {
  it('apply to the most serious crime and to a victim under 18', () => {
    const none = {
      referrerSaid: false,
      sexualViolence: false,
      domesticAbuse: false,
      hateCrime: false,
      victimUnder18: false,
    };
    expect(enhancedRightsApply(none)).toBe(false);
    for (const key of Object.keys(none) as (keyof typeof none)[]) {
      expect(enhancedRightsApply({ ...none, [key]: true })).toBe(true);
    }
  });
});
