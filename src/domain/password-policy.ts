// Password rules after NCSC guidance: long enough, no composition rules, and not a password
// that attackers try first. The deny-list is passed in, so the rule stays a pure function.

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export type PasswordProblem =
  'passwordTooShort' | 'passwordTooLong' | 'passwordCommon' | 'passwordContainsEmail';

export interface PasswordContext {
  email?: string;
  commonPasswords: ReadonlySet<string>;
}

export function checkPassword(password: string, context: PasswordContext): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'passwordTooShort';
  if (password.length > MAX_PASSWORD_LENGTH) return 'passwordTooLong';
  const lower = password.toLowerCase();
  const localPart = context.email?.toLowerCase().split('@')[0] ?? '';
  if (localPart.length >= 4 && lower.includes(localPart)) return 'passwordContainsEmail';
  if (isPredictable(lower, context.commonPasswords)) return 'passwordCommon';
  return null;
}

function isPredictable(lower: string, common: ReadonlySet<string>): boolean {
  if (common.has(lower)) return true;
  // "Password123456!" is "password" with decoration: strip digits and symbols at either end.
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  if (core.length >= 4 && common.has(core)) return true;
  if (isRepetition(lower) || isRun(lower)) return true;
  return false;
}

/** "abcabcabcabc", "aaaaaaaaaaaa": a short unit repeated. */
function isRepetition(value: string): boolean {
  for (let unit = 1; unit <= 4; unit++) {
    const head = value.slice(0, unit);
    if (head.repeat(Math.ceil(value.length / unit)).slice(0, value.length) === value) return true;
  }
  return false;
}

/** "123456789012", "abcdefghijkl": each character one step on from the last. */
function isRun(value: string): boolean {
  let ascending = 0;
  let descending = 0;
  for (let i = 1; i < value.length; i++) {
    const step = value.charCodeAt(i) - value.charCodeAt(i - 1);
    if (step === 1 || step === -9) ascending++;
    if (step === -1 || step === 9) descending++;
  }
  return ascending >= value.length - 2 || descending >= value.length - 2;
}
