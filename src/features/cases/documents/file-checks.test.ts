import { describe, expect, it } from 'vitest';
import { attachmentHeader, safeFileName } from './file-names.js';
import { checkDocument, textChecker } from './file-types.js';

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
const ZIP = Buffer.from('PK\x03\x04\x14\x00\x00\x00', 'latin1');
const WORD = ['[Content_Types].xml', '_rels/.rels', 'word/document.xml'];

describe('checkDocument', () => {
  it('judges by content, and needs the name to agree', () => {
    const pdf = { head: Buffer.from('%PDF-1.7'), isText: false };
    expect(checkDocument('a.pdf', pdf)).toMatchObject({ ok: true, kind: 'pdf' });
    expect(checkDocument('a', pdf)).toMatchObject({ ok: true, extension: 'pdf' });
    expect(checkDocument('a.docx', pdf)).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkDocument('a.html', { head: Buffer.from('<html>'), isText: true })).toEqual({
      ok: false,
      problem: 'type',
    });
  });

  it('takes Word documents without macros, and the old format only by its name', () => {
    expect(checkDocument('a.docx', { head: ZIP, isText: false, zipEntries: WORD })).toMatchObject({
      ok: true,
      kind: 'docx',
    });
    const macros = [...WORD, 'word/vbaProject.bin'];
    expect(checkDocument('a.docx', { head: ZIP, isText: false, zipEntries: macros }).ok).toBe(
      false,
    );
    expect(checkDocument('a.docx', { head: ZIP, isText: false, zipEntries: ['x.xml'] }).ok).toBe(
      false,
    );
    expect(checkDocument('a.doc', { head: OLE, isText: false })).toMatchObject({ kind: 'doc' });
    expect(checkDocument('a.xls', { head: OLE, isText: false }).ok).toBe(false);
    expect(checkDocument('a', { head: OLE, isText: false }).ok).toBe(false);
  });

  it('counts as text only valid UTF-8 without binary control characters', () => {
    const check = (...chunks: Buffer[]) => {
      const text = textChecker();
      chunks.forEach((chunk) => text.push(chunk));
      return text.finish();
    };
    const euro = Buffer.from('€ and tabs\tand lines\r\n');
    expect(check(euro.subarray(0, 1), euro.subarray(1))).toBe(true);
    expect(check(Buffer.from([0xff, 0xfe]))).toBe(false);
    expect(check(Buffer.from('a\u0000b'))).toBe(false);
  });
});

describe('safeFileName', () => {
  it('keeps a readable name without paths or hidden characters', () => {
    expect(safeFileName('../../etc/passwd', 'txt')).toBe('passwd.txt');
    expect(safeFileName('report\u202Efdp.exe.pdf', 'pdf')).toBe('reportfdp.exe.pdf');
    expect(safeFileName('  ..  ', 'pdf')).toBe('document.pdf');
    expect(safeFileName(`${'a'.repeat(300)}.pdf`, 'pdf')).toHaveLength(120);
  });

  it('names a download in ASCII and in full', () => {
    expect(attachmentHeader('Zoë "draft".pdf')).toBe(
      `attachment; filename="Zoe _draft_.pdf"; filename*=UTF-8''Zo%C3%AB%20%22draft%22.pdf`,
    );
  });
});
