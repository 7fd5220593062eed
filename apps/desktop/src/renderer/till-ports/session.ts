import type { Listener, Unsubscribe } from './common';
import type { StaffMember } from './domain';

/**
 * Staff with PIN hashes (pulled); PINs are checked offline with `verifyPin` from
 * `@comanda/core/staff`. The features ignore inactive staff and other branches' staff.
 */
export interface StaffPorts {
  list: () => Promise<StaffMember[]>;
  subscribe: (listener: Listener<StaffMember[]>) => Unsubscribe;
}
