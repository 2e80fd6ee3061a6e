import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.js';

const commonPasswords = new Set(['password', 'qwerty', 'iloveyou', 'monkey', '123456789012']);
const check = (password: string, email?: string) =>
  checkPassword(password, { email, commonPasswords });

describe('checkPassword (NCSC: length, no composition rules, deny common)', () => {
  it('accepts three random words and any long passphrase without composition rules', () => {
    expect(check('correct horse battery staple')).toBeNull();
    expect(check('all lowercase words here')).toBeNull();
    expect(check('ŵy ŵyn ŵyr ŵyrion')).toBeNull();
  });

  it('needs at least 12 characters, counted as characters not bytes', () => {
    expect(check('elevenchars')).toBe('passwordTooShort');
    expect(check('twelve chars')).toBeNull();
    expect(check('ŵŵŵŵŵŵŵŵŵŵŵ')).toBe('passwordTooShort');
  });

  it('refuses very long input', () => {
    expect(check('a b'.repeat(100))).toBe('passwordTooLong');
  });

  it.each([
    [
      'common passwords and common passwords dressed up',
      ['123456789012', 'Password1234', '!!Qwerty2024!!', 'ILoveYou12345'],
    ],
    ['repetitions and runs', ['aaaaaaaaaaaa', 'abcabcabcabc', 'abcdefghijklm', '987654321098']],
  ])('refuses %s', (_, passwords) => {
    for (const password of passwords) expect(check(password), password).toBe('passwordCommon');
  });

  it('refuses common passwords repeated, in leet, and keyboard walks', () => {
    const list = new Set([...commonPasswords, 'trustno1']);
    const strict = (password: string) => checkPassword(password, { commonPasswords: list });
    expect(strict('qwertyuiopas')).toBe('passwordCommon');
    expect(strict('1qaz2wsx3edc4rfv')).toBe('passwordCommon');
    expect(strict('trustno1trustno1')).toBe('passwordCommon');
    expect(strict('Passw0rd!Passw0rd!')).toBe('passwordCommon');
    expect(strict('P@55w0rd2024!')).toBe('passwordCommon');
    expect(strict('m0nk3ym0nk3y')).toBe('passwordCommon');
    expect(strict('correct horse battery staple')).toBeNull();
    expect(strict('qwerty lemon harbour')).toBeNull();
  });

  it('refuses a password containing the email address', () => {
    expect(check('jane.doe.is.great', 'jane.doe@example.org')).toBe('passwordContainsEmail');
    expect(check('something unrelated', 'jane.doe@example.org')).toBeNull();
  });
});
