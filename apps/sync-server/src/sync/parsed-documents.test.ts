import { orderDocSchema } from '@comanda/core';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { orderDoc } from '../testing/docs';
import { validateDocument } from './rules';
import { parsedOrder, rememberParsed } from './parsed-documents';

const wire = () => orderDoc({ id: 'o-1', branchId: 'b-1', lines: 2, paid: true });

describe('parsed documents', () => {
  it("reuses the push validation's parse of the same object, never of an equal one", () => {
    const validated = validateDocument('orders', wire(), 'rows.0.newDocumentState');
    const first = parsedOrder(validated);
    expect(parsedOrder(validated)).toBe(first);
    const { _deleted: _d, ...fields } = validated;
    expect(first).toEqual(orderDocSchema.parse(fields));
    const equal = { ...validated };
    expect(parsedOrder(equal)).not.toBe(first);
    expect(parsedOrder(equal)).toEqual(first);
  });

  it("parses again what another schema's output was remembered for", () => {
    const doc = wire();
    rememberParsed(doc, z.object({}), { not: 'an order' });
    expect(parsedOrder(doc).id).toBe('o-1');
  });

  it('throws like the schema on an invalid order', () => {
    expect(() => parsedOrder({ ...wire(), currency: 42 })).toThrow();
  });
});
