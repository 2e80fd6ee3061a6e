// Every page of the whole-system view: for national analysts the map, the survey's results,
// victims told about restorative justice, the area pages and the upload page; for a PCC office
// its own survey answers and monthly returns.
import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../services.js';
import { areaRoutes } from './areas/routes.js';
import { nationalImportRoutes } from './import-routes.js';
import { mapRoutes } from './map/routes.js';
import { surveyJourneyRoutes } from './provision/journey-routes.js';
import { surveyRoutes } from './provision/routes.js';
import { victimsOfferedRoutes } from './victims-informed/national-routes.js';
import { victimsInformedRoutes } from './victims-informed/routes.js';

export async function nationalRoutes(app: FastifyInstance, options: WithServices) {
  await app.register(mapRoutes, options);
  await app.register(surveyRoutes, options);
  await app.register(victimsOfferedRoutes, options);
  await app.register(areaRoutes, options);
  await app.register(nationalImportRoutes, options);
  await app.register(surveyJourneyRoutes, options);
  await app.register(victimsInformedRoutes, options);
}
