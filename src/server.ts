// Starting Waymark: open (and migrate) the database, build the services and the web app,
// listen, and shut down cleanly on SIGTERM or SIGINT.
import type { Config } from './config.js';
import { buildApp } from './app.js';
import { openDatabase } from './db/open.js';
import { describeCorrections } from './db/migrate.js';
import { servicesFor } from './services.js';
import { resolveSecret } from './platform/secret.js';
import { loadDemo, type DemoCredential } from './features/demo/seed.js';
import { groupedSecret } from './domain/second-factor.js';
import { terminalQrCode, totpUri } from './platform/totp.js';
import { VERSION } from './version.js';
import { startRetentionSchedule } from './features/retention/schedule.js';
import { auditedBackup } from './features/backup/service.js';
import { controlSocketPath, startControlChannel } from './platform/control-channel.js';
import { jobContext, runInContext } from './platform/request-context.js';
import { runEvery } from './features/aggregates/schedule.js';
import { tightenFolder } from './platform/private-files.js';

/** How often the embedded database's planner statistics are refreshed. */
const ANALYZE_EVERY_MS = 15 * 60_000;
/**
 * How often the embedded data folder is made private again: the embedded database rewrites its
 * relation cache files readable by everyone now and then (a walk of the folder takes ~15 ms).
 */
const TIGHTEN_EVERY_MS = 60_000;

export interface StartOptions {
  demo?: boolean;
  /** Where human-readable messages go (logs are JSON on stdout). */
  print?: (line: string) => void;
}

/** What a start is doing while the database gets ready (the first start takes a while). */
function startingStep(step: 'connecting' | 'migrating', embedded: boolean, dataDir: string) {
  if (step === 'migrating') return 'Bringing the database schema up to date...';
  return embedded
    ? `Preparing the embedded database in ${dataDir} (the first start creates it, which can take a minute)...`
    : 'Connecting to the PostgreSQL server...';
}

export async function startServer(config: Config, options: StartOptions = {}) {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const embedded = !config.databaseUrl;
  const opened = await openDatabase(config, 'start', (step) =>
    print(startingStep(step, embedded, config.dataDir)),
  );
  const { database } = opened;
  const secret = resolveSecret(config);
  const services = servicesFor(config, database, { replica: database.replica?.db });
  await services.signIn.pruneAttempts();

  if (options.demo) print('Loading the demonstration data (a minute or two the first time)...');
  const demoCredentials = options.demo ? await loadDemo({ database, services }) : undefined;
  const setupToken = await services.setup.issueLinkIfNeeded();
  // Planner statistics matter after the schema or the data changed wholesale; otherwise the
  // embedded database refreshes them on a timer and a server's autovacuum does, so an ordinary
  // start does not wait for a scan of every table.
  if (opened.migrations.applied.length > 0 || demoCredentials) await database.analyze();
  // The figures reports read: brought up to date now, then every so often (ADR 0012).
  await services.aggregates.refresh();
  const analyzing =
    database.kind === 'embedded'
      ? setInterval(() => void database.analyze().catch(() => undefined), ANALYZE_EVERY_MS)
      : undefined;
  analyzing?.unref();
  const tightening =
    database.kind === 'embedded'
      ? setInterval(() => tightenFolder(config.dataDir), TIGHTEN_EVERY_MS)
      : undefined;
  tightening?.unref();

  const app = await buildApp({
    services,
    db: database.db,
    cookieSecret: secret,
    baseUrl: config.baseUrl,
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
    cacheTemplates: !config.reloadTemplates,
    apiRequestsPerMinute: config.apiRequestsPerMinute,
    readsFromReplica: database.replica !== undefined,
    version: VERSION,
  });
  const refreshing = runEvery(
    config.aggregatesRefreshSeconds * 1000,
    (stop) => services.aggregates.refresh({ stop }),
    (error) => app.log.error({ err: error }, 'refreshing the aggregate store failed'),
  );
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await refreshing.stop();
    await opened.close();
    throw error;
  }
  // Commands that need the embedded database while the server holds it ask the server.
  const control =
    database.kind === 'embedded'
      ? await startControlChannel(controlSocketPath(config.dataDir), {
          backup: () =>
            runInContext(jobContext('control-socket'), () =>
              auditedBackup(database, { kind: 'system', orgId: null, name: 'backup' }),
            ),
        })
      : undefined;
  opened.lock?.update({ url: config.baseUrl, control: control?.path });
  if (opened.tightened) app.log.warn(opened.tightened);
  // Records kept past their retention period are anonymised or deleted once a day.
  const retention = startRetentionSchedule({
    db: database.db,
    clock: services.clock,
    retention: services.retention,
    log: (message, details) => app.log.info(details, message),
  });

  print('');
  print(`Waymark ${VERSION} is running at ${config.baseUrl} on the ${database.description}.`);
  if (database.replica) print(`Reports read from the ${database.replica.description}.`);
  if (opened.migrations.applied.length > 0) {
    print(`Database migrations applied: ${opened.migrations.applied.join(', ')}.`);
    for (const line of describeCorrections(opened.migrations)) print(`  ${line}`);
  }
  if (setupToken) {
    print('');
    print(
      'No system administrator can sign in yet. To create the first one, open this link (it works once, for 24 hours):',
    );
    print(`  ${config.baseUrl}/setup/${setupToken}`);
  }
  if (demoCredentials) printDemoCredentials(print, config.baseUrl, demoCredentials);
  print('Press Ctrl+C to stop.');
  print('');

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      app.log.info('shutting down');
      clearInterval(analyzing);
      await retention.stop();
      await control?.close();
      await refreshing.stop();
      clearInterval(tightening);
      await app.close();
      await opened.close();
    })();
    return stopping;
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  return { app, services, database, stop };
}

export function printDemoCredentials(
  print: (line: string) => void,
  baseUrl: string,
  credentials: DemoCredential[],
) {
  print('');
  print(
    `Demo data is loaded. Sign in at ${baseUrl}/sign-in as any of these (passwords are new each time demo data is loaded):`,
  );
  const width = Math.max(...credentials.map((c) => c.role.length));
  for (const c of credentials) {
    print(`  ${c.role.padEnd(width)}  ${c.email.padEnd(34)}  ${c.password}`);
  }
  const key = credentials[0]?.authenticatorKey;
  if (!key) return;
  print('');
  print('Every demo account asks for a security code after the password. Add this key to any');
  print('authenticator app once (scan the QR code below, or type the key), and use its code for');
  print(`any demo account: ${groupedSecret(key)}`);
  print(`Without a phone: oathtool --totp -b ${key}   (Debian package oathtool)`);
  print(terminalQrCode(totpUri(key, 'demo accounts', 'Waymark demo')));
}
