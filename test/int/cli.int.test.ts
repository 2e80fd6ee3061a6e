// The waymark command line, run in-process as `runCli(args)` against the backend under test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/domain/roles.js';
import { runCli } from '../../src/main.js';
import { testBackend } from '../support/backend.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const embedded = testBackend().kind === 'pglite';

const DEMO_LOAD = 900_000;

let env: NodeJS.ProcessEnv;
let dataDir: string;
let serverDatabase: TestDatabase | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'waymark-cli-'));
  env = { WAYMARK_DATA_DIR: dataDir, NODE_ENV: 'test' };
  if (!embedded) {
    serverDatabase = await createTestDatabase();
    env.DATABASE_URL = serverDatabase.url;
  }
});
afterAll(async () => {
  await serverDatabase?.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

async function waymark(args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: { ...env, ...options.env },
    readStdin: async () => options.stdin ?? '',
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('waymark (happy paths)', () => {
  it('migrates', async () => {
    const result = await waymark(['migrate']);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/up to date/i);
  });

  it('adds and lists organisations', async () => {
    const added = await waymark([
      'orgs',
      'add',
      '--name',
      'Dyfed RJ Service',
      '--kind',
      'rj_service',
      '--area',
      'dyfed-powys',
    ]);
    expect(added).toMatchObject({
      code: 0,
      out: 'Added organisation "Dyfed RJ Service" (dyfed-rj-service).',
    });
    const police = await waymark([
      'orgs',
      'add',
      '--name',
      'Dyfed-Powys Police',
      '--kind',
      'police',
      '--area',
      'dyfed-powys',
      '--slug',
      'dp-police',
    ]);
    expect(police.code).toBe(0);
    const listed = await waymark(['orgs', 'list', '--kind', 'police']);
    expect(listed.out).toBe('dp-police\tpolice\tdyfed-powys\tDyfed-Powys Police');
  });

  it("adds an organisation's first administrator with a generated password, printed once", async () => {
    const result = await waymark([
      'users',
      'add',
      '--org',
      'dyfed-rj-service',
      '--email',
      'Gwen@Example.org',
      '--name',
      'Gwen Jones',
      '--role',
      'org_admin',
    ]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Added org_admin gwen@example.org to dyfed-rj-service.');
    expect(result.out).toMatch(/Password \(shown only now\): [a-z0-9]{5}(-[a-z0-9]{5}){3}/);
  });

  it('adds a user with a password from standard input, never printing it', async () => {
    const result = await waymark(
      [
        'users',
        'add',
        '--org',
        'dp-police',
        '--email',
        'ref@example.org',
        '--name',
        'Ref',
        '--role',
        'org_admin',
        '--password-stdin',
      ],
      { stdin: 'hedgehog violin quarry\n' },
    );
    expect(result.code).toBe(0);
    expect(result.out).not.toContain('hedgehog');
  });

  it("adds no case-working user and no second administrator: those are the organisation's own", async () => {
    const add = (org: string, role: string, email: string) =>
      waymark(['users', 'add', '--org', org, '--email', email, '--name', 'X', '--role', role]);
    for (const role of ['practitioner', 'service_manager', 'volunteer']) {
      const refused = await add('dyfed-rj-service', role, `${role}@example.org`);
      expect(refused.code).toBe(2);
      expect(refused.err).toContain(
        '--role: You can add only an organisation administrator to an organisation you do not belong to',
      );
    }
    const second = await add('dyfed-rj-service', 'org_admin', 'second@example.org');
    expect(second.code).toBe(2);
    expect(second.err).toContain('--org: This organisation already has an administrator');
  });

  // A year of two services' cases and the national returns: a minute or more on a busy machine.
  // Loading it again (nothing added, new passwords and key) is the service's, tested in
  // features/demo/demo.int.test.ts; loading it twice here doubled the slowest test of the file.
  // The loading itself is tested on both databases there; what this adds is the command's
  // printing, which cannot differ between them, so it runs on the PostgreSQL server only (37 s;
  // 51 s on the embedded database, the slowest test of its run).
  it.skipIf(embedded)(
    'loads demo data, printing a password for every role',
    async () => {
      const result = await waymark(['demo']);
      expect(result.code).toBe(0);
      // One printed account for every role there is.
      for (const role of ROLES) {
        expect(result.out).toMatch(
          new RegExp(`${role}\\s+\\S+@demo\\.example\\.org\\s+[a-z0-9-]{23}`),
        );
      }
      // One authenticator key for every demo account, new each load, as text and a QR code.
      expect(result.out).toMatch(/any demo account: ([A-Z2-7]{4} ){7}[A-Z2-7]{4}/);
      expect(result.out).toContain('oathtool --totp -b ');
    },
    DEMO_LOAD,
  );

  it('prints help and a version', async () => {
    expect((await waymark(['help'])).out).toContain('users add');
    expect((await waymark(['users', 'add', '--help'])).out).toContain('--org SLUG');
    expect((await waymark(['--version'])).out).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

type Mistake = [name: string, args: string[], message: RegExp];

function explainsEach(mistakes: Mistake[]) {
  for (const [name, args, message] of mistakes) {
    it(`explains ${name} and exits 2`, async () => {
      const result = await waymark(args);
      expect(result.code).toBe(2);
      expect(result.err + result.out).toMatch(message);
      expect(result.err).not.toMatch(/at .*\.ts:\d+/);
    });
  }
}

// Mistakes in the command line itself, found before any database is opened.
describe('waymark (mistakes in the command line)', () => {
  explainsEach([
    ['no command', [], /Usage: waymark <command>/],
    ['an unknown command', ['frobnicate'], /unknown command "frobnicate"/],
    [
      'an unknown flag',
      ['orgs', 'add', '--name', 'X', '--kind', 'police', '--colour', 'red'],
      /Unknown option '--colour'/,
    ],
    ['a missing flag', ['orgs', 'add', '--name', 'X'], /Missing --kind/],
    ['a flag without its value', ['orgs', 'add', '--kind', 'police', '--name'], /--name/],
    ['a bad port', ['start', '--port', 'eighty'], /--port must be a whole number/],
    ['a stray argument', ['migrate', 'now'], /Unexpected argument "now"/],
  ]);

  it('stops with a clear message when configuration is wrong', async () => {
    const result = await waymark(['migrate'], { env: { PORT: 'ninety', LOG_LEVEL: 'loud' } });
    expect(result.code).toBe(78);
    expect(result.err).toContain('PORT must be a whole number (got "ninety")');
    expect(result.err).toContain('LOG_LEVEL must be one of');
  });
});

// Mistakes the services find: the command opens the database, a service refuses, and the command
// prints the refusal against its flags and exits 2. That is the same code whichever database is
// under it, and the services' refusals themselves are tested on both databases (the forms in
// users.int.test.ts and organisations.int.test.ts), so these run on the PostgreSQL server only,
// where opening the database costs nothing. On the embedded database every command opens the
// data folder afresh, which is what the happy paths above check there.
describe.skipIf(embedded)('waymark (mistakes the services find)', () => {
  explainsEach([
    [
      'a bad kind',
      ['orgs', 'add', '--name', 'X', '--kind', 'bakery'],
      /--kind: Choose the kind of organisation/,
    ],
    [
      'an unknown area',
      ['orgs', 'add', '--name', 'X', '--kind', 'police', '--area', 'atlantis'],
      /--area: Choose a police force area/,
    ],
    [
      'an unknown organisation',
      [
        'users',
        'add',
        '--org',
        'nope',
        '--email',
        'a@example.org',
        '--name',
        'A',
        '--role',
        'org_admin',
      ],
      /--org: Choose an organisation from the list/,
    ],
    [
      'a bad role',
      [
        'users',
        'add',
        '--org',
        'dp-police',
        '--email',
        'a@example.org',
        '--name',
        'A',
        '--role',
        'king',
      ],
      /--role: Choose a role/,
    ],
    [
      'a bad email',
      [
        'users',
        'add',
        '--org',
        'dp-police',
        '--email',
        'nope',
        '--name',
        'A',
        '--role',
        'referrer',
      ],
      /--email: Enter an email address in the correct format/,
    ],
    [
      'a case-working role, which only the organisation adds',
      [
        'users',
        'add',
        '--org',
        'dp-police',
        '--email',
        'b@example.org',
        '--name',
        'B',
        '--role',
        'referrer',
      ],
      /--role: You can add only an organisation administrator/,
    ],
  ]);

  it('refuses a common password from standard input', async () => {
    await waymark(['orgs', 'add', '--name', 'Powys Youth Justice', '--kind', 'youth_offending']);
    const result = await waymark(
      [
        'users',
        'add',
        '--org',
        'powys-youth-justice',
        '--email',
        'c@example.org',
        '--name',
        'C',
        '--role',
        'org_admin',
        '--password-stdin',
      ],
      { stdin: 'password123456' },
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain('This password is too common');
  });
});
