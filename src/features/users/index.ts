// The users feature's public surface: what other features may import.
export { countActiveSystemAdministrators, emailInUse, hasAdministrator } from './queries.js';
export { passwordProblem } from './password-links.js';
export { recordStaffEvent, recordStaffRefusal } from './staff-events.js';
