// Progressive enhancement only: every page works without this script.
import { initAll as initGovukFrontend } from '/assets/govuk-frontend.min.js';
import { initAll as initMojFrontend } from '/assets/moj-frontend.min.js';

initGovukFrontend();
initMojFrontend();
