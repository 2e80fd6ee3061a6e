// The service report's equality tables for the fixed data set of report-data.ts, worked out by
// hand, for April to June 2026 (2026-Q2); part of report-expected.ts's EXPECTED.
import { reportedValues } from '../../src/domain/equality.js';
import { translator } from '../../src/platform/i18n/index.js';
import type { TableRows } from './report-files.js';

const t = translator('en');

/** An equality table: every answer 0 but those given, then the total. */
function equality(field: string, given: Record<string, number[]>, total: number[]): TableRows {
  return [
    ...reportedValues(field as never).map((value) => [
      t(`equality.answers.${field}.${value}`),
      ...(given[value] ?? [0, 0, 0, 0, 0, 0]),
    ]),
    ['Total', ...total],
  ];
}

// harmed: new cases, took part, completed; harmer: the same
const TOTAL = [4, 2, 2, 4, 2, 2];

export const EXPECTED_EQUALITY: Record<string, TableRows> = {
  // New cases in the period: R1, R2, R3, R6. Took part (first consent in the period): R1, R3.
  // Completed: R0, R1. Answers: R1's person harmed (all seven), R1's person who harmed
  // (18–24, male, African, prefers not to say their religion), R2's person harmed (prefers not
  // to say their ethnic group).
  'equality-age-band': equality(
    'age_band',
    { '18_24': [0, 0, 0, 1, 1, 1], '25_34': [1, 1, 1, 0, 0, 0], not_asked: [3, 1, 1, 3, 1, 1] },
    TOTAL,
  ),
  'equality-sex': equality(
    'sex',
    { female: [1, 1, 1, 0, 0, 0], male: [0, 0, 0, 1, 1, 1], not_asked: [3, 1, 1, 3, 1, 1] },
    TOTAL,
  ),
  'equality-gender-identity': equality(
    'gender_identity',
    { same_as_sex_registered: [1, 1, 1, 0, 0, 0], not_asked: [3, 1, 1, 4, 2, 2] },
    TOTAL,
  ),
  'equality-ethnicity': equality(
    'ethnicity',
    {
      white: [1, 1, 1, 0, 0, 0],
      black: [0, 0, 0, 1, 1, 1],
      prefer_not_to_say: [1, 0, 0, 0, 0, 0],
      not_asked: [2, 1, 1, 3, 1, 1],
    },
    TOTAL,
  ),
  'equality-disability': equality(
    'disability',
    { no: [1, 1, 1, 0, 0, 0], not_asked: [3, 1, 1, 4, 2, 2] },
    TOTAL,
  ),
  'equality-religion': equality(
    'religion',
    {
      no_religion: [1, 1, 1, 0, 0, 0],
      prefer_not_to_say: [0, 0, 0, 1, 1, 1],
      not_asked: [3, 1, 1, 3, 1, 1],
    },
    TOTAL,
  ),
  'equality-sexual-orientation': equality(
    'sexual_orientation',
    { straight_or_heterosexual: [1, 1, 1, 0, 0, 0], not_asked: [3, 1, 1, 4, 2, 2] },
    TOTAL,
  ),
};
