import { describe, expect, it } from 'vitest';
import { keptInformed, updateDueOn, type InformedFacts } from './keeping-informed.js';

const victim: InformedFacts = {
  role: 'harmed',
  consent: 'not_asked',
  unsafeToContact: false,
  ownIntervalDays: null,
  serviceIntervalDays: 28,
  lastToldOn: null,
  lastSpokeOn: null,
  caseOpenedOn: '2026-11-01',
};

describe('keeping people informed', () => {
  it('counts from the last update, else the last conversation, else the case opening', () => {
    expect(updateDueOn(victim)).toBe('2026-11-29');
    expect(updateDueOn({ ...victim, lastSpokeOn: '2026-11-10' })).toBe('2026-12-08');
    expect(updateDueOn({ ...victim, lastSpokeOn: '2026-11-10', lastToldOn: '2026-11-15' })).toBe(
      '2026-12-13',
    );
  });

  it("uses the person's own interval over the service's", () => {
    expect(updateDueOn({ ...victim, ownIntervalDays: 7 })).toBe('2026-11-08');
  });

  it('keeps the two principal people informed while they may be contacted', () => {
    expect(keptInformed(victim)).toBe(true);
    expect(keptInformed({ ...victim, role: 'harmer' })).toBe(true);
    expect(keptInformed({ ...victim, role: 'supporter' })).toBe(false);
    expect(keptInformed({ ...victim, consent: 'withdrawn' })).toBe(false);
    expect(keptInformed({ ...victim, unsafeToContact: true })).toBe(false);
    expect(updateDueOn({ ...victim, unsafeToContact: true })).toBeNull();
  });
});
