import { describe, expect, it } from 'vitest';
import { ageGroupAt, offenceDay, under18On } from './youth.js';

describe('under 18 at the offence', () => {
  it('is under 18 until the eighteenth birthday', () => {
    expect(under18On('2008-05-10', '2026-05-09')).toBe(true);
    expect(under18On('2008-05-10', '2026-05-10')).toBe(false);
    expect(under18On('1990-01-01', '2026-05-10')).toBe(false);
  });

  it('a 29 February birthday comes of age on 1 March', () => {
    expect(under18On('2008-02-29', '2026-02-28')).toBe(true);
    expect(under18On('2008-02-29', '2026-03-01')).toBe(false);
  });

  it('is not known without a date of birth', () => {
    expect(under18On(null, '2026-05-10')).toBeNull();
  });

  it('is taken on the offence date, else when reported, else when referred', () => {
    expect(
      offenceDay({ offenceDate: '2026-01-01', reportedOn: '2026-02-01', receivedOn: '2026-03-01' }),
    ).toBe('2026-01-01');
    expect(
      offenceDay({ offenceDate: null, reportedOn: '2026-02-01', receivedOn: '2026-03-01' }),
    ).toBe('2026-02-01');
    expect(offenceDay({ offenceDate: null, reportedOn: null, receivedOn: '2026-03-01' })).toBe(
      '2026-03-01',
    );
  });
});

describe('the age group figures count the person who harmed in', () => {
  it('is under 18 up to the day before the 18th birthday, then adult; not known without a date of birth', () => {
    expect(ageGroupAt('2008-05-10', '2026-05-09')).toBe('under_18');
    expect(ageGroupAt('2008-05-10', '2026-05-10')).toBe('adult');
    expect(ageGroupAt('2008-02-29', '2026-02-28')).toBe('under_18');
    expect(ageGroupAt(null, '2026-05-10')).toBeNull();
  });
});
