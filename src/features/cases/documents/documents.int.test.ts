// Case documents: upload limits judged by content, safe names, storage under random keys
// outside the web root, downloads only for those who may see the case (each audited), letters
// made as PDF, and removal.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CSRF_COOKIE } from '../../../platform/csrf.js';
import { SESSION_COOKIE } from '../../../platform/web-session.js';
import { administratorOf, makeUserWithRole } from '../../../../test/support/harness.js';
import {
  giveAddress,
  makeService,
  openCase,
  allocateVolunteer,
} from '../../../../test/support/cases.js';
import type { WebClient } from '../../../../test/support/web-client.js';
import { testbed, serviceFor } from '../../../../test/support/testbed.js';
import { expectPage } from '../../../../test/support/web-client.js';

const { h, signedIn } = testbed();
const team = serviceFor(h);

afterAll(async () => {
  await h.close();
  rmSync(h.services.documents.store.root, { recursive: true, force: true });
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  randomBytes(32),
]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(30), randomBytes(64)]);

/** Posts the upload form of the Documents tab as a browser would (token in the action). */
async function upload(
  browser: WebClient,
  caseId: string,
  file?: { name: string; content: Buffer | string; type?: string },
  options: { csrf?: boolean } = {},
) {
  const page = await browser.get(`/cases/${caseId}/documents`);
  const action = /action="(\/cases\/[^"]+\/documents\?_csrf=[^"]+)"/.exec(page.body)?.[1];
  const url =
    options.csrf === false ? `/cases/${caseId}/documents` : action!.replace(/&amp;/g, '&');
  const boundary = `----waymark${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file?.name ?? ''}"\r\n` +
        `Content-Type: ${file?.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    Buffer.from(file?.content ?? ''),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const cookie = [SESSION_COOKIE, CSRF_COOKIE]
    .map((name) => `${name}=${browser.cookie(name) ?? ''}`)
    .join('; ');
  return h.app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

const documentsOf = (caseId: string) =>
  h.database.withOwner((o) =>
    o.query<{
      id: string;
      file_name: string;
      storage_key: string;
      origin: string;
      content_type: string;
    }>(
      'select id, file_name, storage_key, origin, content_type from case_documents where case_id = $1 order by created_at',
      [caseId],
    ),
  );

const downloadsOf = (documentId: string) =>
  h.database.withOwner((o) =>
    o.query<{ user_id: string }>(
      `select user_id from audit_events where action = 'case.document_downloaded' and entity_id = $1`,
      [documentId],
    ),
  );

/** Every file kept, wherever it is in the store. */
function storedFiles(): string[] {
  const root = h.services.documents.store.root;
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('uploading documents', () => {
  it('keeps an allowed file under a random key and refuses files by size, content and emptiness', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const browser = await signedIn(team.practitioner);
    const before = storedFiles().length;

    const refusals: [Parameters<typeof upload>[2], string][] = [
      [undefined, 'Select a file'],
      [{ name: 'empty.pdf', content: '' }, 'The selected file is empty'],
      [
        { name: 'big.pdf', content: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]) },
        'The selected file must be smaller than 10MB',
      ],
      [
        { name: 'statement.pdf', content: EXE, type: 'application/pdf' },
        'The contents of the selected file do not match its name',
      ],
      [{ name: 'photo.png', content: 'just some text' }, 'do not match its name'],
      [
        { name: 'setup.exe', content: EXE },
        'must be a PDF, Word document, JPG, PNG, GIF or text file',
      ],
      [{ name: 'archive', content: Buffer.from('PK\x03\x04not really a zip') }, 'must be a PDF'],
    ];
    for (const [file, message] of refusals) {
      const refused = await upload(browser, opened.caseId, file);
      expect(refused.statusCode, message).toBe(400);
      expect(refused.body).toContain(message);
      expect(refused.body).toContain('href="#file"');
    }
    expect(await documentsOf(opened.caseId)).toEqual([]);
    expect(storedFiles().length).toBe(before);

    const noToken = await upload(
      browser,
      opened.caseId,
      { name: 'a.pdf', content: PDF },
      { csrf: false },
    );
    expect(noToken.statusCode).toBe(403);

    const saved = await upload(browser, opened.caseId, {
      name: 'Victim statement.pdf',
      content: PDF,
      type: 'text/html',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/cases/${opened.caseId}/documents?done=uploaded`);
    const [document] = await documentsOf(opened.caseId);
    expect(document).toMatchObject({
      file_name: 'Victim statement.pdf',
      content_type: 'application/pdf',
      origin: 'upload',
    });
    expect(document!.storage_key).toMatch(/^[0-9a-f]{32}$/);
    const kept = storedFiles().find((file) => path.basename(file) === document!.storage_key)!;
    expect(readFileSync(kept)).toEqual(PDF);
    expect(storedFiles().some((file) => file.includes('Victim statement'))).toBe(false);
    const tab = await browser.get(`/cases/${opened.caseId}/documents`);
    expect(tab.body).toContain('Victim statement.pdf');
    const timeline = await browser.get(`/cases/${opened.caseId}/timeline`);
    expect(timeline.body).toContain('Document added: Victim statement.pdf');
  });

  it('keeps only a safe, readable name', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const browser = await signedIn(team.practitioner);
    const names: [string, Buffer | string, string][] = [
      ['../../etc/passwd', 'root:x:0:0:root:/root:/bin/bash\n', 'passwd.txt'],
      ['C:\\Users\\pat\\Desktop\\letter.PNG', PNG, 'letter.png'],
      ['bad\u0007 na\u202Eme\u0000.pdf', PDF, 'bad name.pdf'],
      ['...hidden.pdf', PDF, 'hidden.pdf'],
      ['Zoë’s notes: draft?.txt', 'Plain words\n', 'Zoë’s notes_ draft_.txt'],
    ];
    for (const [name, content] of names) {
      const saved = await upload(browser, opened.caseId, { name, content });
      expect(saved.statusCode, name).toBe(303);
    }
    expect((await documentsOf(opened.caseId)).map((d) => d.file_name)).toEqual(
      names.map(([, , expected]) => expected),
    );
    expect(existsSync('/etc/passwd.txt')).toBe(false);
  });
});

