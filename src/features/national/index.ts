// The national feature's public surface: what other features may import.
export { nationalHeadline } from './figures.js';
export { PROVISION_COLUMNS } from './provision/import.js';
