// The organisations feature's public surface: what other features may import.
export { organisationOptions } from './options.js';
export {
  findOrganisationById,
  findOrganisationBySlug,
  listOrganisations,
  rjServicesIn,
  type OrganisationRow,
} from './queries.js';
export { createOrganisation } from './service.js';
