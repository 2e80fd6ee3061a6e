// How long each kind of record is kept, and what happens when its time is up. Pure: the dates
// a record falls due on, computed from a period and "now"; the database work is in
// features/retention.
//
// Anonymise or delete? A record that counts in a figure (a closed case, a declined referral) is
// anonymised: its row stays with its dates, stage, outcome, codes and scores, so every count and
// measure computed from it (outcomes, the aggregate store) is the same after as before, and
// every name, contact detail, note, free-text answer and document goes. A record that counts in
// nothing (a session, an email in the outbox, a used one-time link) is deleted.
import { oneOf } from './one-of.js';

export const RECORD_KINDS = [
  'closed_cases',
  'declined_referrals',
  'questionnaire_links',
  'sessions',
  'outbox',
  'sign_in_attempts',
  'referral_drafts',
  'one_time_links',
  'import_rejects',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const isRecordKind = oneOf(RECORD_KINDS);

export interface RetentionRule {
  action: 'anonymise' | 'delete';
  /** The default period, e.g. "6y" (years), "12m" (months), "90d" (days). */
  period: string;
}

export const RETENTION_RULES: Record<RecordKind, RetentionRule> = {
  // Case records: six years after the case closed (the common practice for victim services).
  closed_cases: { action: 'anonymise', period: '6y' },
  // A referral the service declined: two years after the decision.
  declined_referrals: { action: 'anonymise', period: '2y' },
  // Questionnaire links, once expired or used.
  questionnaire_links: { action: 'delete', period: '90d' },
  // Sessions, after their last activity (they stop working after 12 hours anyway).
  sessions: { action: 'delete', period: '30d' },
  // Emails Waymark sent (the notifications table and, with WAYMARK_MAIL=file, the outbox file).
  outbox: { action: 'delete', period: '90d' },
  // Sign-in attempts kept for throttling and investigation.
  sign_in_attempts: { action: 'delete', period: '90d' },
  // Referral drafts, after they expired unsent.
  referral_drafts: { action: 'delete', period: '30d' },
  // Password-setting and first-administrator links, after they expired or were used.
  one_time_links: { action: 'delete', period: '30d' },
  // The rejected rows of a CSV import (they hold what the file said about people).
  import_rejects: { action: 'delete', period: '30d' },
};

const PERIOD = /^([1-9]\d{0,3})([dmy])$/;

export function isPeriod(value: unknown): value is string {
  return typeof value === 'string' && PERIOD.test(value);
}

/** "6y" → "6 years". */
export function describePeriod(period: string): string {
  const [, n, unit] = PERIOD.exec(period) ?? [];
  const word = { d: 'day', m: 'month', y: 'year' }[unit as 'd' | 'm' | 'y'];
  return `${n} ${word}${n === '1' ? '' : 's'}`;
}

/**
 * The moment before which a record's clock start makes it due: `now` less the period, by the
 * calendar (months and years move the date, clamped to the month's last day: 29 February less
 * one year is 28 February).
 */
export function cutoff(now: Date, period: string): Date {
  const match = PERIOD.exec(period);
  if (!match) throw new Error(`not a retention period: ${period}`);
  const n = Number(match[1]);
  const unit = match[2];
  if (unit === 'd') return new Date(now.getTime() - n * 86_400_000);
  const months = unit === 'y' ? n * 12 : n;
  const result = new Date(now.getTime());
  const targetMonth = result.getUTCMonth() - months;
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(targetMonth);
  const lastDay = new Date(
    Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0),
  ).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/** The last calendar date (YYYY-MM-DD, UTC) that is due: records dated on or before it go. */
export function cutoffDate(now: Date, period: string): string {
  return cutoff(now, period).toISOString().slice(0, 10);
}
