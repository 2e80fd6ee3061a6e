// The composition root for the web: plugins in the order they apply to a request, then routes.
import Fastify, { type FastifyInstance, type preHandlerAsyncHookHandler } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import { databaseRateLimitStore } from './platform/rate-limit-store.js';
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import type { Services } from './services.js';
import './platform/fastify-types.js';
import { policyFor } from './route-policies.js';
import { setUpRefusalAudit } from './platform/audit-refusals.js';
import { setUpCsrf } from './platform/csrf.js';
import { setUpInputGuard } from './platform/input-guard.js';
import { setUpErrorPages } from './platform/error-pages.js';
import { loggerOptions, requestId } from './platform/logging.js';
import { setUpPageLocals } from './platform/page-locals.js';
import { setUpRequestContext } from './platform/request-context.js';
import { setUpReadYourWrites } from './platform/read-your-writes.js';
import { writePosition } from './db/figure-reads.js';
import { setUpSecurityHeaders } from './platform/security-headers.js';
import { setUpStaticAssets } from './platform/static-assets.js';
import { registerViews } from './platform/views.js';
import { setUpWebSession } from './platform/web-session.js';
import { requireRecentAuthentication } from './platform/step-up.js';
import { auditRoutes } from './features/audit/routes.js';
import { caseAccessLogRoutes } from './features/case-access-log/routes.js';
import { subjectAccessRoutes } from './features/subject-access/routes.js';
import { authRoutes } from './features/auth/routes.js';
import { dashboardRoutes } from './features/dashboard/routes.js';
import { healthRoutes } from './features/health/routes.js';
import { organisationRoutes } from './features/organisations/routes.js';
import { pageRoutes } from './features/pages/routes.js';
import { userRoutes } from './features/users/routes.js';
import { staffChangeRoutes } from './features/staff-changes/routes.js';
import { journeyRoutes } from './features/referrals/journey/routes.js';
import { referralRoutes } from './features/referrals/routes.js';
import { serviceSettingsRoutes } from './features/service-settings/routes.js';
import { apiTokenRoutes } from './features/api-tokens/routes.js';
import { apiRoutes } from './features/api/routes.js';
import { caseRoutes } from './features/cases/routes.js';
import { peopleRoutes } from './features/cases/people/routes.js';
import { contactRoutes } from './features/cases/contacts/routes.js';
import { caseSafetyRoutes } from './features/cases/safety/routes.js';
import { assessmentRoutes } from './features/cases/assessments/routes.js';
import { reoffendingRoutes } from './features/measures/reoffending/routes.js';
import { awarenessRoutes } from './features/measures/awareness/routes.js';
import { outcomeRoutes } from './features/measures/outcomes/routes.js';
import { wellbeingRoutes } from './features/measures/wellbeing/routes.js';
import { feedbackRoutes } from './features/measures/feedback/routes.js';
import { feedbackPublicRoutes } from './features/measures/feedback/public-routes.js';
import { queueRoutes } from './features/cases/queue-routes.js';
import { caseSearchRoutes } from './features/cases/search/routes.js';
import { updateRoutes } from './features/cases/updates/routes.js';
import { interventionRoutes } from './features/cases/interventions/routes.js';
import { agreementRoutes } from './features/cases/agreements/routes.js';
import { caseTimeRoutes } from './features/cases/time/routes.js';
import { caseDocumentRoutes } from './features/cases/documents/routes.js';
import { caseTransferRoutes } from './features/cases/transfers/routes.js';
import { importRoutes } from './features/imports/routes.js';
import { nationalRoutes } from './features/national/routes.js';
import { definitionRoutes } from './features/definitions/routes.js';
import { equalityRoutes } from './features/equality/routes.js';
import { areaRoutes } from './features/area/routes.js';

