// A referral's Victims' Code duties (src/domain/victims-code.ts) from its row: the partner's,
// read-only, and the service's own, which its case carries on once it is accepted.
import { SEXUAL_VIOLENCE_OFFENCE_GROUPS } from '../../domain/safety-flags.js';
import { dutiesInputOf, victimsCodeDuties, type Duty } from '../../domain/victims-code.js';
import type { Holidays } from '../../domain/working-days.js';

export interface ReferralDutyRow {
  cjsStage: string;
  reportedOn: string | null;
  receivedOn: string;
  offenceDate: string | null;
  offenceGroupId: string | null;
  sourceKind: string;
  enhancedRights: boolean;
  svDa: boolean;
  domesticAbuse: boolean;
  hateCrime: boolean;
  victimNamed: boolean;
  victimDateOfBirth: string | null;
  offenderDateOfBirth: string | null;
  rjInformationGivenOn: string | null;
  supportReferralMadeOn: string | null;
}

export function referralDuties(row: ReferralDutyRow, holidays: Holidays): Duty[] {
  const sexualViolence =
    row.offenceGroupId !== null && SEXUAL_VIOLENCE_OFFENCE_GROUPS.includes(row.offenceGroupId);
  return victimsCodeDuties(
    dutiesInputOf(
      {
        ...row,
        sexualViolence,
        domesticAbuse: row.domesticAbuse || (row.svDa && !sexualViolence),
      },
      row.victimNamed ? [{ evidence: [] }] : [],
      holidays,
    ),
  );
}
