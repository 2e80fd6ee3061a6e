import { describe, expect, it } from 'vitest';
import { consistencyProblems, reportedToPolice } from './referrals.js';

const referral = {
  cjsStage: 'pre_charge',
  receivedOn: '2026-04-15',
  offenceGroup: 'theft-offences',
};

describe('a referral checked against itself', () => {
  it('a crime needs its offence group; harm that is not a crime may go without', () => {
    expect(consistencyProblems({ ...referral, offenceGroup: null })).toEqual([
      { field: 'offence_group', rule: 'offenceGroupRequired' },
    ]);
    const school = {
      ...referral,
      harmSetting: 'school',
      offenceGroup: null,
      cjsStage: 'not_reported',
    };
    expect(consistencyProblems(school)).toEqual([]);
    expect(consistencyProblems({ ...school, offenceGroup: 'violence-against-the-person' })).toEqual(
      [],
    );
  });

  it('harm that is not a crime has no criminal justice stage beyond "not reported"', () => {
    expect(
      consistencyProblems({
        ...referral,
        harmSetting: 'neighbourhood',
        offenceGroup: null,
        cjsStage: 'pre_sentence',
      }),
    ).toEqual([{ field: 'cjs_stage', rule: 'stageButNotACrime' }]);
  });

  it('"not reported to the police" with a reporting date or a crime reference is refused', () => {
    expect(
      consistencyProblems({
        ...referral,
        cjsStage: 'not_reported',
        reportedOn: '2026-04-01',
        crimeReference: 'AB/123/26',
      }),
    ).toEqual([
      { field: 'reported_on', rule: 'reportedOnButNotReported' },
      { field: 'crime_reference', rule: 'crimeReferenceButNotReported' },
    ]);
    expect(consistencyProblems({ ...referral, cjsStage: 'not_reported' })).toEqual([]);
  });

  it('a reported crime may have a date and a reference, or not yet', () => {
    expect(
      consistencyProblems({ ...referral, reportedOn: '2026-04-01', crimeReference: 'AB/1' }),
    ).toEqual([]);
    expect(consistencyProblems(referral)).toEqual([]);
  });

  it('a referral order is for someone under 18 at the offence', () => {
    const order = { ...referral, cjsStage: 'referral_order', offenceDate: '2026-03-01' };
    expect(consistencyProblems({ ...order, offenderDateOfBirth: '2010-01-01' })).toEqual([]);
    expect(consistencyProblems({ ...order, offenderDateOfBirth: '1990-01-01' })).toEqual([
      { field: 'cjs_stage', rule: 'referralOrderForAdult' },
    ]);
    expect(consistencyProblems(order)).toEqual([]);
  });

  it('an out-of-court resolution is the context of an out-of-court stage only', () => {
    expect(
      consistencyProblems({
        ...referral,
        cjsStage: 'out_of_court',
        outOfCourtResolution: 'community_resolution',
      }),
    ).toEqual([]);
    expect(
      consistencyProblems({ ...referral, outOfCourtResolution: 'community_resolution' }),
    ).toEqual([{ field: 'out_of_court_resolution', rule: 'resolutionOutsideOutOfCourt' }]);
  });

  it('knows which stages were reported to the police', () => {
    expect(reportedToPolice('not_reported')).toBe(false);
    expect(reportedToPolice('referral_order')).toBe(true);
  });
});