export interface AppOptions {
  services: Services;
  db: Kysely<DB>;
  cookieSecret: string;
  baseUrl: string;
  logLevel?: string;
  trustProxy?: boolean;
  /** Cache compiled templates (production); off in development so edits show at once. */
  cacheTemplates?: boolean;
  version?: string;
  /** Requests an API token may make a minute (300 unless a test lowers it). */
  apiRequestsPerMinute?: number;
  /** Failed API authentications an address may make a minute (30 unless a test lowers it). */
  apiFailuresPerMinute?: number;
  /**
   * The services read figures from a replica (DATABASE_READ_URL): each person's pages must then
   * be told where they last changed something (src/platform/read-your-writes.ts).
   */
  readsFromReplica?: boolean;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { services } = options;
  const app = Fastify({
    logger: loggerOptions(options.logLevel ?? 'info'),
    genReqId: requestId,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  declareRoutePolicies(app, requireRecentAuthentication(services.clock));
  setUpRequestContext(app);
  setUpRefusalAudit(app, options.db);

  await setUpSecurityHeaders(app);
  await app.register(cookie, { secret: options.cookieSecret });
  if (options.readsFromReplica) setUpReadYourWrites(app, () => writePosition(options.db));
  await app.register(formbody);
  // Counted in the database, so that every process behind a proxy counts the same requests.
  await app.register(rateLimit, {
    global: false,
    store: databaseRateLimitStore(options.db, options.cookieSecret),
  });
  await setUpStaticAssets(app);
  await registerViews(app, { cache: options.cacheTemplates ?? true });
  setUpWebSession(app, services.sessions);
  setUpInputGuard(app);
  await setUpCsrf(app);
  setUpPageLocals(app);
  setUpErrorPages(app);

  await app.register(healthRoutes, { db: options.db, version: options.version ?? 'dev' });
  await app.register(pageRoutes);
  await app.register(definitionRoutes, { services });
  await app.register(authRoutes, { services });
  // One-time questionnaire links: public pages, no sign-in.
  await app.register(feedbackPublicRoutes, { services });
  await app.register(dashboardRoutes, { services });
  await app.register(organisationRoutes, { services });
  await app.register(userRoutes, { services, baseUrl: options.baseUrl });
  await app.register(auditRoutes, { services });
  await app.register(staffChangeRoutes, { services });
  await app.register(journeyRoutes, { services });
  await app.register(referralRoutes, { services });
  await app.register(serviceSettingsRoutes, { services });
  await app.register(apiTokenRoutes, { services });
  // Every /api/v1 operation is listed in features/api/routes.ts.
  await app.register(apiRoutes, {
    services,
    requestsPerMinute: options.apiRequestsPerMinute,
    failuresPerMinute: options.apiFailuresPerMinute,
  });
  await app.register(queueRoutes, { services });
  await app.register(caseSearchRoutes, { services });
  await app.register(updateRoutes, { services });
  await app.register(peopleRoutes, { services });
  await app.register(equalityRoutes, { services });
  await app.register(contactRoutes, { services });
  await app.register(caseSafetyRoutes, { services });
  await app.register(assessmentRoutes, { services });
  await app.register(reoffendingRoutes, { services });
  await app.register(awarenessRoutes, { services });
  await app.register(outcomeRoutes, { services });
  await app.register(areaRoutes, { services });
  await app.register(wellbeingRoutes, { services });
  await app.register(interventionRoutes, { services });
  await app.register(agreementRoutes, { services });
  await app.register(caseTimeRoutes, { services });
  await app.register(caseDocumentRoutes, { services });
  await app.register(caseTransferRoutes, { services });
  await app.register(feedbackRoutes, { services });
  await app.register(caseRoutes, { services });
  await app.register(caseAccessLogRoutes, { services });
  await app.register(subjectAccessRoutes, { services });
  await app.register(importRoutes, { services });
  await app.register(nationalRoutes, { services });
  return app;
}

/** Every route registered, with its method; each must have a declared policy to register. */
export interface RegisteredRoute {
  method: string;
  url: string;
  /** Whether the step-up guard stands in front of it. */
  stepUp: boolean;
}

/**
 * Every route must match a declared policy to register; a policy that asks for step-up puts the
 * one step-up guard in front of the route's own (ADR 0019).
 */
function declareRoutePolicies(app: FastifyInstance, stepUp: preHandlerAsyncHookHandler) {
  const routes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    let guarded = false;
    for (const method of methods.filter((m) => m !== 'HEAD')) {
      const policy = policyFor(method, route.url);
      if (!policy) {
        throw new Error(
          `${method} ${route.url} has no declared access policy: add it to src/route-policies.ts`,
        );
      }
      guarded ||= policy.stepUp === true;
      routes.push({ method, url: route.url, stepUp: policy.stepUp === true });
    }
    if (guarded) {
      const own = route.preHandler ? [route.preHandler].flat() : [];
      route.preHandler = [stepUp, ...own];
    }
  });
}
