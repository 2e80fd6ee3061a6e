// Characters no form may carry. PostgreSQL text cannot hold NUL (U+0000): a NUL reaching a
// query fails there as a server error. So every web request is checked once, here, before any
// route reads it: a form field, a search or a path holding NUL (or another C0 control
// character outside tab and line breaks) is refused with a 400 naming the field. The JSON API
// checks its own bodies against its schemas (features/api/problems.ts) and answers in JSON.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

// Tab, line feed and carriage return are text a person can type into a textarea; the rest of
// C0 (and DEL) are not, and NUL cannot be stored at all.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The fields of a parsed form, query or params object whose names or values hold a control. */
export function fieldsWithControlCharacters(input: unknown, prefix = ''): string[] {
  if (typeof input === 'string') return FORBIDDEN.test(input) ? [prefix || 'form'] : [];
  if (Array.isArray(input))
    return input.flatMap((item) => fieldsWithControlCharacters(item, prefix));
  if (!input || typeof input !== 'object') return [];
  return Object.entries(input as Record<string, unknown>).flatMap(([name, value]) => {
    const field = prefix ? `${prefix}.${name}` : name;
    if (FORBIDDEN.test(name)) return [safeName(field)];
    return fieldsWithControlCharacters(value, field);
  });
}

/** A field name fit to echo back: its control characters shown as "?". */
function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f]/g, '?');
}

function problems(request: FastifyRequest): string[] {
  const fields = [
    ...fieldsWithControlCharacters(request.query),
    ...fieldsWithControlCharacters(request.params),
    ...fieldsWithControlCharacters(request.body),
  ];
  const path = decodedPath(request.url);
  if (path === undefined || FORBIDDEN.test(path)) fields.push('url');
  return [...new Set(fields)];
}

function decodedPath(url: string): string | undefined {
  try {
    return decodeURIComponent(url.split('?')[0] ?? '');
  } catch {
    return undefined;
  }
}

export function setUpInputGuard(app: FastifyInstance) {
  app.addHook('preHandler', async (request) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/assets/')) return;
    const found = problems(request);
    if (found.length) {
      throw new AppError('bad_request', 'errors.controlCharacter', {
        params: { fields: found.join(', ') },
      });
    }
  });
}
