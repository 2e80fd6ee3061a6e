import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has defaults that start Waymark on the embedded database', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      dataDir: './data',
      databaseUrl: undefined,
      baseUrl: 'http://localhost:3000',
      reloadTemplates: false,
    });
  });

  it('reloads templates on every request only when asked to', () => {
    expect(loadConfig({ WAYMARK_RELOAD_TEMPLATES: 'true' }).reloadTemplates).toBe(true);
    expect(() => loadConfig({ WAYMARK_RELOAD_TEMPLATES: 'sometimes' })).toThrow(
      /WAYMARK_RELOAD_TEMPLATES/,
    );
  });

  it('names every variable that is wrong, without echoing secrets', () => {
    try {
      loadConfig({ PORT: '99999', DATABASE_URL: 'mysql://secret@db', NODE_ENV: 'staging' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('PORT must be between 1 and 65535 (got "99999")');
      expect(message).toContain('DATABASE_URL must start with postgres://');
      expect(message).not.toContain('secret@db');
      expect(message).toContain('NODE_ENV must be development, production or test');
    }
  });

  it('reads reports from a replica only of a PostgreSQL server, never echoing its address', () => {
    const primary = 'postgres://waymark:pw@primary.example/waymark';
    const replica = 'postgres://waymark:pw@replica.example/waymark';
    expect(loadConfig({}).databaseReadUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: replica }).databaseReadUrl).toBe(
      replica,
    );
    expect(() => loadConfig({ DATABASE_READ_URL: replica })).toThrow(
      /DATABASE_READ_URL names a streaming replica.*DATABASE_URL is not set.*the embedded database, which has no replicas/,
    );
    try {
      loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: 'mysql://user:pw@replica' });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('DATABASE_READ_URL must start with postgres://');
      expect(message).not.toContain('user:pw');
    }
  });

  it('reports small numbers hidden below 5 and savings at £8 for every £1, unless told otherwise', () => {
    expect(loadConfig({}).reporting).toMatchObject({
      suppressionThreshold: 5,
      costBenefit: { ratio: 8, source: expect.stringContaining('Sheffield') },
    });
    const custom = loadConfig({
      WAYMARK_SUPPRESSION_THRESHOLD: '10',
      WAYMARK_COST_BENEFIT_RATIO: '3.5',
      WAYMARK_COST_BENEFIT_SOURCE: 'Our own evaluation (2025)',
      WAYMARK_AGGREGATES_REFRESH_SECONDS: '30',
    });
    expect(custom.reporting).toEqual({
      suppressionThreshold: 10,
      costBenefit: { ratio: 3.5, source: 'Our own evaluation (2025)' },
    });
    expect(custom.aggregatesRefreshSeconds).toBe(30);
    expect(loadConfig({}).apiRequestsPerMinute).toBe(300);
    expect(loadConfig({ WAYMARK_API_REQUESTS_PER_MINUTE: '2000' }).apiRequestsPerMinute).toBe(2000);
    expect(() => loadConfig({ WAYMARK_API_REQUESTS_PER_MINUTE: 'lots' })).toThrow(
      /WAYMARK_API_REQUESTS_PER_MINUTE must be a whole number/,
    );
    expect(() => loadConfig({ WAYMARK_SUPPRESSION_THRESHOLD: '1' })).toThrow(
      /WAYMARK_SUPPRESSION_THRESHOLD must be between 2 and 100 \(got "1"\)/,
    );
    expect(() => loadConfig({ WAYMARK_COST_BENEFIT_RATIO: 'lots' })).toThrow(
      /WAYMARK_COST_BENEFIT_RATIO must be a number/,
    );
  });
  const PRODUCTION = {
    NODE_ENV: 'production',
    WAYMARK_SESSION_SECRET: 'x'.repeat(32),
    WAYMARK_MAIL: 'smtp',
    WAYMARK_SMTP_URL: 'smtp://mail.example.org:587',
  };

  it('requires a session secret in production', () => {
    expect(() => loadConfig({ ...PRODUCTION, WAYMARK_SESSION_SECRET: '' })).toThrow(
      /WAYMARK_SESSION_SECRET must be set in production/,
    );
    expect(loadConfig(PRODUCTION).environment).toBe('production');
  });

  it('refuses the development mail file in production unless asked for by name and acknowledged', () => {
    const refusal =
      /WAYMARK_MAIL is file.*meant for development.*WAYMARK_MAIL_FILE_IN_PRODUCTION=true/;
    const fileMail = { ...PRODUCTION, WAYMARK_MAIL: 'file', WAYMARK_SMTP_URL: '' };
    expect(() => loadConfig({ ...fileMail, WAYMARK_MAIL: '' })).toThrow(/\(the default\)/);
    expect(() => loadConfig(fileMail)).toThrow(refusal);
    expect(() => loadConfig({ ...fileMail, WAYMARK_MAIL_FILE_IN_PRODUCTION: 'false' })).toThrow(
      refusal,
    );
    // The acknowledgement alone does not choose the file: the adapter must be named too.
    expect(() =>
      loadConfig({ ...fileMail, WAYMARK_MAIL: '', WAYMARK_MAIL_FILE_IN_PRODUCTION: 'true' }),
    ).toThrow(refusal);
    expect(() => loadConfig({ ...fileMail, WAYMARK_MAIL_FILE_IN_PRODUCTION: 'perhaps' })).toThrow(
      /WAYMARK_MAIL_FILE_IN_PRODUCTION must be true or false \(got "perhaps"\)/,
    );
    const allowed = loadConfig({ ...fileMail, WAYMARK_MAIL_FILE_IN_PRODUCTION: 'true' });
    expect(allowed.mail.transport).toBe('file');
    // Outside production the file is the default, with nothing to acknowledge.
    expect(loadConfig({}).mail).toEqual({ transport: 'file', file: './data/outbox.jsonl' });
  });

  it.each([
    'javascript:alert(document.cookie)//',
    'data:text/html,<script>alert(1)</script>',
    'ftp://waymark.example.org',
    'https://user:pass@waymark.example.org',
    'https://waymark.example.org/?next=evil',
    'https://waymark.example.org/#x',
    'waymark.example.org',
  ])('refuses a base URL a link could not safely start with: %s', (value) => {
    expect(() => loadConfig({ WAYMARK_BASE_URL: value })).toThrow(/WAYMARK_BASE_URL/);
  });

  it('uses the base URL given, without a trailing slash', () => {
    expect(loadConfig({ WAYMARK_BASE_URL: 'https://waymark.example.org/' }).baseUrl).toBe(
      'https://waymark.example.org',
    );
  });
});
