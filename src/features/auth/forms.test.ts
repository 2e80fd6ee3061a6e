// Where sign-in may send a person back to: only a path on this site, however it is disguised.
import { describe, expect, it } from 'vitest';
import { parseForm } from '../../platform/forms.js';
import { changePasswordForm, safeReturnPath, setPasswordForm } from './forms.js';

describe('safeReturnPath', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeReturnPath('/cases/123?tab=people')).toBe('/cases/123?tab=people');
    expect(safeReturnPath('/cases?q=Jo%20Bloggs')).toBe('/cases?q=Jo%20Bloggs');
  });

  it.each([
    ['another site', 'https://evil.example/'],
    ['a protocol-relative address', '//evil.example'],
    ['a backslash browsers read as a slash', '/\\evil.example'],
    ['an encoded tab a browser drops', '/%09/evil.example'],
    ['a raw tab', '/\t/evil.example'],
    ['an encoded slash', '/%2F/evil.example'],
    ['an encoded backslash', '/%5Cevil.example'],
    ['CR and LF that would split the Location header', '/x\r\nSet-Cookie: a=b'],
    ['encoded CR and LF', '/x%0d%0aSet-Cookie:%20a=b'],
    ['a NUL', '/x%00'],
    ['broken percent-encoding', '/%E0%A4%A'],
    ['a scheme', 'javascript:alert(1)'],
    ['a relative path', 'cases'],
    ['not text', ['/a']],
  ])('refuses %s', (_what, value) => {
    expect(safeReturnPath(value)).toBe('/');
  });
});

describe('a new password typed twice', () => {
  const mismatch = [{ field: 'confirmPassword', key: 'passwords.errors.mismatch' }];

  it('must be the same both times', () => {
    expect(parseForm(setPasswordForm, { password: 'a b c', confirmPassword: 'a b c' }).ok).toBe(
      true,
    );
    expect(parseForm(setPasswordForm, { password: 'a b c', confirmPassword: 'abc' })).toMatchObject(
      {
        ok: false,
        errors: mismatch,
      },
    );
    const changed = { currentPassword: 'old', newPassword: 'new one', confirmPassword: 'new on' };
    expect(parseForm(changePasswordForm, changed)).toMatchObject({ ok: false, errors: mismatch });
  });

  it('is compared only once every field is given, so a missing one is the only problem shown', () => {
    const typed = { currentPassword: '', newPassword: 'new one', confirmPassword: 'other' };
    expect(parseForm(changePasswordForm, typed)).toMatchObject({
      ok: false,
      errors: [{ field: 'currentPassword', key: 'passwords.errors.currentRequired' }],
    });
    expect(parseForm(setPasswordForm, { password: 'a' })).toMatchObject({
      ok: false,
      errors: [{ field: 'confirmPassword', key: 'passwords.errors.confirmRequired' }],
    });
  });
});
