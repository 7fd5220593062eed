import type { Listener, Unsubscribe } from './common';
import type { Shift } from './domain';

export interface ShiftPorts {
  /** The open shift of this till, if any. */
  current: () => Promise<Shift | null>;
  get: (id: string) => Promise<Shift | null>;
  /** Same durability and conflict rules as `orders.save`. */
  save: (shift: Shift) => Promise<Shift>;
  subscribeCurrent: (listener: Listener<Shift | null>) => Unsubscribe;
}
