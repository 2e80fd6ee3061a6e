// Input that once gave a server error or slipped past a check: each answered plainly now.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main.js';
import { makeService, openCase } from '../support/cases.js';
import { createHarness, type Harness } from '../support/harness.js';
import { signedInTo, WebClient } from '../support/web-client.js';
import { secretOf } from '../support/authenticator.js';

let h: Harness;
let team: Awaited<ReturnType<typeof makeService>>;
beforeAll(async () => {
  h = await createHarness();
  team = await makeService(h.services);
});
afterAll(() => h.close());

describe('NUL and other control characters in a web form or search', () => {
  it('answer 400 naming the field, never 500, on every kind of form', async () => {
    const browser = await signedInTo(h.app, team.practitioner);
    const { caseId } = await openCase(h.services, team.practitioner);
    const searches = [
      '/referrals?search=Jo%00nes',
      '/cases?q=Jo%00nes',
      '/cases?queue=mine&search=%00',
      `/cases/${caseId}?tab=%00`,
    ];
    for (const url of searches) {
      const page = await browser.get(url);
      expect(page.statusCode, url).toBe(400);
      expect(page.body).toContain('cannot be saved');
    }
    await browser.get(`/cases/${caseId}`);
    const note = await browser.post(`/cases/${caseId}/notes`, { body: 'call back\u0000later' });
    expect(note.statusCode).toBe(400);
    expect(note.body).toContain('in: body');
    await browser.get('/referrals/new');
    const escape = await browser.post('/awareness', { topic: 'Harm\u001b[31m' });
    expect(escape.statusCode).toBe(400);
  });

  it('are refused at sign-in, without a server error', async () => {
    const browser = new WebClient(h.app);
    await browser.get('/sign-in');
    const signIn = await browser.post('/sign-in', {
      email: `${team.practitioner.email}\u0000`,
      password: 'x',
    });
    expect(signIn.statusCode).toBe(400);
  });
});

describe('where sign-in sends a person back to', () => {
  const signInReturningTo = async (returnTo: string) => {
    // Their authenticator app is set up: the password leads to the code, and the code onwards.
    if (!secretOf(team.manager.email)) await signedInTo(h.app, team.manager);
    const browser = new WebClient(h.app);
    const page = await browser.get(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
    expect(page.statusCode).toBeLessThan(500);
    const password = await browser.post('/sign-in', {
      email: team.manager.email,
      password: team.manager.password,
      returnTo,
    });
    expect(password.headers.location).toMatch(/^\/sign-in\/code\?returnTo=/);
    const signedIn = await browser.answerSecondFactor(team.manager.email, password);
    expect(signedIn.statusCode).toBe(302);
    return signedIn.headers.location;
  };

  it('keeps a path on this site', async () => {
    expect(await signInReturningTo('/cases?queue=mine')).toBe('/cases?queue=mine');
  });

  it.each([
    '/%09/evil.example',
    '/\t/evil.example',
    '//evil.example',
    '/\\evil.example',
    '/x\r\nSet-Cookie: stolen=1',
    '/x%0d%0aSet-Cookie:%20stolen=1',
  ])('goes home instead of to %j', async (returnTo) => {
    expect(await signInReturningTo(returnTo)).toBe('/');
  });
});

describe('the command line', () => {
  const folders: string[] = [];
  afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const tempDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'waymark-defects-'));
    folders.push(dir);
    return dir;
  };

  it('stops at start, naming the setting, when the documents folder is a file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'documents');
    writeFileSync(file, 'not a folder');
    const err: string[] = [];
    const env = {
      WAYMARK_DATA_DIR: path.join(dir, 'data'),
      WAYMARK_DOCUMENTS_DIR: file,
      NODE_ENV: 'development',
      DATABASE_URL: '',
    };
    const code = await runCli(['migrate'], { out: () => undefined, err: (l) => err.push(l), env });
    expect(code).toBe(78);
    expect(err.join('\n')).toContain('WAYMARK_DOCUMENTS_DIR is a file');
  });

  it('ends quietly when its output is piped into a program that stops reading', async () => {
    const repo = path.resolve(import.meta.dirname, '../..');
    const run = spawn('bash', ['-c', 'set -o pipefail; ./waymark areas | head -1'], {
      cwd: repo,
      env: { ...process.env, WAYMARK_DATA_DIR: tempDir(), DATABASE_URL: '' },
    });
    let stderr = '';
    run.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => run.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });
});
