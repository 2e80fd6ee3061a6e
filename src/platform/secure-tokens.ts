// Unguessable tokens for sessions, links and API keys. Only a SHA-256 hash is stored, so a
// copy of the database cannot be replayed; 32 random bytes make the hash safe without salt.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A one-time link's token, and the row kept of it: its hash, when it was made and until when it
 * may be used.
 */
export function oneTimeLink(now: Date, hours: number) {
  const token = newToken();
  const expires_at = new Date(now.getTime() + hours * 3_600_000);
  return { token, row: { token_hash: hashToken(token), created_at: now, expires_at } };
}

/** A keyed hash for values that are guessable (an email, an IP address). */
export function keyedHash(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('hex');
}

export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A readable generated password: 4 groups of 5 letters and digits, about 100 bits. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(20);
  const chars = [...bytes].map((byte) => alphabet[byte % alphabet.length]);
  return [0, 5, 10, 15].map((start) => chars.slice(start, start + 5).join('')).join('-');
}
