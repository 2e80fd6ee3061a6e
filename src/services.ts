// The service layer, wired in one place: web routes, the JSON API and the command line all
// call these functions, which take the acting person, check access, and audit.
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import type { Database } from './db/connect.js';
import { figureReads } from './db/figure-reads.js';
import { currentRequestContext } from './platform/request-context.js';
import type { Actor, Capability } from './domain/roles.js';
import { authorize } from './platform/authorize.js';
import type { Clock } from './platform/clock.js';
import { fileTransport, notifier, smtpTransport, type Notifier } from './platform/notifications.js';
import type { Config } from './config.js';
import { SHEFFIELD_EVALUATION, type ReportingSettings } from './domain/value-for-money.js';
import { DEFAULT_SUPPRESSION_THRESHOLD } from './domain/suppression.js';
import { systemClock } from './platform/clock.js';
import { resolveSecret } from './platform/secret.js';
import { draftService } from './features/referrals/journey/drafts.js';
import { referralService } from './features/referrals/service.js';
import { sentService } from './features/referrals/sent.js';
import { triageService } from './features/referrals/triage.js';
import { notifyReferrer } from './features/referrals/notify.js';
import { serviceSettingsService } from './features/service-settings/service.js';
import { apiTokenService } from './features/api-tokens/service.js';
import { bankHolidayService } from './features/bank-holidays/service.js';
import { caseKernel, caseService } from './features/cases/index.js';
import { queueService } from './features/cases/queues.js';
import { interventionService } from './features/cases/interventions/index.js';
import { agreementService } from './features/cases/agreements/index.js';
import { peopleService } from './features/cases/people/index.js';
import { caseSafetyService } from './features/cases/safety/index.js';
import { contactService } from './features/cases/contacts/index.js';
import { updateService } from './features/cases/updates/index.js';
import { assessmentService } from './features/cases/assessments/index.js';
import {
  reoffendingService,
  reoffendingStageHooks,
} from './features/measures/reoffending/index.js';
import { awarenessService } from './features/measures/awareness/service.js';
import { distancesOnCase, wellbeingService } from './features/measures/wellbeing/index.js';
import { feedbackService } from './features/measures/feedback/index.js';
import { caseTimeService } from './features/cases/time/index.js';
import { documentService } from './features/cases/documents/index.js';
import { transferService } from './features/cases/transfers/index.js';
import { importService } from './features/imports/service.js';
import { provisionService } from './features/national/provision/service.js';
import { surveyDraftService } from './features/national/provision/drafts.js';
import { victimsInformedService } from './features/national/victims-informed/service.js';
import { populationService } from './features/national/populations.js';
import { nationalFigureService } from './features/national/figures.js';
import { auditService } from './features/audit/service.js';
import { caseAccessLogService } from './features/case-access-log/service.js';
import { retentionService } from './features/retention/service.js';
import { subjectAccessService } from './features/subject-access/service.js';
import { sessionService } from './features/auth/session-service.js';
import { setupService } from './features/auth/setup-service.js';
import { signInService } from './features/auth/sign-in-service.js';
import { secondFactorService } from './features/auth/second-factor-service.js';
import { signInThrottle } from './features/auth/throttle.js';
import { dashboardService } from './features/dashboard/service.js';
import { organisationService } from './features/organisations/service.js';
import { userService } from './features/users/service.js';
import { aggregateService } from './features/aggregates/service.js';
import { reportService } from './features/reports/service.js';
import { equalityService } from './features/equality/index.js';
import { spendService } from './features/area/spend.js';
import { staffChangeService } from './features/staff-changes/service.js';

export interface ServiceDependencies {
  db: Kysely<DB>;
  /**
   * A streaming replica (DATABASE_READ_URL) that reports, the commissioner's and national pages
   * and the aggregate store's status read from; everything else reads `db`, the primary.
   */
  replica?: Kysely<DB>;
  clock: Clock;
  /** Keys the hashes of guessable values (sign-in throttling). */
  secret: string;
  notifier: Notifier;
  /** The address people reach Waymark on, for links in emails. */
  baseUrl: string;
  /** Where case documents are kept (WAYMARK_DOCUMENTS_DIR); tests leave it to a temporary folder. */
  documentsDir?: string;
  /** The file transport's outbox, which retention prunes (WAYMARK_MAIL=file only). */
  outboxFile?: string;
  /** Suppression threshold and cost–benefit ratio (defaults: 5, and £8 per £1). */
  reporting?: ReportingSettings;
  /**
   * False on a PostgreSQL server, whose pool serves requests on other connections while one is
   * busy; true (the default) on the embedded database, where one connection serves everything,
   * so no work may hold a transaction open for long.
   */
  sharedConnection?: boolean;
  /**
   * How many requests are waiting for the embedded database's one connection (Database.waiting):
   * an import publishes in small batches while any are, in large ones while none are.
   */
  waitingForConnection?: () => number;
}

