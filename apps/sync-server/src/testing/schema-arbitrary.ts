import fc from 'fast-check';
import { z } from 'zod';

/** The part of JSON Schema that `z.toJSONSchema` emits for core's document schemas. */
interface JsonSchema {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

/** Documents stay small: the bounds themselves are probed by the fuzz test's mutations. */
const MAX_GENERATED_ITEMS = 3;
const MAX_GENERATED_STRING = 24;

function arbitraryOfJson(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map(arbitraryOfJson));
  switch (schema.type) {
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -Number.MAX_SAFE_INTEGER;
      const max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
      // Edge values (the bounds themselves) as often as random ones: that is where sums overflow.
      return fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max }));
    }
    case 'string':
      return fc.string({
        minLength: schema.minLength ?? 0,
        maxLength: Math.max(
          schema.minLength ?? 0,
          Math.min(schema.maxLength ?? 99, MAX_GENERATED_STRING),
        ),
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(arbitraryOfJson(schema.items ?? {}), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(
          schema.minItems ?? 0,
          Math.min(schema.maxItems ?? 9, MAX_GENERATED_ITEMS),
        ),
      });
    case 'object': {
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(schema.properties ?? {});
      return fc.record(
        Object.fromEntries(entries.map(([key, value]) => [key, arbitraryOfJson(value)])),
        { requiredKeys: entries.map(([key]) => key).filter((key) => required.has(key)) },
      );
    }
    default:
      // Unrepresentable in JSON Schema (e.g. core's bounded JSON): any small JSON.
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/**
 * Values shaped by a zod schema (through its JSON Schema): right keys and types, numbers and
 * lengths within the declared bounds, so generated documents get past the shape checks and reach
 * the business rules. Patterns are not followed (those strings are mostly refused, which is fine
 * for fuzzing).
 */
export function arbitraryOf(schema: z.ZodType): fc.Arbitrary<unknown> {
  return arbitraryOfJson(
    z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchema,
  );
}
