import { useEffect, useState } from 'react';
import { MAX_PIN_LENGTH, MIN_PIN_LENGTH, pinPadLengths, type PinPadLengths, type StaffRole } from '@comanda/core/staff';
import { useTill } from '../app/till-context';

/**
 * The PIN pad's lengths for this branch's staff (or only `role`), following the staff as they
 * sync down: a cashier added with a six-digit PIN is typed in full, not cut at four.
 */
export function usePinPadLengths(role?: StaffRole): PinPadLengths {
  const { ports } = useTill();
  const [lengths, setLengths] = useState<PinPadLengths>({ autoSubmit: MIN_PIN_LENGTH, max: MAX_PIN_LENGTH });
  useEffect(
    () =>
      ports.staff.subscribe((staff) => {
        const next = pinPadLengths(staff, ports.device.branchId, role);
        setLengths((current) => (current.autoSubmit === next.autoSubmit && current.max === next.max ? current : next));
      }),
    [ports, role],
  );
  return lengths;
}
