// How long a sign-in lasts: 30 minutes without activity, 12 hours at most.
import type { Role } from './roles.js';

export const SESSION_IDLE_MINUTES = 30;
export const SESSION_ABSOLUTE_HOURS = 12;
/** last_seen_at is written at most this often, so each page view is not also a write. */
export const SESSION_TOUCH_SECONDS = 60;

export type SessionState = 'active' | 'idle_expired' | 'absolute_expired';

export function sessionState(
  session: { createdAt: Date; lastSeenAt: Date },
  now: Date,
): SessionState {
  const nowMs = now.getTime();
  if (nowMs - session.createdAt.getTime() >= SESSION_ABSOLUTE_HOURS * 3_600_000) {
    return 'absolute_expired';
  }
  if (nowMs - session.lastSeenAt.getTime() >= SESSION_IDLE_MINUTES * 60_000) return 'idle_expired';
  return 'active';
}

export function needsTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= SESSION_TOUCH_SECONDS * 1000;
}

// Sign-in throttling: a few wrong passwords for one account, or many from one address, and
// further attempts wait for the window to pass.
export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_ACCOUNT_FAILURES = 5;
export const MAX_ADDRESS_FAILURES = 30;

export function isThrottled(failures: { account: number; address: number }): boolean {
  return failures.account >= MAX_ACCOUNT_FAILURES || failures.address >= MAX_ADDRESS_FAILURES;
}

/** Who a live session signs in: what every page knows about the person. */
export interface SignedInUser {
  userId: string;
  orgId: string;
  orgName: string;
  orgKind: string;
  role: Role;
  name: string;
  email: string;
}

/** A session token looked up: the person it signs in, or why it no longer does. */
export type ResumeResult =
  { state: 'active'; user: SignedInUser } | { state: Exclude<SessionState, 'active'> | 'unknown' };
