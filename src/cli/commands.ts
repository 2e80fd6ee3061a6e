// The waymark commands. Each parses its own flags strictly (an unknown or missing flag is a
// usage error), then calls the same services the web pages use.
import { ORGANISATION_KINDS } from '../domain/organisations.js';
import { ADMINISTRATOR_ROLES } from '../domain/roles.js';
import { generatePassword } from '../platform/secure-tokens.js';
import { loadDemo } from '../features/demo/seed.js';
import { migrate } from '../db/migrate.js';
import { printDemoCredentials, startServer } from '../server.js';
import { UsageError, withServices } from './runtime.js';

import { operator, type Command } from './command.js';
import { TOKEN_COMMANDS } from '../features/api-tokens/cli.js';
import { HOLIDAY_COMMANDS } from '../features/bank-holidays/cli.js';
import { IMPORT_COMMANDS } from '../features/imports/cli.js';
import { SATISFACTION_IMPORT_COMMANDS } from '../features/measures/feedback/import/cli.js';
import { WELLBEING_COMMANDS } from '../features/measures/wellbeing/cli.js';
import { AUDIT_COMMANDS } from '../features/audit-integrity/cli.js';
import { RETENTION_COMMANDS } from '../features/retention/cli.js';
import { SUBJECT_ACCESS_COMMANDS } from '../features/subject-access/cli.js';
import { BACKUP_COMMANDS } from '../features/backup/cli.js';
import { NATIONAL_COMMANDS } from '../features/national/cli.js';
import { AGGREGATE_COMMANDS } from '../features/aggregates/cli.js';
import { REPORT_COMMANDS } from '../features/reports/cli.js';

function portFlag(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new UsageError(
      `--port must be a whole number between 1 and 65535 (got "${String(value)}")`,
    );
  }
  return port;
}

