// The users feature's public surface: what other features may import.
export { countActiveAdmins, emailInUse } from './queries.js';
export { passwordProblem } from './service.js';
