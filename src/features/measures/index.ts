// The measures feature's public surface: what other features may import.
export { feedbackOpenApi } from './feedback/api.js';
export { wellbeingOpenApi } from './wellbeing/api.js';
