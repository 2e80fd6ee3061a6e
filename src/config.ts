// Configuration comes from environment variables, validated once at start. A wrong value stops
// Waymark with a message naming the variable, rather than failing later in a request.
import { z } from 'zod';
import { DEFAULT_SUPPRESSION_THRESHOLD } from './domain/suppression.js';
import { SHEFFIELD_EVALUATION, type ReportingSettings } from './domain/value-for-money.js';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], {
    error: 'must be true or false',
  })
  .transform((value) => ['true', '1', 'yes'].includes(value));

/** A whole number from `min` to `max`; `unit` names what it counts, as " of seconds". */
const wholeNumber = (min: number, max: number, unit = '') =>
  z.coerce
    .number({ error: `must be a whole number${unit}` })
    .int(`must be a whole number${unit}`)
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`);

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], {
    error: 'must be development, production or test',
  }),
  PORT: wholeNumber(1, 65535),
  HOST: z.string().min(1, 'must not be empty'),
  WAYMARK_DATA_DIR: z.string().min(1, 'must not be empty'),
  WAYMARK_DOCUMENTS_DIR: z.string().min(1, 'must not be empty').optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  // Printed into emails and links people follow: only http(s) to a host, nothing a browser
  // would run (javascript:, data:) or that hides credentials, a query or a fragment.
  WAYMARK_BASE_URL: z
    .string()
    .refine(isWebAddress, {
      error: 'must be a full http or https URL such as https://waymark.example.org',
    })
    .optional(),
  WAYMARK_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  WAYMARK_TRUST_PROXY: booleanFlag,
  WAYMARK_RELOAD_TEMPLATES: booleanFlag,
  WAYMARK_MAIL: z.enum(['file', 'smtp'], { error: 'must be file or smtp' }),
  WAYMARK_MAIL_FILE_IN_PRODUCTION: booleanFlag,
  WAYMARK_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  WAYMARK_MAIL_FROM: z.string().min(3, 'must be an email address').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    error: 'must be one of fatal, error, warn, info, debug, trace, silent',
  }),
  WAYMARK_SUPPRESSION_THRESHOLD: wholeNumber(2, 100),
  WAYMARK_API_REQUESTS_PER_MINUTE: wholeNumber(1, 100_000),
  WAYMARK_AGGREGATES_REFRESH_SECONDS: wholeNumber(5, 86_400, ' of seconds'),
  WAYMARK_COST_BENEFIT_RATIO: z.coerce
    .number({ error: 'must be a number, such as 8' })
    .positive('must be more than 0')
    .max(1000, 'must be at most 1000'),
  WAYMARK_COST_BENEFIT_SOURCE: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(300, 'must be at most 300 characters'),
});

const DEFAULTS = {
  NODE_ENV: 'development',
  PORT: '3000',
  HOST: 'localhost',
  WAYMARK_DATA_DIR: './data',
  WAYMARK_TRUST_PROXY: 'false',
  WAYMARK_RELOAD_TEMPLATES: 'false',
  WAYMARK_MAIL: 'file',
  WAYMARK_MAIL_FILE_IN_PRODUCTION: 'false',
  LOG_LEVEL: 'info',
  WAYMARK_SUPPRESSION_THRESHOLD: String(DEFAULT_SUPPRESSION_THRESHOLD),
  WAYMARK_AGGREGATES_REFRESH_SECONDS: '60',
  // Each API token's allowance; a feed sending a night's referrals at once may need more.
  WAYMARK_API_REQUESTS_PER_MINUTE: '300',
  WAYMARK_COST_BENEFIT_RATIO: String(SHEFFIELD_EVALUATION.ratio),
  WAYMARK_COST_BENEFIT_SOURCE: SHEFFIELD_EVALUATION.source,
} as const;

/**
 * The file mail adapter writes every email, with its live one-time links and the recipient's
 * address, into the data folder: a development tool. Production refuses it unless the
 * operator asks for it by name and says they mean it.
 */
function fileMailProblem(mailGiven: boolean, acknowledged: boolean): string | undefined {
  if (mailGiven && acknowledged) return undefined;
  return (
    'WAYMARK_MAIL is file' +
    (mailGiven ? '' : ' (the default)') +
    ', which writes every email, with its one-time links, to outbox.jsonl in the data folder and is meant for development. ' +
    'In production set WAYMARK_MAIL=smtp and WAYMARK_SMTP_URL; to keep the file on purpose, set both WAYMARK_MAIL=file and WAYMARK_MAIL_FILE_IN_PRODUCTION=true'
  );
}

export interface Config {
  environment: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Where the embedded database (and generated secrets) live when no DATABASE_URL is set. */
  dataDir: string;
  /** Where documents attached to cases are kept: outside the web root, never served directly. */
  documentsDir: string;
  databaseUrl: string | undefined;
  /**
   * A streaming replica of the server at databaseUrl that reports and the aggregate store are
   * read from (docs/adr/0023-past-one-machine.md); undefined: they read the primary.
   */
  databaseReadUrl: string | undefined;
  /** The address people reach Waymark on, for links printed or sent by email. */
  baseUrl: string;
  /** Signs cookies. Required in production; otherwise generated into the data folder. */
  sessionSecret: string | undefined;
  trustProxy: boolean;
  /**
   * Read templates from disk on every request, for someone editing them. Off by default, so that
   * `npm start` serves as production does (compiling every template on each request cost 60–75%
   * of the throughput).
   */
  reloadTemplates: boolean;
  /** How email is sent: appended to a file in the data folder, or by SMTP. */
  mail: { transport: 'file'; file: string } | { transport: 'smtp'; url: string; from: string };
  logLevel: string;
  /** How commissioners' and national figures are reported (docs/adr/0012-aggregate-store.md). */
  reporting: ReportingSettings;
  /** How often the server brings the aggregate store up to date. */
  aggregatesRefreshSeconds: number;
  /** Requests each API token may make in a minute. */
  apiRequestsPerMinute: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Waymark cannot start: its configuration is not valid.\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Reads configuration from an environment (process.env by default) or throws ConfigError. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Record<string, string>> = {},
): Config {
  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(environmentSchema.shape)) {
    const value = overrides[key] ?? env[key];
    raw[key] = value === undefined || value === '' ? DEFAULTS[key as keyof typeof DEFAULTS] : value;
  }
  const parsed = environmentSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = String(issue.path[0]);
        const shown =
          key.includes('SECRET') || key.startsWith('DATABASE_') ? '' : ` (got "${raw[key]}")`;
        return `${key} ${issue.message}${shown}`;
      }),
    );
  }
  const values = parsed.data;
  const given = (key: string) => (overrides[key] ?? env[key] ?? '') !== '';
  const problems: string[] = [];
  if (values.NODE_ENV === 'production' && !values.WAYMARK_SESSION_SECRET) {
    problems.push(
      'WAYMARK_SESSION_SECRET must be set in production (at least 32 random characters)',
    );
  }
  if (values.DATABASE_READ_URL && !values.DATABASE_URL) {
    problems.push(
      'DATABASE_READ_URL names a streaming replica of a PostgreSQL server, but DATABASE_URL is not set, so ' +
        'Waymark would use the embedded database, which has no replicas. Set DATABASE_URL to the primary ' +
        'server, or remove DATABASE_READ_URL',
    );
  }
  if (values.WAYMARK_MAIL === 'smtp' && !values.WAYMARK_SMTP_URL) {
    problems.push('WAYMARK_SMTP_URL must be set when WAYMARK_MAIL=smtp');
  }
  if (values.NODE_ENV === 'production' && values.WAYMARK_MAIL === 'file') {
    const problem = fileMailProblem(given('WAYMARK_MAIL'), values.WAYMARK_MAIL_FILE_IN_PRODUCTION);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const shownHost = values.HOST === '0.0.0.0' || values.HOST === '::' ? 'localhost' : values.HOST;
  return {
    environment: values.NODE_ENV,
    port: values.PORT,
    host: values.HOST,
    dataDir: values.WAYMARK_DATA_DIR,
    documentsDir:
      values.WAYMARK_DOCUMENTS_DIR ?? `${values.WAYMARK_DATA_DIR.replace(/\/$/, '')}/documents`,
    databaseUrl: values.DATABASE_URL,
    databaseReadUrl: values.DATABASE_READ_URL,
    baseUrl: (values.WAYMARK_BASE_URL ?? `http://${shownHost}:${values.PORT}`).replace(/\/$/, ''),
    sessionSecret: values.WAYMARK_SESSION_SECRET,
    trustProxy: values.WAYMARK_TRUST_PROXY,
    reloadTemplates: values.WAYMARK_RELOAD_TEMPLATES,
    mail:
      values.WAYMARK_MAIL === 'smtp'
        ? {
            transport: 'smtp',
            url: values.WAYMARK_SMTP_URL!,
            from: values.WAYMARK_MAIL_FROM ?? 'waymark@localhost',
          }
        : { transport: 'file', file: `${values.WAYMARK_DATA_DIR.replace(/\/$/, '')}/outbox.jsonl` },
    logLevel: values.LOG_LEVEL,
    reporting: {
      suppressionThreshold: values.WAYMARK_SUPPRESSION_THRESHOLD,
      costBenefit: {
        ratio: values.WAYMARK_COST_BENEFIT_RATIO,
        source: values.WAYMARK_COST_BENEFIT_SOURCE,
      },
    },
    aggregatesRefreshSeconds: values.WAYMARK_AGGREGATES_REFRESH_SECONDS,
    apiRequestsPerMinute: values.WAYMARK_API_REQUESTS_PER_MINUTE,
  };
}

function isWebAddress(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const plain = !url.username && !url.password && !url.search && !url.hash;
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && plain;
}
