// The service layer, wired in one place: web routes, the JSON API and the command line all
// call these functions, which take the acting person, check access, and audit.
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import type { Actor, Capability } from './domain/roles.js';
import { authorize } from './platform/authorize.js';
import type { Clock } from './platform/clock.js';
import { auditService } from './features/audit/service.js';
import { sessionService } from './features/auth/session-service.js';
import { setupService } from './features/auth/setup-service.js';
import { signInService } from './features/auth/sign-in-service.js';
import { dashboardService } from './features/dashboard/service.js';
import { organisationService } from './features/organisations/service.js';
import { userService } from './features/users/service.js';

export interface ServiceDependencies {
  db: Kysely<DB>;
  clock: Clock;
  /** Keys the hashes of guessable values (sign-in throttling). */
  secret: string;
}

export function createServices(deps: ServiceDependencies) {
  const sessions = sessionService(deps);
  return {
    access: {
      authorize: (actor: Actor, capability: Capability, action: string) =>
        authorize(deps.db, actor, capability, action),
    },
    sessions,
    signIn: signInService({ ...deps, sessions }),
    setup: setupService({ ...deps, sessions }),
    organisations: organisationService(deps),
    users: userService({ ...deps, sessions }),
    audit: auditService(deps),
    dashboard: dashboardService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
