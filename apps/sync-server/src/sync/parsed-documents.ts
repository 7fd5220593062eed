import { orderDocSchema, type OrderDoc } from '@comanda/core';
import type { z } from 'zod';

/**
 * A push's documents are parsed by their collection's schema once, when the request is validated
 * (`validateDocument`); the order rules and the report rollups of the same push read that result
 * instead of parsing the same object again (three zod parses per order were a third of the push's
 * CPU). Keyed by the object itself and by the schema: a different object, even an equal one, is
 * parsed afresh, and nothing outlives the request that holds the object.
 */
const parsedByDocument = new WeakMap<object, { schema: z.ZodType; parsed: unknown }>();

/** Records `parsed` as `schema`'s output for `document` (which must not be mutated afterwards). */
export function rememberParsed(document: object, schema: z.ZodType, parsed: unknown): void {
  parsedByDocument.set(document, { schema, parsed });
}

/**
 * The order schema's output for an order in wire or stored form (`_deleted` and other unknown
 * top-level keys are stripped by the schema): the remembered one, else a parse (throws like
 * `orderDocSchema.parse`).
 */
export function parsedOrder(document: Record<string, unknown>): OrderDoc {
  const known = parsedByDocument.get(document);
  if (known?.schema === orderDocSchema) return known.parsed as OrderDoc;
  const parsed = orderDocSchema.parse(document);
  rememberParsed(document, orderDocSchema, parsed);
  return parsed;
}
