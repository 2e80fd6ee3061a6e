// The referrals feature's public surface: what other features may import.
export { referralChecker, referralRows, type ReferralRows } from './intake.js';
export { DATE_FIELDS, REFERRAL_FIELD_NAMES, REQUIRED_FIELDS, referralFields } from './schema.js';
export { REFERRER_STATUSES } from './sent.js';
export { mayBeSource } from './sources.js';
