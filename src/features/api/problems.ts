// What is wrong with a request, field by field. The issues an operation's Zod schema finds, and
// any text holding a NUL character (which PostgreSQL cannot store), become FieldErrors whose keys
// are translation keys: a schema's own message key is kept, and Zod's built-in English is
// replaced by the API's, so a partner reads one voice and never a parser's wording.
import type { z } from 'zod';
import type { FieldError } from '../../platform/errors.js';
import { hasKey } from '../../platform/i18n/index.js';

export type Issue = z.core.$ZodIssue;

export interface RequestProblems {
  /** The body as a whole is not a JSON object, so no field can be named. */
  notAnObject: boolean;
  /** The first problem with each field, in the order found; every unknown field is one. */
  fieldErrors: FieldError[];
}

const NUL = '\u0000';

/** An issue for every string, and every object key, that holds a NUL character. */
export function nulIssues(value: unknown, path: PropertyKey[] = []): Issue[] {
  const at = (where: PropertyKey[]): Issue => ({
    code: 'custom',
    path: where,
    message: 'api.errors.nulCharacter',
  });
  if (typeof value === 'string') return value.includes(NUL) ? [at(path)] : [];
  if (Array.isArray(value))
    return value.flatMap((item, index) => nulIssues(item, [...path, index]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key.includes(NUL) ? [at([...path, key])] : nulIssues(item, [...path, key]),
  );
}

const fieldName = (path: readonly PropertyKey[]) => path.map(String).join('.') || 'body';

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

const TYPES = new Set(['string', 'number', 'int', 'boolean', 'object', 'array']);
const FORMATS = new Set(['uuid', 'email', 'date', 'datetime']);

/** The API's own message for an issue whose schema gave no message key. */
function builtIn(issue: Issue, data: unknown): Omit<FieldError, 'field'> {
  switch (issue.code) {
    case 'invalid_type': {
      if (valueAt(data, issue.path) === undefined) return { key: 'api.errors.required' };
      const expected = issue.expected === 'record' ? 'object' : issue.expected;
      return TYPES.has(expected)
        ? { key: `api.errors.type.${expected}` }
        : { key: 'api.errors.invalid' };
    }
    case 'too_big': {
      const params = { maximum: Number(issue.maximum) };
      if (issue.origin === 'string') return { key: 'api.errors.tooLong', params };
      return { key: issue.inclusive === false ? 'api.errors.below' : 'api.errors.tooBig', params };
    }
    case 'too_small': {
      const params = { minimum: Number(issue.minimum) };
      if (issue.origin === 'string')
        return params.minimum <= 1
          ? { key: 'api.errors.empty' }
          : { key: 'api.errors.tooShort', params };
      return {
        key: issue.inclusive === false ? 'api.errors.above' : 'api.errors.tooSmall',
        params,
      };
    }
    case 'invalid_format':
      return FORMATS.has(issue.format)
        ? { key: `api.errors.format.${issue.format}` }
        : { key: 'api.errors.invalid' };
    case 'invalid_value':
      return { key: 'api.errors.oneOf', params: { values: issue.values.map(String).join(', ') } };
    default:
      return { key: 'api.errors.invalid' };
  }
}

/** The request's problems, as the API answers them. */
export function describeProblems(issues: readonly Issue[], data: unknown): RequestProblems {
  if (issues.some((issue) => issue.path.length === 0 && issue.code === 'invalid_type'))
    return { notAnObject: true, fieldErrors: [] };
  const fieldErrors: FieldError[] = [];
  const seen = new Set<string>();
  const add = (error: FieldError) => {
    if (seen.has(error.field)) return;
    seen.add(error.field);
    fieldErrors.push(error);
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        add({ field: fieldName([...issue.path, key]), key: 'api.errors.unknownField' });
    } else if (hasKey(issue.message)) {
      add({ field: fieldName(issue.path), key: issue.message });
    } else {
      add({ field: fieldName(issue.path), ...builtIn(issue, data) });
    }
  }
  return { notAnObject: false, fieldErrors };
}

/** A request that does not match its operation's schema, answered 400 by the API. */
export class InvalidRequest extends Error {
  readonly problems: RequestProblems;

  constructor(problems: RequestProblems) {
    super('The request does not match its schema');
    this.name = 'InvalidRequest';
    this.problems = problems;
  }
}

/**
 * Fastify's validator for every API operation: the part's Zod schema, and no NUL in the body or
 * query. The parsed value (trimmed, defaults filled in) is what the handler receives.
 */
export function validatorFor(schema: z.ZodType, httpPart: string | undefined) {
  return (data: unknown) => {
    const result = schema.safeParse(data);
    const issues = [
      ...(httpPart === 'params' ? [] : nulIssues(data)),
      ...(result.success ? [] : result.error.issues),
    ];
    if (issues.length === 0) return { value: result.data };
    return { error: new InvalidRequest(describeProblems(issues, data)) };
  };
}