describe('downloading documents', () => {
  it('serves a document as an attachment only to staff who may see the case, auditing each download', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const uploader = await signedIn(team.practitioner);
    await upload(uploader, opened.caseId, { name: 'Zoë statement.pdf', content: PDF });
    const [document] = await documentsOf(opened.caseId);
    const url = `/cases/${opened.caseId}/documents/${document!.id}`;

    const download = await uploader.get(url);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload).toEqual(PDF);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Zoe statement.pdf"; filename*=UTF-8''Zo%C3%AB%20statement.pdf`,
    );

    const other = await makeService(h.services);
    const admin = await makeUserWithRole(h.services, 'system_admin');
    const refusedTo: [{ email: string; password: string }, number][] = [
      [other.practitioner, 404],
      [team.volunteer, 404],
      [admin, 403],
      [await administratorOf(h.services, team.org), 403],
    ];
    for (const [user, status] of refusedTo) {
      const browser = await signedIn(user);
      const refused = await browser.get(url);
      expect(refused.statusCode).toBe(status);
      expect(refused.rawPayload.includes(PDF)).toBe(false);
    }
    expect((await downloadsOf(document!.id)).map((a) => a.user_id)).toEqual([
      team.practitioner.userId,
    ]);

    await allocateVolunteer(h.services, team, opened.caseId);
    const volunteer = await signedIn(team.volunteer);
    expect((await volunteer.get(url)).statusCode).toBe(200);
    expect((await downloadsOf(document!.id)).map((a) => a.user_id)).toEqual([
      team.practitioner.userId,
      team.volunteer.userId,
    ]);
  });
});

describe('letters and removal', () => {
  it('makes an invitation as a PDF case document with the reference, and removes documents for good', async () => {
    const opened = await openCase(h.services, team.practitioner);
    await giveAddress(h.services, team.practitioner, {
      caseId: opened.caseId,
      participantId: opened.harmedId,
    });
    const browser = await signedIn(team.practitioner);
    await browser.get(`/cases/${opened.caseId}/documents`);
    const missing = await browser.post(`/cases/${opened.caseId}/documents/letters`, {
      letter: 'invitation',
    });
    expectPage(missing, 400, ['Choose who the letter is for', 'value="invitation" checked']);
    const made = await browser.post(`/cases/${opened.caseId}/documents/letters`, {
      letter: 'invitation',
      participant: opened.harmedId,
    });
    expect(made.statusCode).toBe(303);
    const [letter] = await documentsOf(opened.caseId);
    expect(letter).toMatchObject({
      origin: 'generated',
      content_type: 'application/pdf',
      file_name: `Invitation to take part in restorative justice - Hana Victim - ${opened.caseReference}.pdf`,
    });
    const pdf = await browser.get(`/cases/${opened.caseId}/documents/${letter!.id}`);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    expect(pdf.rawPayload.includes(opened.caseReference)).toBe(true);
    const timeline = await browser.get(`/cases/${opened.caseId}/timeline`);
    expect(timeline.body).toContain('Invitation letter made for Hana Victim');

    // Someone else's document: a volunteer on the case may not remove it; its maker may.
    await allocateVolunteer(h.services, team, opened.caseId);
    const volunteer = await signedIn(team.volunteer);
    const remove = `/cases/${opened.caseId}/documents/${letter!.id}/delete`;
    expect((await volunteer.get(remove)).statusCode).toBe(403);
    const confirm = await browser.get(remove);
    const version = /name="version" value="(\d+)"/.exec(confirm.body)![1]!;
    const removed = await browser.post(remove, { version });
    expect(removed.statusCode).toBe(303);
    expect(await documentsOf(opened.caseId)).toEqual([]);
    expect(storedFiles().some((file) => path.basename(file) === letter!.storage_key)).toBe(false);
    expect((await browser.get(`/cases/${opened.caseId}/documents/${letter!.id}`)).statusCode).toBe(
      404,
    );
    expect((await browser.get(`/cases/${opened.caseId}/timeline`)).body).toContain(
      'Document removed: Invitation to take part',
    );
  });
});
