import { describe, expect, it } from 'vitest';
import { receivedOn, referralSide, refersAsItself } from './referral-sides.js';
import type { Actor, Role } from './roles.js';

const user = (role: Role): Actor => ({ kind: 'user', userId: 'u', orgId: 'o', role, name: 'N' });

describe('the side a referral comes from', () => {
  it('is staff for practitioners and managers, partner for referrers and API tokens', () => {
    expect(referralSide(user('practitioner'))).toBe('staff');
    expect(referralSide(user('service_manager'))).toBe('staff');
    expect(referralSide(user('referrer'))).toBe('partner');
    expect(referralSide({ kind: 'api', orgId: 'o', tokenId: 't', name: 'Feed' })).toBe('partner');
    expect(referralSide({ kind: 'system', orgId: 'o', name: 'cli' })).toBe('operator');
  });

  it('dates a partner referral the day it arrives, and keeps the date staff and the operator give', () => {
    expect(receivedOn('partner', '2026-01-01', '2026-11-20')).toBe('2026-11-20');
    expect(receivedOn('partner', undefined, '2026-11-20')).toBe('2026-11-20');
    expect(receivedOn('partner', '2026-02-30', '2026-11-20')).toBe('2026-02-30');
    expect(receivedOn('staff', '2026-11-16', '2026-11-20')).toBe('2026-11-16');
    expect(receivedOn('operator', '2026-03-03', '2026-11-20')).toBe('2026-03-03');
  });

  it('makes only a partner refer as its own organisation', () => {
    expect(refersAsItself('partner')).toBe(true);
    expect(refersAsItself('staff')).toBe(false);
    expect(refersAsItself('operator')).toBe(false);
  });
});
