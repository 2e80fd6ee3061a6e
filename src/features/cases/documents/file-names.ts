// The name a document is shown and downloaded under: what the person called it, made safe.
// It is only ever a label (files are stored under random keys), but it still travels in
// headers and onto other people's computers, so: no folders, no control or invisible
// direction-changing characters, nothing Windows forbids, a sensible length.

const MAX_LENGTH = 120;

/** The last part of a path, without control or invisible characters or ones Windows forbids. */
export function cleanName(raw: string): string {
  // The last part of any path, whichever separator the sender's system used.
  const base = raw.split(/[/\\]/).pop() ?? '';
  return (
    base
      .normalize('NFC')
      // Control characters, and format characters such as right-to-left override (which can
      // make "report‮fdp.exe" read as "reportexe.pdf").
      .replace(/[\p{Cc}\p{Cf}]/gu, '')
      .replace(/[<>:"|?*]/g, '_')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** A readable, safe name with the given extension (which the content decided). */
export function safeFileName(raw: string, extension: string, fallback = 'document'): string {
  const stem = cleanName(raw)
    .replace(/\.[A-Za-z0-9]{1,8}$/, '')
    // No leading dots (hidden files, "..") and no trailing dots or spaces (Windows drops them).
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const room = MAX_LENGTH - extension.length - 1;
  const shortened = [...stem].slice(0, room).join('').trim();
  return `${shortened || fallback}.${extension}`;
}

/**
 * A Content-Disposition header that makes the browser save the file rather than open it, with
 * the name in plain ASCII for old clients and in full (RFC 5987) for the rest.
 */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\%;]/g, '_')
    .trim();
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii || 'document'}"; filename*=UTF-8''${encoded}`;
}