/** Hide counts below 5; estimate savings at £8 for every £1 (ADR 0012). */
export const DEFAULT_REPORTING: ReportingSettings = {
  suppressionThreshold: DEFAULT_SUPPRESSION_THRESHOLD,
  costBenefit: SHEFFIELD_EVALUATION,
};

export function createServices(deps: ServiceDependencies) {
  const sessions = sessionService(deps);
  const throttle = signInThrottle(deps);
  const signIn = signInService({ ...deps, sessions, throttle });
  const secondFactor = secondFactorService({ ...deps, sessions, signIn, throttle });
  const reporting = deps.reporting ?? DEFAULT_REPORTING;
  const caseDeps = { ...deps, kernel: caseKernel(deps) };
  const imports = importService(deps);
  // A web request says what its reads must see (its person's last change); other work reads
  // the replica as it is.
  const reads = figureReads({
    primary: deps.db,
    replica: deps.replica,
    fence: () => currentRequestContext()?.readFence,
  });
  return {
    clock: deps.clock,
    reporting,
    /** The address people reach Waymark on (links in emails and workbooks). */
    baseUrl: deps.baseUrl,
    access: {
      authorize: (actor: Actor, capability: Capability, action: string) =>
        authorize(deps.db, actor, capability, action),
    },
    sessions,
    signIn,
    secondFactor,
    setup: setupService({ ...deps, sessions }),
    organisations: organisationService(deps),
    users: userService({ ...deps, sessions }),
    audit: auditService(deps),
    caseAccessLog: caseAccessLogService(caseDeps),
    retention: retentionService({
      ...caseDeps,
      sweepImportLeftovers: imports.sweepLeftovers,
    }),
    subjectAccess: subjectAccessService(caseDeps),
    staffChanges: staffChangeService(deps),
    dashboard: dashboardService(deps),
    referrals: referralService(deps),
    referralDrafts: draftService(deps),
    triage: triageService(caseDeps),
    sent: sentService(deps),
    serviceSettings: serviceSettingsService(deps),
    apiTokens: apiTokenService(deps),
    bankHolidays: bankHolidayService(deps),
    cases: caseService({
      ...caseDeps,
      stageHooks: {
        ...reoffendingStageHooks,
        referrerTold: (actor, referral) =>
          void notifyReferrer(deps, actor, referral.id, referral.progress).catch(() => undefined),
      },
      summaryParts: { wellbeingDistances: distancesOnCase },
    }),
    caseQueues: queueService(deps),
    interventions: interventionService(caseDeps),
    agreements: agreementService(caseDeps),
    people: peopleService(caseDeps),
    contacts: contactService(caseDeps),
    updates: updateService(caseDeps),
    caseSafety: caseSafetyService(caseDeps),
    assessments: assessmentService(caseDeps),
    reoffending: reoffendingService(caseDeps),
    awareness: awarenessService(deps),
    wellbeing: wellbeingService(caseDeps),
    feedback: feedbackService(caseDeps),
    caseTime: caseTimeService(caseDeps),
    documents: documentService(caseDeps),
    transfers: transferService(caseDeps),
    imports,
    provision: provisionService(deps),
    provisionDrafts: surveyDraftService(deps),
    victimsInformed: victimsInformedService(deps),
    populations: populationService(deps),
    nationalFigures: nationalFigureService({
      ...deps,
      reads,
      threshold: reporting.suppressionThreshold,
    }),
    aggregates: aggregateService({ ...deps, reads }),
    reports: reportService({ ...deps, reads, reporting }),
    equality: equalityService(caseDeps),
    spend: spendService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;

/** What every feature's routes are registered with. */
export type WithServices = { services: Services };

/** The services as a running Waymark has them: real clock, configured email, the secret. */
export function servicesFor(
  config: Config,
  database: Pick<Database, 'db' | 'kind' | 'waiting'>,
  options: {
    log?: (error: unknown) => void;
    /** The server reads figures from the replica; the command line reads the primary, so that
     * a command sees what the one before it changed. */
    replica?: Kysely<DB>;
  } = {},
): Services {
  const { db } = database;
  const transport =
    config.mail.transport === 'smtp'
      ? smtpTransport(config.mail.url, config.mail.from)
      : fileTransport(config.mail.file, systemClock);
  return createServices({
    db,
    replica: options.replica,
    clock: systemClock,
    secret: resolveSecret(config),
    notifier: notifier(db, transport, options.log),
    baseUrl: config.baseUrl,
    documentsDir: config.documentsDir,
    outboxFile: config.mail.transport === 'file' ? config.mail.file : undefined,
    reporting: config.reporting,
    sharedConnection: database.kind === 'embedded',
    waitingForConnection: database.waiting,
  });
}
