import { describe, expect, it } from 'vitest';
import {
  delayAfter,
  MAX_DELAY_SECONDS,
  secondsToWait,
  waitInWords,
  type RecentFailures,
} from './sign-in-throttle.js';

const now = new Date('2026-11-20T10:00:00Z');
const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000);
const none = { count: 0, last: undefined };
const failures = (over: Partial<RecentFailures>): RecentFailures => ({
  pair: none,
  address: none,
  account: none,
  knownAddress: false,
  ...over,
});

describe('delayAfter', () => {
  it('lets the free allowance through, then doubles the wait up to 15 minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => delayAfter(n, 3))).toEqual([0, 0, 0, 5, 10, 20, 40]);
    expect(delayAfter(40, 3)).toBe(MAX_DELAY_SECONDS);
  });
});

describe('secondsToWait', () => {
  it('asks a person who mistyped three times to wait a few seconds, and no more after', () => {
    expect(secondsToWait(failures({ pair: { count: 3, last: secondsAgo(1) } }), now)).toBe(4);
    expect(secondsToWait(failures({ pair: { count: 3, last: secondsAgo(6) } }), now)).toBe(0);
  });

  it('slows one address trying many accounts', () => {
    const spraying = failures({ address: { count: 25, last: secondsAgo(0) } });
    expect(secondsToWait(spraying, now)).toBe(160);
  });

  it('slows guessing at one account from many addresses, except where its owner signs in', () => {
    const guessed = { count: 30, last: secondsAgo(0) };
    expect(secondsToWait(failures({ account: guessed }), now)).toBe(MAX_DELAY_SECONDS);
    expect(secondsToWait(failures({ account: guessed, knownAddress: true }), now)).toBe(0);
  });

  it('takes the longest wait of the scopes', () => {
    const both = failures({
      pair: { count: 4, last: secondsAgo(0) },
      address: { count: 21, last: secondsAgo(0) },
    });
    expect(secondsToWait(both, now)).toBe(10);
  });
});

describe('waitInWords', () => {
  it('says seconds for a short wait and minutes for a long one', () => {
    expect(waitInWords(4)).toEqual({ unit: 'seconds', count: 4 });
    expect(waitInWords(0)).toEqual({ unit: 'seconds', count: 1 });
    expect(waitInWords(160)).toEqual({ unit: 'minutes', count: 3 });
  });
});
