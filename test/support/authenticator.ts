// The phone in a test person's pocket: the authenticator app each test account set up, making
// codes from the secret the set-up page showed, by the clock the app under test uses (the
// harness's fake clock, registered here; the real clock otherwise). A code is used once: when
// the step's code was already given, the person waits for the next one, as a person would
// (a fake clock is moved on to the next step; a real one is waited for).
import type { FastifyInstance } from 'fastify';
import { normaliseCode, timeStep, TOTP_PERIOD_SECONDS } from '../../src/domain/second-factor.js';
import { systemClock, type Clock } from '../../src/platform/clock.js';
import { totpCode } from '../../src/platform/totp.js';

const clocks = new WeakMap<FastifyInstance, Clock>();
let lastClock: Clock = systemClock;

/** The clock an app's services use (the harness registers its fake clock). */
export function registerClock(app: FastifyInstance, clock: Clock): void {
  clocks.set(app, clock);
  lastClock = clock;
}

export function clockOf(app?: FastifyInstance): Clock {
  return (app && clocks.get(app)) ?? lastClock;
}

interface Enrolment {
  secret: string;
  lastStep: number;
  recoveryCodes: string[];
}

const enrolments = new Map<string, Enrolment>();
const key = (email: string) => email.trim().toLowerCase();

/** The person set up their app with the secret the page showed ("ABCD EFGH ..."). */
export function rememberSecret(email: string, shownSecret: string): void {
  enrolments.set(key(email), {
    secret: shownSecret.replace(/\s+/g, '').toUpperCase(),
    lastStep: -1,
    recoveryCodes: [],
  });
}

export function rememberRecoveryCodes(email: string, codes: string[]): void {
  const enrolment = enrolments.get(key(email));
  if (enrolment) enrolment.recoveryCodes = codes;
}

export function secretOf(email: string): string | undefined {
  return enrolments.get(key(email))?.secret;
}

export function recoveryCodesOf(email: string): string[] {
  return enrolments.get(key(email))?.recoveryCodes ?? [];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The code the app shows now, after waiting for a fresh one if this step's was used. */
export async function currentCode(email: string, clock: Clock): Promise<string> {
  const enrolment = enrolments.get(key(email));
  if (!enrolment) throw new Error(`${email} has no authenticator set up in this test`);
  let step = timeStep(clock.now());
  if (step <= enrolment.lastStep) {
    const wait = (enrolment.lastStep + 1) * TOTP_PERIOD_SECONDS * 1000 - clock.now().getTime();
    const fake = clock as Clock & { advanceSeconds?: (seconds: number) => void };
    if (fake.advanceSeconds) fake.advanceSeconds(Math.ceil(wait / 1000));
    else await sleep(wait + 50);
    step = timeStep(clock.now());
  }
  enrolment.lastStep = step;
  return totpCode(enrolment.secret, step);
}

/** The code for a step other than now's (to test drift and replay). */
export function codeAt(email: string, step: number): string {
  const enrolment = enrolments.get(key(email));
  if (!enrolment) throw new Error(`${email} has no authenticator set up in this test`);
  return normaliseCode(totpCode(enrolment.secret, step));
}
