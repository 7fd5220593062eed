import { describe, expect, it } from 'vitest';
import { addPayment, refund } from '../orders/index';
import { add, newOrder, testContext } from '../testing/fixtures';
import {
  ShiftError,
  addCashMovement,
  closeShift,
  computeCashSummary,
  openShift,
  recordNoSale,
  shiftDocSchema,
} from './index';

const base = {
  branchId: 'paris-11',
  tillId: 'comptoir',
  businessDay: '2026-01-01',
  currency: 'EUR',
};

describe('shifts', () => {
  it('opens with a float, moves cash, records no-sales and closes with over/short', () => {
    const t = testContext();
    let shift = openShift({ ...base, openingFloat: 15_000 }, t.ctx);
    expect(shiftDocSchema.parse(shift)).toEqual(shift);
    shift = addCashMovement(
      shift,
      { kind: 'payIn', amount: 2000, reason: 'change from bank' },
      t.ctx,
    );
    shift = addCashMovement(
      shift,
      { kind: 'payOut', amount: 1250, reason: 'bread delivery' },
      t.ctx,
    );
    shift = recordNoSale(shift, 'customer needed change', t.ctx);

    let o = add(newOrder(t.ctx, { shiftId: shift.id }), 'entrecote', t.ctx, {
      selection: [
        { groupId: 'doneness', optionId: 'bleu' },
        { groupId: 'side', optionId: 'frites' },
      ],
    });
    o = addPayment(o, { method: 'cash', tendered: 3000, tip: 200 }, t.ctx); // 26.50 + 2.00 tip, change 1.50
    o = refund(o, { amount: 500, method: 'cash', reason: 'late', approvedBy: 'm' }, t.ctx);
    const other = addPayment(
      add(newOrder(t.ctx, { shiftId: 'other' }), 'espresso', t.ctx),
      { method: 'cash', tendered: 250 },
      t.ctx,
    );

    const cash = computeCashSummary(shift, [o, other]);
    expect(cash).toEqual({
      openingFloat: 15_000,
      cashSales: 2650,
      cashTips: 200,
      cashRefunds: 500,
      payIns: 2000,
      payOuts: 1250,
      expected: 18_100,
    });
    const closed = closeShift(
      shift,
      { countedCash: 18_050, note: 'coin missing', varianceLimit: 500 },
      [o, other],
      t.ctx,
    );
    expect(closed.status).toBe('closed');
    expect(closed.close).toMatchObject({
      expectedCash: 18_100,
      countedCash: 18_050,
      overShort: -50,
      note: 'coin missing',
    });
    expect(() => closeShift(closed, { countedCash: 0, varianceLimit: 0 }, [], t.ctx)).toThrow(ShiftError);
    expect(() => recordNoSale(closed, '', t.ctx)).toThrow(/shift is closed/);
  });

  it('rejects bad floats, movements and counts', () => {
    const t = testContext();
    expect(() => openShift({ ...base, openingFloat: -1 }, t.ctx)).toThrow(ShiftError);
    const shift = openShift({ ...base, openingFloat: 0 }, t.ctx);
    expect(() => addCashMovement(shift, { kind: 'payIn', amount: 0, reason: 'x' }, t.ctx)).toThrow(
      /positive/,
    );
    expect(() => addCashMovement(shift, { kind: 'payIn', amount: 10, reason: ' ' }, t.ctx)).toThrow(
      /reason/,
    );
    expect(() =>
      addCashMovement(shift, { kind: 'payIn', amount: 1.5, reason: 'x' }, t.ctx),
    ).toThrow(/integer/);
    expect(() => closeShift(shift, { countedCash: -5, varianceLimit: 500 }, [], t.ctx)).toThrow(/negative/);
  });
});

describe('closing with a count far from expected', () => {
  it('needs a manager beyond the variance limit, either way, and records who approved', () => {
    const t = testContext();
    const shift = openShift({ ...base, openingFloat: 27_880 }, t.ctx);
    const attempt = (countedCash: number, approvedBy?: string) =>
      closeShift(shift, { countedCash, varianceLimit: 500, approvedBy }, [], t.ctx);
    // The observed case: €0.50 counted against €278.80 expected.
    expect(() => attempt(50)).toThrow(expect.objectContaining({ code: 'SHIFT_NEEDS_APPROVAL' }));
    expect(() => attempt(27_880 + 501)).toThrow(/over by more than the limit/);
    expect(attempt(27_880 - 500).close).toMatchObject({ overShort: -500, approvedBy: null });
    expect(attempt(27_880 + 500).close?.overShort).toBe(500);
    expect(attempt(50, 'manager-1').close).toMatchObject({ overShort: -27_830, approvedBy: 'manager-1' });
    expect(() => closeShift(shift, { countedCash: 0, varianceLimit: 1.5 }, [], t.ctx)).toThrow(/integer/);
  });
});
