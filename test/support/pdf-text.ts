// The text of a PDF that Waymark made (pdfkit, embedded Type 0 fonts with ToUnicode maps), one
// string per line drawn, so a test can read what a letter says. Just enough of PDF for that:
// objects, Flate streams, the fonts' ToUnicode ranges, and the Tf / TJ / Tj operators.
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function objectsOf(pdf: Buffer): Map<string, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<string, PdfObject>();
  const pattern = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const body = match[2]!;
    const at = body.indexOf('stream');
    if (at < 0) {
      objects.set(match[1]!, { dict: body });
      continue;
    }
    const dict = body.slice(0, at);
    const start = match.index + match[0].indexOf(body) + at + 'stream'.length;
    const begin = text[start] === '\r' ? start + 2 : start + 1;
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
    const raw = pdf.subarray(begin, begin + length);
    objects.set(match[1]!, {
      dict,
      stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw,
    });
  }
  return objects;
}

/** Glyph id → text, from a ToUnicode map's bfrange and bfchar sections. */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (h: string) => parseInt(h, 16);
  // A ligature's text is several code units, which pdfkit writes with spaces between them.
  const chars = (h: string) =>
    String.fromCodePoint(...(h.replace(/\s/g, '').match(/.{4}/g) ?? []).map((unit) => hex(unit)));
  for (const [, from, , list] of cmap.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\[([^\]]*)\]/gi))
    [...list!.matchAll(/<([0-9a-f\s]+)>/gi)].forEach((m, i) =>
      map.set(hex(from!) + i, chars(m[1]!)),
    );
  for (const section of cmap.match(/beginbfchar([\s\S]*?)endbfchar/g) ?? [])
    for (const [, glyph, unicode] of section.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi))
      map.set(hex(glyph!), chars(unicode!));
  return map;
}

export function pdfText(pdf: Buffer): string[] {
  const objects = objectsOf(pdf);
  const fonts = new Map<string, Map<number, string>>();
  for (const object of objects.values()) {
    const names = /\/Font\s*<<([^>]*)>>/.exec(object.dict)?.[1] ?? '';
    for (const [, name, ref] of names.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const cmapRef = /\/ToUnicode (\d+) 0 R/.exec(objects.get(ref!)?.dict ?? '')?.[1];
      const cmap = cmapRef ? objects.get(cmapRef)?.stream?.toString('latin1') : undefined;
      if (cmap) fonts.set(name!, toUnicode(cmap));
    }
  }
  const lines: string[] = [];
  for (const object of objects.values()) {
    if (!object.stream || !/\bTJ|\bTj/.test(object.stream.toString('latin1'))) continue;
    let font = new Map<number, string>();
    for (const [, name, shown] of object.stream
      .toString('latin1')
      .matchAll(/\/(\w+) [\d.]+ Tf|(\[[^\]]*\]\s*TJ|<[0-9a-f]*>\s*Tj)/gi)) {
      if (name) font = fonts.get(name) ?? new Map();
      if (!shown) continue;
      const glyphs = [...shown.matchAll(/<([0-9a-f]*)>/gi)].flatMap(
        (m) => m[1]!.match(/.{4}/g) ?? [],
      );
      lines.push(glyphs.map((g) => font.get(parseInt(g, 16)) ?? '\uFFFD').join(''));
    }
  }
  return lines;
}
