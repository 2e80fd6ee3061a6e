import { describe, expect, it } from 'vitest';
import {
  EQUALITY_FIELDS,
  ETHNICITIES,
  readEqualityAnswers,
  reportedValueOf,
  reportedValues,
} from './equality.js';

describe('equality and diversity answers', () => {
  it('has the 19 ethnic groups of the 2021 Census in 5 groups', () => {
    expect(ETHNICITIES).toHaveLength(19);
    expect(reportedValues('ethnicity')).toEqual([
      'asian',
      'black',
      'mixed',
      'white',
      'other',
      'prefer_not_to_say',
      'not_asked',
    ]);
    expect(reportedValueOf('ethnicity', 'roma')).toBe('white');
    expect(reportedValueOf('ethnicity', 'prefer_not_to_say')).toBe('prefer_not_to_say');
  });

  it('keeps "prefer not to say" apart from a question never asked', () => {
    const read = readEqualityAnswers(
      { eq_sex: 'prefer_not_to_say', eq_religion: 'not_asked', eq_age_band: '' },
      { prefix: 'eq_', mayClear: true },
    );
    expect(read).toEqual({ answers: { sex: 'prefer_not_to_say', religion: null }, problems: [] });
  });

  it('lets only staff clear an answer, and refuses what is not an answer', () => {
    const read = readEqualityAnswers(
      { eq_religion: 'not_asked', eq_ethnicity: 'martian', eq_sex: 'female' },
      { prefix: 'eq_', mayClear: false },
    );
    expect(read.answers).toEqual({ sex: 'female' });
    expect(read.problems).toEqual([{ field: 'ethnicity' }, { field: 'religion' }]);
    for (const field of EQUALITY_FIELDS)
      expect(reportedValues(field)).toContain('prefer_not_to_say');
  });
});
