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
  if (isRepetition(lower) || isRun(lower) || isKeyboardWalk(lower)) return true;
  // Each way a common password is dressed up, undone: "Passw0rd!Passw0rd!" is "passw0rd!"
  // twice, "passw0rd!" is "password!" in leet, and "password!" is "password" decorated.
  for (const unit of new Set([lower, repeatedUnit(lower)])) {
    for (const form of new Set([unit, unleet(unit)])) {
      if (common.has(form)) return true;
      // "Password123456!" is "password" with decoration: strip digits and symbols at the ends.
      const core = form.replace(/^[^a-z]+|[^a-z]+$/g, '');
      if (core.length >= 4 && common.has(core)) return true;
      if (isKeyboardWalk(form) && form.length >= 6) return true;
    }
  }
  return false;
}

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
  '+': 't',
};

/** "p@ssw0rd" as the word it stands for. Digits at the ends are kept: they are decoration. */
function unleet(value: string): string {
  const match = /^([^a-z]*)(.*?)([^a-z]*)$/.exec(value)!;
  const middle = [...match[2]!].map((c) => LEET[c] ?? c).join('');
  return `${match[1]}${middle}${match[3]}`;
}

/** The shortest unit the whole value repeats ("trustno1" of "trustno1trustno1"), or itself. */
function repeatedUnit(value: string): string {
  for (let size = 1; size <= value.length / 2; size++) {
    if (value.length % size !== 0) continue;
    const unit = value.slice(0, size);
    if (unit.repeat(value.length / size) === value) return unit;
  }
  return value;
}

// Rows and columns of a UK keyboard, and digits, each way: "qwertyuiopas", "1qaz2wsx3edc".
const WALKS = [
  "1234567890-=qwertyuiop[]asdfghjkl;'#zxcvbnm,./",
  '1234567890qwertyuiopasdfghjklzxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/',
  'qazwsxedcrfvtgbyhnujmikolp',
  'qwertzuiopasdfghjklyxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
].flatMap((walk) => [walk, [...walk].reverse().join('')]);

/** A run of neighbouring keys, at least 8 long, making up the whole password. */
function isKeyboardWalk(value: string): boolean {
  return value.length >= 8 && WALKS.some((walk) => walk.includes(value));
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
