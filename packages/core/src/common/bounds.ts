import { z } from 'zod';

/**
 * Upper bounds of everything a replicated document or wire input may contain. Every number,
 * string and array of the document schemas is bounded, so hostile input is refused by the
 * schema (a 4xx naming the field) before any arithmetic or recursive processing can overflow.
 */

/** Largest amount of money in one field: 10^11 minor units (a billion euros). */
export const MAX_AMOUNT = 100_000_000_000;
/**
 * Largest quantity of one line. MAX_AMOUNT × MAX_QUANTITY = 10^15 stays below 2^53, and order
 * totals are checked against MAX_AMOUNT (see `checkOrderInvariants`), so sums never leave safe
 * integers.
 */
export const MAX_QUANTITY = 10_000;
/** Longest identifier (uuid, slug, `branch:item`). */
export const MAX_ID_LENGTH = 200;
/** Longest name or label (items, staff, tables, references). */
export const MAX_NAME_LENGTH = 200;
/** Longest free text (notes, reasons, receipt footers). */
export const MAX_TEXT_LENGTH = 1_000;
/** Most entries of a list inside a document (lines, payments, print requests…). */
export const MAX_LIST_LENGTH = 1_000;
/** Deepest nesting of free-form JSON (`auditEvents.details`). */
export const MAX_JSON_DEPTH = 8;
/** Most values (objects, arrays, scalars) in free-form JSON. */
export const MAX_JSON_NODES = 1_000;
/** Deepest nesting of a whole replicated document (an order is ~6 deep; audit details add 8). */
export const MAX_DOCUMENT_DEPTH = 16;
/** Most values in a whole replicated document. */
export const MAX_DOCUMENT_NODES = 200_000;
/** Largest epoch millisecond: the last instant of year 9999. */
export const MAX_EPOCH_MS = 253_402_300_799_999;

/** A name or label: at most {@link MAX_NAME_LENGTH} characters. */
export const nameSchema = z.string().max(MAX_NAME_LENGTH);
/** Free text (notes, reasons): at most {@link MAX_TEXT_LENGTH} characters. */
export const textSchema = z.string().max(MAX_TEXT_LENGTH);
/** A quantity of units: 1 to {@link MAX_QUANTITY}. */
export const quantitySchema = z.number().int().positive().max(MAX_QUANTITY);
/** A count of units that may be 0: 0 to {@link MAX_QUANTITY}. */
export const unitCountSchema = z.number().int().nonnegative().max(MAX_QUANTITY);

/** A list of at most `max` (default {@link MAX_LIST_LENGTH}) items. */
export function listSchema<T extends z.ZodType>(item: T, max = MAX_LIST_LENGTH) {
  return z.array(item).max(max);
}

/** A JSON value. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Limits of {@link jsonShapeProblem}. */
export interface JsonLimits {
  readonly maxDepth: number;
  readonly maxNodes: number;
  /** Longest string (keys and values). */
  readonly maxString?: number;
}

/**
 * Why `value` is not plain JSON within `limits`, or null when it is. Iterative (an explicit
 * stack), so a 100,000-deep array is refused without exhausting the call stack; it stops at the
 * first problem, so its cost is bounded by `maxNodes`.
 */
export function jsonShapeProblem(value: unknown, limits: JsonLimits): string | null {
  const maxString = limits.maxString ?? Number.POSITIVE_INFINITY;
  const stack: [unknown, number][] = [[value, 1]];
  let nodes = 0;
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (++nodes > limits.maxNodes) return `more than ${limits.maxNodes} values`;
    if (current === null || typeof current === 'boolean') continue;
    if (typeof current === 'number') {
      if (!Number.isFinite(current)) return 'numbers must be finite';
      continue;
    }
    if (typeof current === 'string') {
      if (current.length > maxString) return `a string is longer than ${maxString} characters`;
      continue;
    }
    if (typeof current !== 'object') return `${typeof current} is not JSON`;
    if (depth > limits.maxDepth) return `nested deeper than ${limits.maxDepth} levels`;
    if (Array.isArray(current)) {
      for (const item of current) stack.push([item, depth + 1]);
      continue;
    }
    const proto = Object.getPrototypeOf(current) as unknown;
    if (proto !== Object.prototype && proto !== null) return 'only plain objects are JSON';
    for (const [key, item] of Object.entries(current)) {
      if (key.length > maxString) return `a key is longer than ${maxString} characters`;
      stack.push([item, depth + 1]);
    }
  }
  return null;
}

/**
 * A free-form JSON object (e.g. audit event details) within {@link MAX_JSON_DEPTH} levels and
 * {@link MAX_JSON_NODES} values, checked without recursion before anything else touches it.
 */
export const boundedJsonObjectSchema = z.custom<{ [key: string]: JsonValue }>(
  (value) =>
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    jsonShapeProblem(value, {
      maxDepth: MAX_JSON_DEPTH,
      maxNodes: MAX_JSON_NODES,
      maxString: MAX_TEXT_LENGTH,
    }) === null,
  {
    message: `expected a JSON object at most ${MAX_JSON_DEPTH} levels deep with at most ${MAX_JSON_NODES} values and strings of at most ${MAX_TEXT_LENGTH} characters`,
  },
);
