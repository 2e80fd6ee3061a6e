// A one-time link keeps only its token's hash, and may be used for the hours it is given.
import { describe, expect, it } from 'vitest';
import { hashToken, oneTimeLink } from './secure-tokens.js';

describe('oneTimeLink', () => {
  it('keeps the hash of a fresh token, made now and usable for the hours given', () => {
    const now = new Date('2026-11-20T10:00:00Z');
    const { token, row } = oneTimeLink(now, 48);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(row).toEqual({
      token_hash: hashToken(token),
      created_at: now,
      expires_at: new Date('2026-11-22T10:00:00Z'),
    });
    expect(oneTimeLink(now, 48).token).not.toBe(token);
  });
});
