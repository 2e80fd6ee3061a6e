// Checks real API answers against the OpenAPI document the app serves: which operations it
// documents, whether an answer's status is documented, and whether its body matches the
// documented schema exactly (JSON Schema 2020-12, the dialect of OpenAPI 3.1).
import type { FastifyInstance } from 'fastify';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export interface OpenApiDocument {
  servers: { url: string }[];
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, object> }>>;
  components: { schemas: Record<string, unknown> };
}

export interface DocumentedOperation {
  operationId: string;
  method: string;
  /** As documented: relative to the server, parameters in braces. */
  path: string;
  statuses: string[];
}

export function operationsOf(document: OpenApiDocument): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      operationId: operation.operationId,
      method: method.toUpperCase(),
      path,
      statuses: Object.keys(operation.responses),
    })),
  );
}

const pointer = (...parts: string[]) =>
  parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/**
 * A checker of answers against the document: the problems with one answer, none if it is
 * exactly what the document says the operation answers with that status.
 */
export function answerChecker(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...document, $id: 'openapi' });
  const byId = new Map(operationsOf(document).map((op) => [op.operationId, op]));
  return (operationId: string, status: number, body: unknown): string[] => {
    const operation = byId.get(operationId);
    if (!operation) return [`${operationId} is not in the document`];
    if (!operation.statuses.includes(String(status)))
      return [`${operationId} answered ${status}, which is not documented`];
    const ref = `openapi#/${pointer('paths', operation.path, operation.method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema')}`;
    const validate = ajv.compile({ $ref: ref });
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) =>
        `${operationId} ${status}: ${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`,
    );
  };
}

/**
 * Every object the document's answers describe either lists its properties and allows no
 * other (additionalProperties: false) or is a map with a schema for its values, so an
 * undeclared field in an answer fails the check.
 */
export function looseObjects(document: OpenApiDocument): string[] {
  const loose: string[] = [];
  const names: string[] = [];
  const named = (value: unknown) =>
    JSON.stringify(value).replace(/"#\/components\/schemas\/([^"]+)"/g, (whole, name: string) => {
      if (!names.includes(name)) names.push(name);
      return whole;
    });
  const visit = (schema: unknown, where: string) => {
    if (!schema || typeof schema !== 'object') return;
    const s = schema as Record<string, unknown>;
    if (s.type === 'object') {
      const closed = s.additionalProperties === false;
      const map = !s.properties && typeof s.additionalProperties === 'object';
      if (!closed && !map) loose.push(where);
    }
    for (const [key, value] of Object.entries(s)) {
      if (key === 'properties' && value && typeof value === 'object')
        for (const [name, property] of Object.entries(value)) visit(property, `${where}.${name}`);
      else if (Array.isArray(value))
        value.forEach((item, i) => visit(item, `${where}.${key}[${i}]`));
      else if (typeof value === 'object') visit(value, `${where}.${key}`);
    }
  };
  for (const methods of Object.values(document.paths))
    for (const operation of Object.values(methods))
      for (const [status, response] of Object.entries(operation.responses)) {
        named(response);
        const content = (response as { content?: Record<string, { schema?: unknown }> }).content;
        for (const media of Object.values(content ?? {}))
          visit(media.schema, `${operation.operationId} ${status}`);
      }
  // Components the answers use, and those they use in turn.
  for (let i = 0; i < names.length; i++) {
    const schema = document.components.schemas[names[i]!];
    named(schema);
    visit(schema, names[i]!);
  }
  return loose;
}

/** Every route the app serves under a prefix, as "METHOD /path" (HEAD left out). */
export function routesUnder(app: FastifyInstance, prefix: string): string[] {
  const lines = app.printRoutes({ commonPrefix: false }).split('\n');
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of lines) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const segment = match[2]!;
    const path =
      depth === 0
        ? segment
        : `${stack[depth - 1]}${segment.startsWith('/') || stack[depth - 1]!.endsWith('/') ? '' : '/'}${segment}`;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (match[3] ?? '').split(', ').filter(Boolean))
      if (method !== 'HEAD' && path.startsWith(prefix)) routes.push(`${method} ${path}`);
  }
  return routes.sort();
}
