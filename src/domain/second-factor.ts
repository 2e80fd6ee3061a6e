// The second factor's rules (RFC 6238 TOTP, as authenticator apps make codes): a code belongs to
// a 30-second time step; the step before and the step after are accepted too (a phone's clock a
// little out, or a code typed as it changed); and a code is usable once: no step at or before
// the last one accepted is taken again (RFC 6238 section 5.2), so a code someone saw over a
// shoulder, or that was sent twice, does not sign anyone in.

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of now that are accepted. */
export const TOTP_DRIFT_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;
/** How long an authentication (password and code) lets exports and security changes go ahead. */
export const STEP_UP_MINUTES = 15;

/** The time step a moment falls in. */
export function timeStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code as a person may type it: spaces and dashes dropped (apps show "123 456"). */
export function normaliseCode(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export function looksLikeCode(input: string): boolean {
  return new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(normaliseCode(input));
}

export type CodeCheck =
  { accepted: true; step: number } | { accepted: false; reason: 'wrong' | 'used' };

/**
 * Checks a code against the steps around now. `codeFor` makes the code of a step (the platform's
 * TOTP); `lastUsedStep` is the step of the last code accepted for this secret, if any.
 */
export function checkCode(options: {
  code: string;
  now: Date;
  lastUsedStep: number | null;
  codeFor: (step: number) => string;
}): CodeCheck {
  const code = normaliseCode(options.code);
  if (!looksLikeCode(code)) return { accepted: false, reason: 'wrong' };
  const current = timeStep(options.now);
  const matched: number[] = [];
  // Every step in the window is computed, whatever matches, so the time taken says nothing.
  for (let step = current - TOTP_DRIFT_STEPS; step <= current + TOTP_DRIFT_STEPS; step++) {
    if (sameCode(options.codeFor(step), code)) matched.push(step);
  }
  const last = options.lastUsedStep;
  const fresh = matched.find((step) => last === null || step > last);
  if (fresh !== undefined) return { accepted: true, step: fresh };
  return { accepted: false, reason: matched.length > 0 ? 'used' : 'wrong' };
}

/** Compares two codes of equal length without stopping at the first difference. */
function sameCode(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/** Whether the last authentication is recent enough for a step-up route. */
export function recentlyAuthenticated(authenticatedAt: Date | null, now: Date): boolean {
  if (!authenticatedAt) return false;
  const age = now.getTime() - authenticatedAt.getTime();
  return age >= 0 && age < STEP_UP_MINUTES * 60_000;
}

/** A secret written out for typing: groups of four characters. */
export function groupedSecret(base32: string): string {
  return (base32.match(/.{1,4}/g) ?? []).join(' ');
}

/** A recovery code as a person may type it: letters lower-cased, spaces and dashes dropped. */
export function normaliseRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, '');
}
