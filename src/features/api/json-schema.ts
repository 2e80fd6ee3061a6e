// Pieces of the OpenAPI document every feature's API uses: a Zod schema as JSON Schema (the
// same schema that validates the request), and the shared error answer.
import { z } from 'zod';

export function jsonSchema(schema: z.ZodType) {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: 'output',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

export const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
