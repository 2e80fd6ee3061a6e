// The measures feature's public surface: what other features may import. The API declares the
// measures' operations from these schemas and calls the measures' services; measures never
// import the API.
export { AUDIENCES, MAX_TEXT_ANSWER, RECOMMEND_VALUES } from './feedback/questionnaire.js';
export { apiMeasureSchema } from './wellbeing/schemas.js';
