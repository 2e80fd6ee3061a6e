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

/**
 * A session token looked up: the person it signs in (and when they last gave their password and
 * a code), the person who gave a password and has still to answer the second factor (`pending`),
 * or why it no longer does either.
 */
export type ResumeResult =
  | { state: 'active'; user: SignedInUser; endsAt: SessionEnd; authenticatedAt: Date | null }
  | { state: 'pending'; user: SignedInUser }
  | { state: Exclude<SessionState, 'active'> | 'unknown' };

/** A password with no second factor answered yet holds for this long, then it starts again. */
export const PENDING_SIGN_IN_MINUTES = 15;

export function pendingExpired(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() >= PENDING_SIGN_IN_MINUTES * 60_000;
}

/** When a live session ends if the person does nothing more, and which limit ends it. */
export interface SessionEnd {
  at: Date;
  reason: 'idle' | 'absolute';
  /** Whole seconds from now to the end. */
  secondsLeft: number;
}

export function sessionEnd(session: { createdAt: Date; lastSeenAt: Date }, now: Date): SessionEnd {
  const idle = session.lastSeenAt.getTime() + SESSION_IDLE_MINUTES * 60_000;
  const absolute = session.createdAt.getTime() + SESSION_ABSOLUTE_HOURS * 3_600_000;
  const end = Math.min(idle, absolute);
  return {
    at: new Date(end),
    reason: idle < absolute ? 'idle' : 'absolute',
    secondsLeft: Math.max(0, Math.floor((end - now.getTime()) / 1000)),
  };
}

/** How long before the end a person is warned (GOV.UK's timeout warning: 2 minutes). */
export const SESSION_WARNING_SECONDS = 120;
