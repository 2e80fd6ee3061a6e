// The service report's every figure for the fixed data set of report-data.ts, worked out by
// hand (outcomes.int.test.ts checks the report against them).
import { EXPECTED_EQUALITY } from './report-expected-equality.js';
import type { TableRows } from './report-files.js';

/** The sheets of a report workbook, in their order. */
export const WORKBOOK_SHEETS = [
  'Cover',
  'Volumes',
  'Funnel',
  'Interventions',
  'Outcomes',
  'Equality',
  'Activity',
  'Spend',
];

// Worked out from the facts in report-data.ts, for April to June 2026 (2026-Q2).
export const EXPECTED: Record<string, TableRows> = {
  // R1, R2 in April; R3, R4 in May; R5, R6 in June (R0 in March, R7 in July: outside).
  'referrals-by-month': [['North Restorative Justice', 2, 2, 2, 6]],
  'referrals-by-source-kind': [
    ['Police', 3],
    ['Probation', 1],
    ['Self-referral', 1],
    ['Member of the public', 1],
    ['Referrals received', 6],
  ],
  'referrals-by-source': [
    ['Member of the public', 1],
    ['North East Probation', 1],
    ['Northumbria Police', 3],
    ['Self-referral', 1],
    ['Referrals received', 6],
  ],
  'referrals-by-source-trend': [
    ['Member of the public', 0, 0, 1, 1],
    ['North East Probation', 0, 1, 0, 1],
    ['Northumbria Police', 2, 0, 1, 3],
    ['Self-referral', 0, 1, 0, 1],
    ['Total', 2, 2, 2, 6],
  ],
  'by-initiator': [
    ['The person harmed', 4],
    ['The person who harmed', 1],
    ['The referring agency', 1],
    ['Referrals received', 6],
  ],
  'by-offence': [
    ['Violence against the person', 1],
    ['Sexual offences', 1],
    ['Robbery', 1],
    ['Theft offences', 2],
    ['Criminal damage and arson', 1],
    ['Referrals received', 6],
  ],
  // Every referral of the period was a crime.
  'by-harm-setting': [
    ['A crime', 6],
    ['Not a crime: school or college', 0],
    ['Not a crime: work', 0],
    ['Not a crime: neighbourhood', 0],
    ['Not a crime: family', 0],
    ['Not a crime: other harm or conflict', 0],
    ['Referrals received', 6],
  ],
  flagged: [['Sexual violence or domestic abuse', 1]],
  'by-stage': [
    ['Not reported to the police', 1],
    ['Before charge', 2],
    ['Out-of-court resolution', 0],
    ['Before sentence', 1],
    ['Community sentence', 1],
    ['In custody', 1],
    ['After release', 0],
    ['Referral order (youth offender panel)', 0],
    ['Referrals received', 6],
  ],
  // R6's person who harmed was born in 2009; everyone else's in 1991.
  'by-offender-age': [
    ['Under 18 (youth justice)', 1],
    ['18 or over', 5],
    ['Not known (no date of birth)', 0],
    ['Referrals received', 6],
  ],
  decisions: [
    ['Accepted', 4],
    ['Declined', 1],
    ['Waiting for a decision', 1],
    ['Referrals received', 6],
  ],
  'decline-reasons': [
    ["Out of the service's area", 0],
    ['Not suitable for restorative justice', 1],
    ['A duplicate of another referral', 0],
    ['No consent to the referral', 0],
    ['Another reason', 0],
    ['Not recorded', 0],
  ],
  // Information: R1 (4 working days), R5 (1), R6 (5) in time; R2 (8) late; R3, R4 none.
  // Support referral: R1 (1) in time; R6 (4) late; R2, R3, R4, R5 none.
  'victims-code': [
    ['Information about restorative justice given in time', 3],
    ['Information about restorative justice given late', 1],
    ['Information about restorative justice not recorded', 2],
    ['Referral to a support service made in time', 1],
    ['Referral to a support service made late', 1],
    ['Referral to a support service not recorded', 4],
  ],
  // R5 waiting, R4 declined, R6 opened (nobody reached), R2 offered (not now, no), R3 letter
  // held, R1 completed.
  funnel: [
    ['Waiting for a decision', 1],
    ['Declined', 1],
    ['Case opened, nobody reached yet', 1],
    ['Spoken to, not yet offered restorative justice', 0],
    ['Offered restorative justice, no yes yet', 1],
    ['Said yes, consent not yet given', 0],
    ['Consent given, no intervention held yet', 0],
    ['Intervention held, not yet completed', 1],
    ['Completed', 1],
  ],
  'funnel-reached': [
    ['Case opened', 4],
    ['Someone spoken to', 3],
    ['Restorative justice offered', 3],
    ['An offer said yes to', 2],
    ['Consent given', 2],
    ['An intervention held', 2],
    ['Completed', 1],
  ],
  // R2 closed as the person harmed declined; R6 closed on 3 July as could not contact.
  'ended-early': [
    ['The person harmed declined', 1],
    ['The person who harmed declined', 0],
    ['Not suitable', 0],
    ['Could not make contact', 1],
    ['Consent withdrawn', 0],
    ['Moved away', 0],
    ['The person who harmed denies responsibility', 0],
    ['No identifiable victim', 0],
    ['The referrer withdrew the referral', 0],
    ['A participant died', 0],
    ['Victim awareness work completed (no restorative justice between them)', 0],
    ['Another reason', 0],
  ],
  // First conversations: R1 after 3 working days, R2 after 5, R3 after 3 (R0's was in March).
  'first-contact': [
    ['Cases first contacted', 3],
    ['Median working days to first contact', 3],
  ],
  offers: [
    ['Offers to people harmed', 3],
    ['of which: yes', 2],
    ['of which: no', 0],
    ['of which: not now', 1],
    ['Offers to people who harmed', 3],
    ['of which: yes', 2],
    ['of which: no', 1],
    ['of which: not now', 0],
  ],
  consents: [
    ['Person harmed', 2],
    ['Person who harmed', 2],
    ['Consent given', 4],
  ],
  // Shuttle (R0, 20 April), conference (R1, 1 May), letter (R3, 10 June).
  'interventions-by-kind': [
    ['Face-to-face conference', 1],
    ['Shuttle (indirect) communication', 1],
    ['Letter of apology', 1],
    ['Interventions held', 3],
  ],
  'interventions-by-mode': [
    ['Direct (the people meet)', 1],
    ['Indirect (messages or a letter)', 2],
    ['Interventions held', 3],
  ],
  // R3's victim awareness work, 8 June: not an intervention held; the person harmed had been
  // offered RJ on 12 May.
  'victim-awareness-work': [
    ['Yes', 1],
    ['No, or there is no person harmed in the case', 0],
    ['Victim awareness work held', 1],
  ],
  'cases-opened': [
    ['Referral accepted', 4],
    ['Transfer from another service', 0],
    ['Cases opened', 4],
  ],
  // R0 completed 5 May, R1 completed 3 June, R2 declined 5 June.
  'cases-closed': [
    ['Completed', 2],
    ['The person harmed declined', 1],
    ['The person who harmed declined', 0],
    ['Not suitable', 0],
    ['Could not make contact', 0],
    ['Consent withdrawn', 0],
    ['Moved away', 0],
    ['The person who harmed denies responsibility', 0],
    ['No identifiable victim', 0],
    ['The referrer withdrew the referral', 0],
    ['A participant died', 0],
    ['Victim awareness work completed (no restorative justice between them)', 0],
    ['Another reason', 0],
    ['Cases closed', 3],
  ],
  // Answers on 4 May (2, no, prepared 5), 2 June (5, yes, 4), 5 June (4, not sure).
  'satisfaction-harmed': [
    ['Felt well prepared', 2, 2, 100],
    ['Satisfied overall', 2, 3, 66.7],
    ['Would recommend restorative justice', 1, 3, 33.3],
  ],
  'satisfaction-harmer': [],
  // R0 and R1: +2 on the first category, +1 on the seven others: (2 + 7) / 8 = 1.125, 1.13.
  // R2: an exit review only.
  wellbeing: [
    ['Exit reviews', 3],
    ['Compared with an entry measure', 2],
    ['Only an exit review', 1],
    ['No category scored both times', 0],
    ['Median change, entry to exit (scale 1 to 5)', 1.13],
  ],
  'wellbeing-distribution': [
    ['Down 4 points', 0],
    ['Down 3 points', 0],
    ['Down 2 points', 0],
    ['Down 1 point', 0],
    ['No change', 0],
    ['Up 1 point', 2],
    ['Up 2 points', 0],
    ['Up 3 points', 0],
    ['Up 4 points', 0],
  ],
  'wellbeing-categories': [
    ['Mental and physical health', 2, 2],
    ['Shelter and accommodation', 2, 1],
    ['Family, friends and children', 2, 1],
    ['Education, skills and employment', 2, 1],
    ['Drugs and alcohol', 2, 1],
    ['Finance and benefits', 2, 1],
    ['Outlook and attitudes', 2, 1],
    ['Social interaction', 2, 1],
  ],
  // R0's person who harmed: no further offence (20 June); R1's: a further offence (25 June).
  reoffending: [
    ['Checks made', 2],
    ['Further offence', 1],
    ['No further offence', 1],
    ['Result not known', 0],
    ['Reoffending rate (of results known)', 50],
  ],
  ...EXPECTED_EQUALITY,
  // Time in the period: meetings 90 + 120 + 60 minutes, travel 60, preparation 45; miles
  // 10 + 20 + 30 + 5.
  time: [
    ['Preparation', 0.8],
    ['Travel', 1],
    ['Meetings', 4.5],
    ['Administration', 0],
    ['Supervision', 0],
    ['Total hours', 6.3],
    ['Miles travelled', 65],
  ],
  // Closed: R0 (90 minutes, 5 miles), R1 (210, 30), R2 (60, 30): 6 hours, 65 miles over 3.
  'per-closed-case': [
    ['Cases closed', 3],
    ['Hours per closed case', 2],
    ['Miles per closed case', 21.7],
  ],
  awareness: [
    ['Northumbria Police', 1, 12, 2],
    ['School (organisation not named)', 1, 30, 1.5],
    ['Total', 2, 42, 3.5],
  ],
  // £40,000 for 2026 to 2027: a quarter is £10,000; 3 cases closed, 2 completed.
  'value-for-money': [
    ['Spend on restorative justice (£)', 10000],
    ['Cases closed', 3],
    ['Cost per case closed (£)', 3333.33],
    ['Cases completed', 2],
    ['Cost per completed intervention (£)', 5000],
    ['Estimated savings at £8 for every £1 (£)', 80000],
  ],
  'victims-grant-return': [
    ['Persons supported', 4],
    ['Amount invested (£)', 10000],
  ],
};