const CORE_COMMANDS: Command[] = [
  {
    name: 'start',
    summary: 'Start the web server',
    usage: 'waymark start [--port N] [--demo]',
    options: { port: { type: 'string' }, demo: { type: 'boolean' } },
    async run(context, flags) {
      const port = portFlag(flags.port);
      const config =
        port === undefined
          ? context.config
          : {
              ...context.config,
              port,
              baseUrl: context.config.baseUrl.replace(/:\d+$/, `:${port}`),
            };
      await startServer(config, { demo: flags.demo === true, print: context.out });
      return new Promise<number>(() => undefined); // runs until a signal stops it
    },
  },
  {
    name: 'migrate',
    summary: 'Bring the database schema up to date',
    usage: 'waymark migrate',
    options: {},
    async run(context) {
      await withServices(context, 'migrate', async (_services, database) => {
        const report = await migrate(database);
        context.out(`Database: ${database.description}`);
        context.out(
          report.applied.length === 0 && report.alreadyApplied > 0
            ? `Up to date (${report.alreadyApplied} migrations applied).`
            : `Migrations up to date (${report.alreadyApplied + report.applied.length} applied).`,
        );
      });
      return 0;
    },
  },
  {
    name: 'orgs add',
    summary: 'Add an organisation',
    usage: `waymark orgs add --name NAME --kind KIND [--area AREA] [--slug SLUG]\n  KIND is one of: ${ORGANISATION_KINDS.join(', ')}\n  AREA is a police force area id, e.g. avon-and-somerset (see waymark areas)`,
    options: {
      name: { type: 'string' },
      kind: { type: 'string' },
      area: { type: 'string' },
      slug: { type: 'string' },
    },
    required: ['name', 'kind'],
    async run(context, flags) {
      const { slug } = await withServices(context, 'orgs add', (services) =>
        services.organisations.add(operator('command line'), flags),
      );
      context.out(`Added organisation "${String(flags.name).trim()}" (${slug}).`);
      return 0;
    },
  },
  {
    name: 'orgs list',
    summary: 'List organisations',
    usage: 'waymark orgs list [--kind KIND] [--area AREA]',
    options: { kind: { type: 'string' }, area: { type: 'string' } },
    async run(context, flags) {
      const rows = await withServices(context, 'orgs list', (services) =>
        services.organisations.list(operator('command line'), {
          kind: flags.kind as never,
          areaId: flags.area as string | undefined,
        }),
      );
      for (const row of rows)
        context.out(`${row.slug}\t${row.kind}\t${row.areaId ?? '-'}\t${row.name}`);
      if (rows.length === 0) context.out('No organisations.');
      return 0;
    },
  },
  {
    name: 'areas',
    summary: 'List the police force areas',
    usage: 'waymark areas',
    options: {},
    async run(context) {
      const areas = await withServices(context, 'areas', (services) =>
        services.organisations.areas(),
      );
      for (const area of areas) context.out(`${area.id}\t${area.name}`);
      return 0;
    },
  },
  {
    name: 'users add',
    summary: "Add an organisation's first administrator (its administrators add everyone else)",
    usage: [
      'waymark users add --org SLUG --email EMAIL --name NAME --role ROLE [--password-stdin]',
      `  ROLE is ${ADMINISTRATOR_ROLES.join(' or ')}. The command line acts from outside every organisation:`,
      "  it may add an organisation's first administrator, while it has none, and nobody else.",
      "  That administrator adds the organisation's other users on its Users page; the addition is",
      "  recorded in the organisation's audit trail, for its managers to see under Staff changes.",
      '  The password is generated and printed once, or read from standard input (--password-stdin).',
    ].join('\n'),
    options: {
      org: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
    required: ['org', 'email', 'name', 'role'],
    async run(context, flags) {
      const fromStdin = flags['password-stdin'] === true;
      const password = fromStdin
        ? (await context.readStdin()).replace(/\r?\n$/, '')
        : generatePassword();
      if (fromStdin && password === '')
        throw new UsageError('--password-stdin was given but standard input was empty');
      await withServices(context, 'users add', (services) =>
        services.users.add(operator('command line'), {
          org: flags.org,
          email: flags.email,
          name: flags.name,
          role: flags.role,
          password,
        }),
      );
      context.out(
        `Added ${String(flags.role)} ${String(flags.email).trim().toLowerCase()} to ${String(flags.org)}.`,
      );
      if (!fromStdin) context.out(`Password (shown only now): ${password}`);
      return 0;
    },
  },
  {
    name: 'demo',
    summary: 'Load demo organisations and one user per role, and print how to sign in',
    usage: 'waymark demo',
    options: {},
    async run(context) {
      const credentials = await withServices(context, 'demo', async (services, database) => {
        const loaded = await loadDemo({ database, services });
        await database.analyze();
        return loaded;
      });
      printDemoCredentials(context.out, context.config.baseUrl, credentials);
      return 0;
    },
  },
];

/** Every command; each feature that has commands adds its list here. */
export const COMMANDS: Command[] = [
  ...CORE_COMMANDS,
  ...TOKEN_COMMANDS,
  ...HOLIDAY_COMMANDS,
  ...IMPORT_COMMANDS,
  ...SATISFACTION_IMPORT_COMMANDS,
  ...WELLBEING_COMMANDS,
  ...AUDIT_COMMANDS,
  ...RETENTION_COMMANDS,
  ...SUBJECT_ACCESS_COMMANDS,
  ...BACKUP_COMMANDS,
  ...NATIONAL_COMMANDS,
  ...AGGREGATE_COMMANDS,
  ...REPORT_COMMANDS,
];

/** Which field of a service's input each flag fills, for error messages. */
export const FLAG_FOR_FIELD: Record<string, string> = {
  name: '--name',
  kind: '--kind',
  area: '--area',
  slug: '--slug',
  org: '--org',
  email: '--email',
  role: '--role',
  password: 'password',
  date: '--date',
  record_kind: 'KIND',
  period: 'PERIOD',
};
