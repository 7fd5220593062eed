import { describe, expect, it } from 'vitest';
import { MAX_PIN_LENGTH, pinPadLengths } from './pin-length';

const member = (
  pinLength: number | undefined,
  extra: Partial<{ active: boolean; role: 'cashier' | 'manager'; branchIds: string[] }> = {},
) => ({
  active: true,
  role: 'cashier' as const,
  branchIds: ['b1'],
  ...(pinLength === undefined ? {} : { pinLength }),
  ...extra,
});

describe('pinPadLengths', () => {
  it('auto-submits at four digits when every PIN has four (or no recorded length)', () => {
    expect(pinPadLengths([member(4), member(undefined)], 'b1')).toEqual({
      autoSubmit: 4,
      max: MAX_PIN_LENGTH,
    });
    expect(pinPadLengths([], 'b1').autoSubmit).toBe(4);
  });

  it('waits for the longest PIN in use, so a six-digit PIN is never cut at four', () => {
    expect(pinPadLengths([member(4), member(6)], 'b1').autoSubmit).toBe(6);
    expect(pinPadLengths([member(8)], 'b1').autoSubmit).toBe(8);
  });

  it('counts only the active staff of the branch (and the role asked for)', () => {
    const staff = [
      member(4),
      member(7, { active: false }),
      member(6, { branchIds: ['b2'] }),
      member(5, { role: 'manager' }),
    ];
    expect(pinPadLengths(staff, 'b1').autoSubmit).toBe(5);
    expect(pinPadLengths(staff, 'b1', 'cashier').autoSubmit).toBe(4);
    expect(pinPadLengths(staff, 'b2').autoSubmit).toBe(6);
  });
});
