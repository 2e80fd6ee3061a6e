// Which files a case may hold, decided by what their bytes are (their "magic numbers"), not by
// the name or the type the browser claimed. The name's extension must agree with the content.
import { open } from 'node:fs/promises';

/**
 * Each kind of file a case may hold: the content type it is served as, and the extensions its
 * name may have (the first is the one given to a name without one).
 */
export const DOCUMENT_KINDS = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'] },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  doc: { contentType: 'application/msword', extensions: ['doc'] },
  png: { contentType: 'image/png', extensions: ['png'] },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  gif: { contentType: 'image/gif', extensions: ['gif'] },
  text: { contentType: 'text/plain; charset=utf-8', extensions: ['txt'] },
} as const satisfies Record<string, { contentType: string; extensions: readonly string[] }>;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;

const KNOWN_EXTENSIONS = new Set<string>(
  Object.values(DOCUMENT_KINDS).flatMap((kind) => kind.extensions),
);

const startsWith = (head: Buffer, bytes: number[] | string) => {
  const expected = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return head.subarray(0, expected.length).equals(expected);
};

export interface Evidence {
  /** The first bytes of the file (at least 16). */
  head: Buffer;
  /** Whether the whole file is UTF-8 text without NUL or other binary control characters. */
  isText: boolean;
  /** Names of the entries of a ZIP file (for Word's .docx), when it is one. */
  zipEntries?: string[];
}

/** What the content is, if it is something a case may hold. */
export function kindOfContent(evidence: Evidence): DocumentKind | 'zip' | 'ole' | undefined {
  const { head } = evidence;
  if (startsWith(head, '%PDF-')) return 'pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, 'GIF87a') || startsWith(head, 'GIF89a')) return 'gif';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    const entries = evidence.zipEntries ?? [];
    // A Word document, and not one with macros (.docm keeps them in vbaProject.bin).
    const isWord = entries.includes('word/document.xml') && entries.includes('[Content_Types].xml');
    const hasMacros = entries.some((name) => /vbaProject\.bin$/i.test(name));
    return isWord && !hasMacros ? 'docx' : 'zip';
  }
  // The OLE2 compound file of Word 97-2003 (.doc), but also of Excel, PowerPoint and Outlook.
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  return evidence.isText ? 'text' : undefined;
}

export type Verdict =
  | { ok: true; kind: DocumentKind; extension: string; contentType: string }
  | { ok: false; problem: 'type' | 'mismatch' };

/**
 * Whether a file may be kept, from its content and the extension of its name. A known
 * extension must match the content; a name without one takes the content's; any other
 * extension (.exe, .html, .zip...) is refused.
 */
export function checkDocument(fileName: string, evidence: Evidence): Verdict {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(fileName);
  const extension = match ? match[1]!.toLowerCase() : undefined;
  if (extension && !KNOWN_EXTENSIONS.has(extension)) return { ok: false, problem: 'type' };
  const content = kindOfContent(evidence);
  // An OLE2 file is taken as Word only when its name says so.
  const kind: DocumentKind | undefined =
    content === 'ole'
      ? extension === 'doc'
        ? 'doc'
        : undefined
      : content === 'zip'
        ? undefined
        : content;
  if (!kind) return { ok: false, problem: extension ? 'mismatch' : 'type' };
  const { contentType, extensions } = DOCUMENT_KINDS[kind];
  if (extension && !(extensions as readonly string[]).includes(extension))
    return { ok: false, problem: 'mismatch' };
  return { ok: true, kind, extension: extension ?? extensions[0], contentType };
}

/**
 * Checks text as it streams past: valid UTF-8 and none of the control characters that only
 * binary files hold (tab, line feed, form feed and carriage return are text).
 */
export function textChecker() {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let isText = true;
  const check = (chunk: Buffer, final: boolean) => {
    if (!isText) return;
    try {
      const text = decoder.decode(chunk, { stream: !final });
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) isText = false;
    } catch {
      isText = false;
    }
  };
  return {
    push: (chunk: Buffer) => check(chunk, false),
    finish: () => {
      check(Buffer.alloc(0), true);
      return isText;
    },
  };
}

/** The names in a ZIP file's central directory, read from the end of the file. */
export async function zipEntryNames(filePath: string, size: number): Promise<string[]> {
  const handle = await open(filePath, 'r');
  try {
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let end = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        end = i;
        break;
      }
    }
    if (end < 0) return [];
    const count = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (directoryOffset + directorySize > size || directorySize > 4 * 1024 * 1024) return [];
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    const names: string[] = [];
    let at = 0;
    for (let n = 0; n < count && at + 46 <= directory.length; n++) {
      if (directory.readUInt32LE(at) !== 0x02014b50) break;
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      names.push(directory.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
      at += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  } finally {
    await handle.close();
  }
}
