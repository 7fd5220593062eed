import type { StaffDoc } from './schemas';

/** Shortest and longest PIN a till accepts (`pinSchema`). */
export const MIN_PIN_LENGTH = 4;
export const MAX_PIN_LENGTH = 8;

/** How a PIN pad takes the PINs of the staff who may use it. */
export interface PinPadLengths {
  /** The pad submits by itself once this many digits are typed: the longest PIN in use. */
  readonly autoSubmit: number;
  /** Digits the pad accepts; a shorter PIN is submitted with OK. */
  readonly max: number;
}

/**
 * The PIN pad's lengths for `staff` (the active ones of `branchId`, optionally only `role`).
 * Auto-submitting at the longest PIN in use keeps the usual four-digit tap-and-go, and never cuts
 * a longer PIN short: a shorter one is confirmed with OK. A PIN whose length was not recorded
 * counts as four digits, the length tills accepted before lengths were recorded.
 */
export function pinPadLengths(
  staff: readonly Pick<StaffDoc, 'active' | 'branchIds' | 'role' | 'pinLength'>[],
  branchId: string,
  role?: StaffDoc['role'],
): PinPadLengths {
  let longest = MIN_PIN_LENGTH;
  for (const member of staff) {
    if (!member.active || !member.branchIds.includes(branchId)) continue;
    if (role !== undefined && member.role !== role) continue;
    longest = Math.max(longest, member.pinLength ?? MIN_PIN_LENGTH);
  }
  return { autoSubmit: longest, max: MAX_PIN_LENGTH };
}
