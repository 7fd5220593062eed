import type { EpochMs } from './domain';

/** The till this renderer runs on. Fixed for the life of the app. */
export interface DeviceInfo {
  branchId: string;
  tillId: string;
  /**
   * The code the server gave this till at pairing ("A"), '' while it has none (standalone). With
   * `orders.nextTicketNumber` it makes tickets unique in the branch and business day ("A-12").
   */
  tillCode: string;
}

/** Clock and id generator of the till, passed to core's actions. */
export interface DevicePorts {
  device: DeviceInfo;
  clock: { now: () => EpochMs };
  /** UUIDv7 generator (orders, lines, payments, audit events, shifts). */
  ids: { newId: () => string };
}
