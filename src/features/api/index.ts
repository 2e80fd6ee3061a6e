// The api feature's public surface: what other features may import.
export { API_RATE_LIMIT, bearerToken } from './auth.js';
export { errorResponse, jsonSchema } from './json-schema.js';
