import { describe, expect, it } from 'vitest';
import { needsTouch, sessionState } from './sessions.js';

const start = new Date('2026-11-22T09:00:00Z');
const after = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

describe('sessionState', () => {
  it('is active within 30 minutes of the last activity', () => {
    expect(sessionState({ createdAt: start, lastSeenAt: start }, after(29))).toBe('active');
  });
  it('expires after 30 idle minutes', () => {
    expect(sessionState({ createdAt: start, lastSeenAt: start }, after(30))).toBe('idle_expired');
  });
  it('expires 12 hours after sign-in even when active', () => {
    expect(sessionState({ createdAt: start, lastSeenAt: after(719) }, after(720))).toBe(
      'absolute_expired',
    );
    expect(sessionState({ createdAt: start, lastSeenAt: after(719) }, after(719))).toBe('active');
  });
});

describe('needsTouch', () => {
  it('writes the last-seen time at most once a minute', () => {
    expect(needsTouch(start, after(0.5))).toBe(false);
    expect(needsTouch(start, after(1))).toBe(true);
  });
});
