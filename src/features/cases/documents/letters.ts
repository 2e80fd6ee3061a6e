// Letters a service sends from templates, as PDF: an invitation to take part in restorative
// justice and a consent form. The wording lives in en.json (cases.letters.*), so Welsh letters
// need a catalogue, not code. PDFs are tagged (headings and paragraphs) for screen readers.
// The font is Noto Sans (embedded, subset): PDF's built-in fonts cannot write names such as
// Łukasz, Dvořák or Şahin, and people's names must be right on a letter to them.
import path from 'node:path';
import { hasKey, type Translate } from '../../../platform/i18n/index.js';
import { packageDir } from '../../../platform/paths.js';

const fonts = packageDir('@expo-google-fonts/noto-sans');
const REGULAR = path.join(fonts, '400Regular', 'NotoSans_400Regular.ttf');
const BOLD = path.join(fonts, '700Bold', 'NotoSans_700Bold.ttf');

export const LETTER_KINDS = ['invitation', 'consent'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export interface LetterData {
  kind: LetterKind;
  caseReference: string;
  participantName: string;
  /** The address block: the name, then the address (src/domain/postal-address.ts). */
  recipient: string[];
  serviceName: string;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  /** The date to print, already in words ("22 November 2026"). */
  date: string;
}

/** Numbered keys under a prefix (p1, p2...), in order, for as many as the catalogue has. */
function numbered(prefix: string): string[] {
  const keys: string[] = [];
  for (let n = 1; hasKey(`${prefix}${n}`); n++) keys.push(`${prefix}${n}`);
  return keys;
}

export function letterTitle(kind: LetterKind, t: Translate): string {
  return t(`cases.letters.${kind}.title`);
}

/** The letter as PDF bytes. `compress: false` keeps the text readable (for tests). */
export async function renderLetter(
  data: LetterData,
  t: Translate,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  // Loaded when a letter is first made: most processes never make one.
  const { default: PDFDocument } = await import('pdfkit');
  const title = letterTitle(data.kind, t);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: options.compress ?? true,
    font: REGULAR,
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: `${title} – ${data.caseReference}`,
      Subject: data.caseReference,
      Author: data.serviceName,
      Creator: 'Waymark',
    },
  });
  doc.registerFont('body', REGULAR);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const params = {
    name: data.participantName,
    reference: data.caseReference,
    service: data.serviceName,
    contact: contactLine(data, t),
  };
  const block = (tag: string, draw: () => void) => doc.addStructure(doc.struct(tag, {}, draw));
  const paragraph = (text: string, gap = 0.8) =>
    block('P', () => {
      doc.font('body').fontSize(11).text(text, { lineGap: 2 });
      doc.moveDown(gap);
    });
  const heading = (text: string, size: number, tag = 'H1') =>
    block(tag, () => {
      doc.font('bold').fontSize(size).text(text);
      doc.moveDown(0.6);
    });

  // Laid out as a UK letter: the sender's details at the top right, the address block at the
  // left where a window envelope shows it, then the date and the reference.
  senderBlock(doc, data, block);
  recipientBlock(doc, data.recipient, block);
  paragraph(data.date, 0.3);
  paragraph(t('cases.letters.ourReference', { reference: data.caseReference }), 1.2);

  if (data.kind === 'invitation') {
    heading(title, 14, 'H2');
    paragraph(t('cases.letters.invitation.greeting', params));
    for (const key of numbered('cases.letters.invitation.p')) paragraph(t(key, params));
    paragraph(t('cases.letters.invitation.signOff', params), 2);
    paragraph(data.contactName ?? t('cases.letters.team'), 0.2);
    paragraph(data.serviceName);
  } else {
    heading(title, 14, 'H2');
    paragraph(t('cases.letters.consent.name', params), 0.3);
    paragraph(t('cases.letters.consent.reference', params), 1);
    for (const key of numbered('cases.letters.consent.p')) paragraph(t(key, params));
    heading(t('cases.letters.consent.statementsTitle'), 12, 'H3');
    for (const key of numbered('cases.letters.consent.s')) tickBox(doc, t(key, params), block);
    doc.moveDown(0.6);
    heading(t('cases.letters.consent.waysTitle'), 12, 'H3');
    for (const key of numbered('cases.letters.consent.w')) tickBox(doc, t(key, params), block);
    doc.moveDown(1);
    for (const key of ['signature', 'date', 'facilitator']) {
      paragraph(`${t(`cases.letters.consent.${key}`)}  ______________________________`, 0.9);
    }
    paragraph(t('cases.letters.consent.withdraw', params));
  }
  doc.end();
  return done;
}

type Block = (tag: string, draw: () => void) => void;

// A DL window envelope shows the address 45-50 mm from the top of the page, 20 mm from its left.
const ADDRESS_TOP = 142;
const SENDER_WIDTH = 200;

/** The service's name and how to reach it, at the top right. */
function senderBlock(doc: PDFKit.PDFDocument, data: LetterData, block: Block) {
  const x = doc.page.width - doc.page.margins.right - SENDER_WIDTH;
  const lines = [data.contactName, data.contactPhone, data.contactEmail].filter(
    (line): line is string => Boolean(line),
  );
  block('H1', () => {
    doc
      .font('bold')
      .fontSize(13)
      .text(data.serviceName, x, doc.page.margins.top, { width: SENDER_WIDTH, align: 'right' });
  });
  if (lines.length > 0)
    block('P', () => {
      doc
        .font('body')
        .fontSize(10)
        .text(lines.join('\n'), x, doc.y + 2, { width: SENDER_WIDTH, align: 'right' });
    });
}

/** The name and address the letter goes to, each on its own line. */
function recipientBlock(doc: PDFKit.PDFDocument, recipient: string[], block: Block) {
  const x = doc.page.margins.left;
  block('P', () => {
    doc
      .font('body')
      .fontSize(11)
      .text(recipient.join('\n'), x, Math.max(ADDRESS_TOP, doc.y + 12), {
        lineGap: 1,
        width: 240,
      });
  });
  doc.x = x;
  doc.moveDown(2);
}

function contactLine(data: LetterData, t: Translate): string {
  const parts = [data.contactName, data.contactPhone, data.contactEmail].filter(Boolean);
  return parts.length ? t('cases.letters.contact', { details: parts.join(', ') }) : '';
}

/** A statement with an empty box to tick before it. */
function tickBox(
  doc: PDFKit.PDFDocument,
  text: string,
  block: (tag: string, draw: () => void) => void,
) {
  const x = doc.page.margins.left;
  const y = doc.y;
  doc.markContent('Artifact', { type: 'Layout' });
  doc
    .rect(x, y + 1, 10, 10)
    .lineWidth(0.8)
    .stroke();
  doc.endMarkedContent();
  block('P', () => {
    doc
      .font('body')
      .fontSize(11)
      .text(text, x + 18, y, {
        lineGap: 2,
        width: doc.page.width - x - 18 - doc.page.margins.right,
      });
    doc.moveDown(0.5);
  });
  doc.x = x;
}
