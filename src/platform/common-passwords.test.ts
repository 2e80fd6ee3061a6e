// The deny-list Waymark ships, with the rule that uses it: the passwords attackers try first.
import { describe, expect, it } from 'vitest';
import { checkPassword } from '../domain/password-policy.js';
import { commonPasswords } from './common-passwords.js';

const check = (password: string) => checkPassword(password, { commonPasswords: commonPasswords() });

describe('the shipped deny-list', () => {
  it('holds at least 10,000 common passwords', () => {
    expect(commonPasswords().size).toBeGreaterThanOrEqual(10_000);
  });

  it.each([
    'qwertyuiopas',
    'trustno1trustno1',
    'Passw0rd!Passw0rd!',
    'iloveyou2024!',
    'Football1234',
  ])('refuses %j', (password) => {
    expect(check(password)).toBe('passwordCommon');
  });

  it('accepts long passphrases, 64 characters and more, with no composition rules', () => {
    expect(check('the heron waits by the cold canal while the barges sleep at night')).toBeNull();
    expect(check('lantern orchard velvet '.repeat(4) + 'and a final unrepeated clause')).toBeNull();
    expect(check('marmalade kettle drizzle')).toBeNull();
  });
});
