// The organisations feature's public surface: what other features may import.
export { organisationOptions } from './options.js';
export {
  findOrganisationById,
  findOrganisationBySlug,
  listOrganisations,
  type OrganisationRow,
} from './queries.js';
export { createOrganisation } from './service.js';
