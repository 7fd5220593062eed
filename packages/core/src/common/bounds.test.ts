import { describe, expect, it } from 'vitest';
import { auditEventDocSchema } from '../audit/schemas';
import { orderLineSchema } from '../orders/schemas';
import { checkpointSchema } from '../sync/replication';
import { MAX_AMOUNT, MAX_TEXT_LENGTH, boundedJsonObjectSchema, jsonShapeProblem } from './bounds';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

const line = {
  id: 'l1',
  itemId: 'espresso',
  name: 'Espresso',
  unitPrice: 250,
  taxClassId: 'food',
  taxRateBasisPoints: 1000,
  taxInclusive: true,
  stationId: null,
  quantity: 1,
  addedAt: 1,
  addedBy: 's',
};

describe('bounds of the wire schemas', () => {
  it('checks JSON depth without recursion: 100,000 levels are refused, not a stack overflow', () => {
    const limits = { maxDepth: 8, maxNodes: 1000 };
    expect(jsonShapeProblem(nested(100_000), limits)).toMatch(/deeper than 8/);
    expect(jsonShapeProblem({ a: nested(7) }, limits)).toBeNull();
    expect(
      jsonShapeProblem(
        Array.from({ length: 2000 }, () => 1),
        limits,
      ),
    ).toMatch(/values/);
    expect(boundedJsonObjectSchema.safeParse({ deep: nested(5000) }).success).toBe(false);
    expect(boundedJsonObjectSchema.safeParse({ amount: 12, why: 'x' }).success).toBe(true);
  });

  it('audit details are bounded JSON', () => {
    const event = {
      id: 'e',
      schemaVersion: 1,
      branchId: 'b',
      updatedAt: 1,
      type: 'drawer.noSale',
      at: 1,
      tillId: 't',
      staffId: null,
    };
    expect(auditEventDocSchema.safeParse({ ...event, details: { n: 1 } }).success).toBe(true);
    const deep = auditEventDocSchema.safeParse({ ...event, details: { n: nested(5000) } });
    expect(deep.success).toBe(false);
    expect(deep.error?.issues[0]?.path).toEqual(['details']);
  });

  it('nested objects refuse unknown keys; amounts, quantities and texts are bounded', () => {
    expect(orderLineSchema.safeParse(line).success).toBe(true);
    const unknown = orderLineSchema.safeParse({ ...line, extra: nested(5000) });
    expect(unknown.error?.issues[0]?.code).toBe('unrecognized_keys');
    expect(orderLineSchema.safeParse({ ...line, unitPrice: MAX_AMOUNT }).success).toBe(true);
    expect(orderLineSchema.safeParse({ ...line, unitPrice: MAX_AMOUNT + 1 }).success).toBe(false);
    expect(orderLineSchema.safeParse({ ...line, unitPrice: Number.MAX_SAFE_INTEGER }).success).toBe(
      false,
    );
    expect(orderLineSchema.safeParse({ ...line, quantity: 10_001 }).success).toBe(false);
    expect(orderLineSchema.safeParse({ ...line, notes: 'x'.repeat(MAX_TEXT_LENGTH) }).success).toBe(
      true,
    );
    expect(
      orderLineSchema.safeParse({ ...line, notes: 'x'.repeat(MAX_TEXT_LENGTH + 1) }).success,
    ).toBe(false);
  });

  it('checkpoint txids are xid8: at most 2^64 − 1', () => {
    expect(checkpointSchema.safeParse({ txid: '18446744073709551615', id: 'x' }).success).toBe(
      true,
    );
    expect(checkpointSchema.safeParse({ txid: '18446744073709551616', id: 'x' }).success).toBe(
      false,
    );
    expect(checkpointSchema.safeParse({ txid: '9'.repeat(25), id: 'x' }).success).toBe(false);
  });
});
