// Where sign-in may send a person back to: only a path on this site, however it is disguised.
import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './forms.js';

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
