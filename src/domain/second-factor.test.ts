import { describe, expect, it } from 'vitest';
import {
  checkCode,
  groupedSecret,
  recentlyAuthenticated,
  STEP_UP_MINUTES,
  timeStep,
} from './second-factor.js';

// Codes that differ for every step (the platform's TOTP, tested against RFC 6238 in
// platform/totp.test.ts, makes the real ones).
const codeFor = (step: number) => String((step * 7919) % 1_000_000).padStart(6, '0');
const at = (seconds: number) => new Date(seconds * 1000);
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('checkCode', () => {
  const now = at(1_800_000_015); // the middle of a step
  const step = timeStep(now);

  it("accepts the current step's code and says which step it was", () => {
    expect(checkCode({ code: codeFor(step), now, lastUsedStep: null, codeFor })).toEqual({
      accepted: true,
      step,
    });
  });

  it('accepts one step of drift either way, and no more', () => {
    for (const drift of [-1, 1]) {
      expect(checkCode({ code: codeFor(step + drift), now, lastUsedStep: null, codeFor })).toEqual({
        accepted: true,
        step: step + drift,
      });
    }
    for (const drift of [-3, -2, 2, 3]) {
      expect(checkCode({ code: codeFor(step + drift), now, lastUsedStep: null, codeFor })).toEqual({
        accepted: false,
        reason: 'wrong',
      });
    }
  });

  it('refuses a code whose step was already used, and any earlier step', () => {
    expect(checkCode({ code: codeFor(step), now, lastUsedStep: step, codeFor })).toEqual({
      accepted: false,
      reason: 'used',
    });
    expect(checkCode({ code: codeFor(step - 1), now, lastUsedStep: step, codeFor })).toEqual({
      accepted: false,
      reason: 'used',
    });
    // The next step's code is still good after this one was used.
    expect(checkCode({ code: codeFor(step + 1), now, lastUsedStep: step, codeFor })).toEqual({
      accepted: true,
      step: step + 1,
    });
  });

  it('reads a code typed with spaces or a dash, and refuses anything that is not 6 digits', () => {
    const code = codeFor(step);
    for (const typed of [
      `${code.slice(0, 3)} ${code.slice(3)}`,
      `${code.slice(0, 3)}-${code.slice(3)}`,
    ]) {
      expect(checkCode({ code: typed, now, lastUsedStep: null, codeFor }).accepted).toBe(true);
    }
    for (const typed of ['', '12345', '1234567', 'abcdef', `${code}0`, '１２３４５６']) {
      expect(checkCode({ code: typed, now, lastUsedStep: null, codeFor })).toEqual({
        accepted: false,
        reason: 'wrong',
      });
    }
  });
});

describe('recentlyAuthenticated', () => {
  const signedInAt = at(1_800_000_000);
  it(`holds for ${STEP_UP_MINUTES} minutes after the password and code were given`, () => {
    expect(recentlyAuthenticated(signedInAt, at(1_800_000_000 + 14 * 60 + 59))).toBe(true);
    expect(recentlyAuthenticated(signedInAt, at(1_800_000_000 + 15 * 60))).toBe(false);
    expect(recentlyAuthenticated(null, signedInAt)).toBe(false);
    // A time in the future (a clock put back) is not trusted.
    expect(recentlyAuthenticated(signedInAt, at(1_800_000_000 - 1))).toBe(false);
  });
});

describe('groupedSecret', () => {
  it('writes the key in groups of four for typing', () => {
    expect(groupedSecret(RFC_SECRET)).toBe('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ');
  });
});
