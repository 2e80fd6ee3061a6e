import { describe, expect, it } from 'vitest';
import { secretBox } from './secret-box.js';

describe('secretBox', () => {
  const box = secretBox('a server secret of enough length 0123456789');

  it('gives back what it sealed, and the sealed text does not contain it', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'totp-secret');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed, 'totp-secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP', 'totp-secret')).not.toBe(sealed);
  });

  it('opens nothing sealed with another key, for another purpose, or changed', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'totp-secret');
    expect(secretBox('another server secret 0123456789abcdef').open(sealed, 'totp-secret')).toBe(
      undefined,
    );
    expect(box.open(sealed, 'something-else')).toBeUndefined();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(box.open(parts.join('.'), 'totp-secret')).toBeUndefined();
    expect(box.open('not sealed at all', 'totp-secret')).toBeUndefined();
  });
});
