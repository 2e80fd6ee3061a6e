import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatChange, formatDate, formatDateTime, formatNumber } from './format.js';
import { parseForm, presentForm, requiredText, emailAddress } from './forms.js';
import { interpolate, translator } from './i18n/index.js';
import { safePath } from './logging.js';
import { navigationFor } from './navigation.js';
import { maskAddress, redactTokens } from './notifications.js';

const t = translator('en');

describe('formatting', () => {
  it('writes dates and times as GOV.UK style does, in UK time', () => {
    expect(formatDate('2026-03-01')).toBe('1 March 2026');
    expect(formatDateTime(new Date('2026-07-01T13:05:00Z'))).toBe('1 July 2026 at 2:05pm');
    expect(formatDateTime(new Date('2026-01-01T00:30:00Z'))).toBe('1 January 2026 at 12:30am');
    expect(formatDate(null)).toBe('');
    expect(formatNumber(1234567)).toBe('1,234,567');
  });
  it('shows a change with its sign, and a true minus sign', () => {
    expect(formatChange(0.75)).toBe('+0.75');
    expect(formatChange(-1.5)).toBe('\u22121.5');
    expect(formatChange(1 / 3)).toBe('+0.33');
    expect(formatChange(-0.001)).toBe('0');
    expect(formatChange(0)).toBe('0');
  });
});

describe('logging', () => {
  it('keeps query strings and link tokens out of logged paths', () => {
    expect(safePath('/admin/users?search=Jane%20Doe')).toBe('/admin/users');
    expect(safePath('/setup/0123456789abcdefghijABCDEFGHIJ_-xyz')).toBe('/setup/:token');
    expect(safePath('/admin/users/7c9e6679-7425-40de-944b-e07fc1f90ae7')).toBe(
      '/admin/users/7c9e6679-7425-40de-944b-e07fc1f90ae7',
    );
  });
});

describe('forms', () => {
  const schema = z.object({
    name: requiredText('users.errors.nameRequired'),
    email: emailAddress('users.errors.emailRequired', 'users.errors.emailInvalid'),
  });

  it('returns trimmed data when valid', () => {
    expect(parseForm(schema, { name: '  Jo ', email: ' JO@Example.org ' })).toEqual({
      ok: true,
      data: { name: 'Jo', email: 'jo@example.org' },
    });
  });

  it('returns one error per field, in field order, as translation keys', () => {
    const result = parseForm(schema, { email: 'nope' });
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { field: 'name', key: 'users.errors.nameRequired' },
        { field: 'email', key: 'users.errors.emailInvalid' },
      ],
    });
  });

  it('presents errors for the GOV.UK error summary and each field', () => {
    const form = presentForm(t, { name: '' }, [
      { field: 'name', key: 'users.errors.nameRequired' },
    ]);
    expect(form.errorList).toEqual([{ text: "Enter the person's full name", href: '#name' }]);
    expect(form.errors.name).toEqual({ text: "Enter the person's full name" });
  });
});

describe('translation', () => {
  it('fills in named values', () => {
    expect(interpolate('Hello {name}, {missing}', { name: 'Bryn' })).toBe('Hello Bryn, {missing}');
    expect(t('common.signedInAs', { name: 'Bryn', organisation: 'Gwent RJ' })).toBe(
      'Signed in as Bryn, Gwent RJ',
    );
  });
  it('words a count as one or many', () => {
    const people = (count: number | string) => t('measures.awareness.counts.people', { count });
    expect(people(1)).toBe('1 person');
    expect(people(0)).toBe('0 people');
    expect(people(2)).toBe('2 people');
    expect(people('1,250')).toBe('1,250 people');
  });
  it('shows the key itself for a missing translation', () => {
    expect(t('no.such.key')).toBe('no.such.key');
  });
});

describe('navigation', () => {
  it('marks the longest matching item active', () => {
    const items = navigationFor('system_admin', '/admin/users/123', t);
    expect(items.filter((item) => item.active).map((item) => item.href)).toEqual(['/admin/users']);
    expect(navigationFor('org_admin', '/', t).find((item) => item.active)?.href).toBe('/');
    expect(navigationFor(undefined, '/', t)).toEqual([]);
  });
});

describe('the notifications log', () => {
  it('keeps a link but not its token, and only enough of the address to recognise it', () => {
    const token = 'pZ3k9_Qw-7aV2mYc1xLr8TnE4bHs6UdJ0oGfKiRtS5w';
    expect(redactTokens(`Answer here: https://waymark.example/q/${token}\nThank you`)).toBe(
      'Answer here: https://waymark.example/q/[token]\nThank you',
    );
    expect(redactTokens(`http://localhost:3000/setup/${token}?x=1`)).toBe(
      'http://localhost:3000/setup/[token]?x=1',
    );
    expect(redactTokens('Referral RF-2026-0001 was accepted.')).toBe(
      'Referral RF-2026-0001 was accepted.',
    );
    expect(maskAddress('gwen.parry@example.org')).toBe('g…@example.org');
    expect(maskAddress('nonsense')).toBe('…');
  });
});
