import { describe, expect, it } from 'vitest';
import { figuresMarking, protectiveMarking } from './protective-marking.js';
import { ROLES } from './roles.js';

describe('the protective marking', () => {
  it('is OFFICIAL-SENSITIVE for everyone who may see case data, OFFICIAL for aggregates only', () => {
    expect(Object.fromEntries(ROLES.map((role) => [role, protectiveMarking(role)]))).toEqual({
      practitioner: 'OFFICIAL-SENSITIVE',
      volunteer: 'OFFICIAL-SENSITIVE',
      service_manager: 'OFFICIAL-SENSITIVE',
      referrer: 'OFFICIAL-SENSITIVE',
      org_admin: 'OFFICIAL-SENSITIVE',
      system_admin: 'OFFICIAL-SENSITIVE',
      commissioner: 'OFFICIAL',
      national_analyst: 'OFFICIAL',
    });
  });

  it('is OFFICIAL for suppressed figures, OFFICIAL-SENSITIVE for a service’s own', () => {
    expect(figuresMarking(true)).toBe('OFFICIAL');
    expect(figuresMarking(false)).toBe('OFFICIAL-SENSITIVE');
  });
});
