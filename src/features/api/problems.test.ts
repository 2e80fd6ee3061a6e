// How a request's problems are worded: a schema's own message key, the API's plain words for
// Zod's built-in checks, every unknown field named, text with NUL refused, and a body that is
// not an object told so.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hasKey } from '../../platform/i18n/index.js';
import { tidyComponents } from './document.js';
import { describeProblems, nulIssues, validatorFor, type InvalidRequest } from './problems.js';

const schema = z.strictObject({
  name: z.string().min(1).max(5),
  count: z.int().min(1).max(9),
  ratio: z.number().positive().lt(1),
  flag: z.boolean(),
  kind: z.enum(['a', 'b']),
  id: z.uuid(),
  email: z.email(),
  nested: z.strictObject({ code: z.string({ error: 'validation.invalid' }) }),
  list: z.array(z.string()),
  code: z.string().min(3),
});

const problemsWith = (body: unknown) => {
  const result = validatorFor(schema, 'body')(body);
  return 'error' in result ? (result.error as InvalidRequest).problems : undefined;
};

const valid = {
  name: 'Jo',
  count: 2,
  ratio: 0.5,
  flag: true,
  kind: 'a',
  id: '3f2b6c1e-8a4d-4f0e-9b7a-2c5d8e1f4a6b',
  email: 'jo@example.org',
  nested: { code: 'x' },
  list: ['y'],
  code: 'abc',
};

describe('the problems with a request', () => {
  it('passes a valid body, with the parsed value', () => {
    expect(validatorFor(schema, 'body')(valid)).toEqual({ value: valid });
  });

  it('names every field once, in order, with every unknown field', () => {
    const problems = problemsWith({
      name: '',
      count: 1.5,
      ratio: 1,
      flag: 'yes',
      kind: 'c',
      id: 'x',
      email: 'no',
      nested: { code: 3, extra: 1 },
      list: 'y',
      code: 'ab',
      colour: 'blue',
      size: 2,
    });
    expect(problems).toEqual({
      notAnObject: false,
      fieldErrors: [
        { field: 'name', key: 'api.errors.empty' },
        { field: 'count', key: 'api.errors.type.int' },
        { field: 'ratio', key: 'api.errors.below', params: { maximum: 1 } },
        { field: 'flag', key: 'api.errors.type.boolean' },
        { field: 'kind', key: 'api.errors.oneOf', params: { values: 'a, b' } },
        { field: 'id', key: 'api.errors.format.uuid' },
        { field: 'email', key: 'api.errors.format.email' },
        { field: 'nested.code', key: 'validation.invalid' },
        { field: 'nested.extra', key: 'api.errors.unknownField' },
        { field: 'list', key: 'api.errors.type.array' },
        { field: 'code', key: 'api.errors.tooShort', params: { minimum: 3 } },
        { field: 'colour', key: 'api.errors.unknownField' },
        { field: 'size', key: 'api.errors.unknownField' },
      ],
    });
  });

  it('says a field is missing, too long or out of range', () => {
    const { name: _name, ...missing } = valid;
    expect(problemsWith(missing)?.fieldErrors).toEqual([
      { field: 'name', key: 'api.errors.required' },
    ]);
    expect(problemsWith({ ...valid, name: 'toolong', count: 10 })?.fieldErrors).toEqual([
      { field: 'name', key: 'api.errors.tooLong', params: { maximum: 5 } },
      { field: 'count', key: 'api.errors.tooBig', params: { maximum: 9 } },
    ]);
    expect(problemsWith({ ...valid, count: 0, ratio: 0 })?.fieldErrors).toEqual([
      { field: 'count', key: 'api.errors.tooSmall', params: { minimum: 1 } },
      { field: 'ratio', key: 'api.errors.above', params: { minimum: 0 } },
    ]);
  });

  it('refuses text holding NUL anywhere, even where the schema would take it', () => {
    expect(
      problemsWith({ ...valid, name: 'J\u0000', list: ['ok', '\u0000'] })?.fieldErrors,
    ).toEqual([
      { field: 'name', key: 'api.errors.nulCharacter' },
      { field: 'list.1', key: 'api.errors.nulCharacter' },
    ]);
    expect(nulIssues({ ['k\u0000']: 1, fine: 'yes' }).map((i) => i.path)).toEqual([['k\u0000']]);
    // An id in the path that holds NUL is simply not found, so params are not checked for it.
    expect(validatorFor(z.object({ id: z.string() }), 'params')({ id: '\u0000' })).toEqual({
      value: { id: '\u0000' },
    });
  });

  it('says so when the body is not a JSON object', () => {
    for (const body of [null, [1, 2], 'text', 3])
      expect(problemsWith(body)).toEqual({ notAnObject: true, fieldErrors: [] });
  });

  it('uses only keys the catalogue has', () => {
    const problems = problemsWith({
      list: 3,
      nested: [],
      kind: 1,
      count: 'x',
      name: 5,
      ratio: 'y',
    });
    const keys = [
      ...(problems?.fieldErrors ?? []),
      ...describeProblems([{ code: 'custom', path: ['x'], message: 'not a key at all' }], {})
        .fieldErrors,
    ].map((error) => error.key);
    expect(keys.length).toBeGreaterThan(5);
    expect(keys.filter((key) => !hasKey(key))).toEqual([]);
  });
});

describe('the components of the OpenAPI document', () => {
  it('keeps those the paths use, under their own names', () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const tidy = tidyComponents({
      paths: { '/a': { post: { body: ref('ThingInput'), answer: ref('Made') } } },
      components: {
        schemas: {
          ThingInput: { properties: { part: ref('PartInput') } },
          Thing: { unused: true },
          PartInput: { type: 'string' },
          Made: { type: 'object' },
          MadeInput: { unused: true },
          Unused: {},
        },
      },
    });
    expect(tidy).toEqual({
      paths: { '/a': { post: { body: ref('Thing'), answer: ref('Made') } } },
      components: {
        schemas: {
          Made: { type: 'object' },
          Part: { type: 'string' },
          Thing: { properties: { part: ref('Part') } },
        },
      },
    });
  });
});
