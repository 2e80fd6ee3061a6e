// The referrals feature's public surface: what other features may use.
export { loadHolidays } from './queries.js';
