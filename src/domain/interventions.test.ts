import { describe, expect, it } from 'vitest';
import {
  INTERVENTION_KINDS,
  attendeeRoleRefusal,
  isVictimOffenderProcess,
  modeOf,
} from './interventions.js';

describe('victim-offender processes', () => {
  it('are every kind in which the people communicate, directly or indirectly', () => {
    expect(INTERVENTION_KINDS.filter((k) => !isVictimOffenderProcess(k))).toEqual([
      'victim_awareness',
    ]);
    expect(modeOf('victim_awareness')).toBe('harmer_alone');
  });

  it('still include a kind no longer offered, as it was counted when recorded', () => {
    expect(isVictimOffenderProcess('community_resolution')).toBe(true);
  });
});

describe('who may attend', () => {
  it('work with the person who harmed alone: never the person harmed, always the person who harmed', () => {
    expect(attendeeRoleRefusal('victim_awareness', ['harmer', 'supporter'])).toBeNull();
    expect(attendeeRoleRefusal('victim_awareness', ['harmer', 'harmed'])).toBe(
      'harmedAtHarmerAlone',
    );
    expect(attendeeRoleRefusal('victim_awareness', ['supporter'])).toBe('harmerAloneNeedsHarmer');
  });

  it('any part in the case for the other kinds', () => {
    expect(attendeeRoleRefusal('conference', ['harmed', 'harmer', 'supporter'])).toBeNull();
  });
});
