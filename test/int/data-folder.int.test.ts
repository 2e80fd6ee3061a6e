// The data folder holds the embedded database (victims' details in its tables and write-ahead
// log), case documents and, in development, an outbox of emails with live one-time links.
// Nothing in it may be readable or writable by anyone but the account Waymark runs as.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/open.js';
import { runCli } from '../../src/main.js';
import { fileTransport, OUTBOX_KEEP_HOURS } from '../../src/platform/notifications.js';
import { translator } from '../../src/platform/i18n/index.js';
import { looseEntries } from '../../src/platform/private-files.js';
import { servicesFor } from '../../src/services.js';
import { testBackend } from '../support/backend.js';
import { giveAddress, makeService, openCase } from '../support/cases.js';
import { FakeClock } from '../support/clock.js';
import { makeOrganisation, makeUser } from '../support/harness.js';

const folders: string[] = [];
function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'waymark-private-'));
  folders.push(dir);
  return dir;
}
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Every file and folder under `dir`, the folder included. */
function entriesUnder(dir: string): string[] {
  return [
    dir,
    ...readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => path.join(dir, name)),
  ];
}

const modeOf = (file: string) => statSync(file).mode & 0o777;

/** Runs `work` with the loosest umask a machine could have, as Waymark might be started. */
async function withLooseUmask<T>(work: () => Promise<T>): Promise<T> {
  const previous = process.umask(0o000);
  try {
    return await work();
  } finally {
    process.umask(previous);
  }
}

describe.skipIf(testBackend().kind !== 'pglite')('the embedded data folder', () => {
  it('is created with nothing readable or writable by group or others, after a document and an email', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const config = loadConfig({
      WAYMARK_DATA_DIR: dataDir,
      NODE_ENV: 'development',
      WAYMARK_BASE_URL: 'http://waymark.test',
    });
    await withLooseUmask(async () => {
      const opened = await openDatabase(config, 'test');
      try {
        expect(opened.tightened).toBeUndefined();
        const services = servicesFor(config, opened.database);
        const team = await makeService(services);
        const opened2 = await openCase(services, team.practitioner);
        // A letter, kept as a case document.
        await giveAddress(services, team.practitioner, {
          caseId: opened2.caseId,
          participantId: opened2.harmedId,
        });
        await services.documents.generateLetter(
          team.practitioner,
          opened2.caseId,
          { letter: 'invitation', participant: opened2.harmedId },
          translator('en'),
        );
        // An email: a referrer is told their referral was accepted (the outbox, in development).
        const police = await makeOrganisation(services, { kind: 'police' });
        const referrer = await makeUser(services, { role: 'referrer', org: police });
        const referral = await services.referrals.create(
          referrer,
          {
            initiated_by: 'victim',
            received_on: '2026-11-19',
            offence_group: 'robbery',
            cjs_stage: 'pre_charge',
            victim_surname: 'Khan',
          },
          { channel: 'web', service: team.org.slug },
        );
        await services.triage.accept(team.practitioner, referral.id, { version: 1 });
      } finally {
        await opened.close();
      }
    });

    const outbox = path.join(dataDir, 'outbox.jsonl');
    expect(readFileSync(outbox, 'utf8')).toContain(
      `/referrals/sent/`, // the email about the referral, with its link
    );
    const documents = entriesUnder(config.documentsDir).filter((f) => statSync(f).isFile());
    expect(documents.length).toBeGreaterThan(0);
    const entries = entriesUnder(dataDir);
    expect(entries.length).toBeGreaterThan(1000); // the database's own files are all here
    expect({ entries: entries.length, loose: looseEntries(dataDir) }).toEqual({
      entries: entries.length,
      loose: [],
    });
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(outbox)).toBe(0o600);
    expect(modeOf(config.documentsDir)).toBe(0o700);
    for (const file of documents) expect(modeOf(file)).toBe(0o600);
  });

  it('is corrected at start when it was left open, and says so once', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const env = { WAYMARK_DATA_DIR: dataDir, NODE_ENV: 'development', DATABASE_URL: '' };
    const waymark = async (args: string[]) => {
      const err: string[] = [];
      const code = await runCli(args, { out: () => undefined, err: (l) => err.push(l), env });
      return { code, err: err.join('\n') };
    };
    expect((await waymark(['migrate'])).code).toBe(0);
    // Loosened as an older Waymark, a copy or a careless restore would leave it: every entry,
    // and a document and an outbox added loosely (the documents folder may already be there).
    for (const entry of entriesUnder(dataDir))
      chmodSync(entry, statSync(entry).isDirectory() ? 0o755 : 0o666);
    mkdirSync(path.join(dataDir, 'documents', 'ab'), { recursive: true, mode: 0o777 });
    chmodSync(path.join(dataDir, 'documents'), 0o777);
    chmodSync(path.join(dataDir, 'documents', 'ab'), 0o777);
    writeFileSync(path.join(dataDir, 'documents', 'ab', 'abcdef'), 'a document', { mode: 0o644 });
    chmodSync(path.join(dataDir, 'documents', 'ab', 'abcdef'), 0o644);
    writeFileSync(path.join(dataDir, 'outbox.jsonl'), '', { mode: 0o644 });
    chmodSync(path.join(dataDir, 'outbox.jsonl'), 0o644);
    const loosened = looseEntries(dataDir).length;
    expect(loosened).toBe(entriesUnder(dataDir).length);
    expect(loosened).toBeGreaterThan(1000);

    const first = await withLooseUmask(() => waymark(['migrate']));
    expect(first.code).toBe(0);
    expect(first.err).toContain(`Made ${loosened} files and folders in ${dataDir}`);
    expect(first.err.match(/Made \d+ files and folders/g)).toHaveLength(1);
    expect(looseEntries(dataDir)).toEqual([]);
    expect(modeOf(path.join(dataDir, 'documents', 'ab', 'abcdef'))).toBe(0o600);
    expect(modeOf(path.join(dataDir, 'documents', 'ab'))).toBe(0o700);

    const again = await waymark(['migrate']);
    expect(again.err).not.toContain('Made');
  });
});

describe('the development outbox', () => {
  it("is its owner's alone and keeps only the last day's messages", async () => {
    const dir = path.join(tempDir(), 'outbox-folder');
    const file = path.join(dir, 'outbox.jsonl');
    const clock = new FakeClock();
    clock.set('2026-11-20T09:00:00Z');
    const transport = fileTransport(file, clock);
    await withLooseUmask(async () => {
      await transport.deliver({ to: 'a@example.org', subject: 'First', body: 'one' });
      clock.set('2026-11-20T20:00:00Z');
      await Promise.all([
        transport.deliver({ to: 'b@example.org', subject: 'Second', body: 'two' }),
        transport.deliver({ to: 'c@example.org', subject: 'Third', body: 'three' }),
      ]);
    });
    const subjects = () =>
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { subject: string }).subject);
    expect(subjects()).toEqual(['First', 'Second', 'Third']);
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(dir)).toBe(0o700);

    clock.set(new Date(Date.parse('2026-11-20T09:00:00Z') + OUTBOX_KEEP_HOURS * 3_600_000 + 1));
    await transport.deliver({ to: 'd@example.org', subject: 'Fourth', body: 'four' });
    expect(subjects()).toEqual(['Second', 'Third', 'Fourth']);
    expect(existsSync(`${file}.partial`)).toBe(false);
  });
});
