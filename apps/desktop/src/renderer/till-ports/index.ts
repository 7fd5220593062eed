/**
 * `TillPorts`: everything the cashier's workflow needs from the till's data layer and host, one
 * contract per area (like a handler map), composed here.
 *
 * The shell implements it on RxDB + the host contract (`../ports/`) and mounts
 * `CashierApp({ ports })`; tests use `createMemoryPorts()` from `../features/testing/memory-ports`.
 * The features never import RxDB, Dexie, tRPC or the host directly, so they run unchanged in both
 * hosts and in tests. This folder imports nothing from the renderer above it (lint enforces it).
 * Conventions shared by every port: `./common.ts`.
 */
import type { AuditPorts } from './audit';
import type { DevicePorts } from './device';
import type { MenuPorts } from './menu';
import type { OrderPorts } from './orders';
import type { PrintingPorts } from './printing';
import type { StaffPorts } from './session';
import type { SettingsPorts } from './settings';
import type { ShiftPorts } from './shifts';
import type { SyncPorts } from './sync';

export * from './common';
export type * from './domain';
export type * from './audit';
export type * from './device';
export type * from './menu';
export type * from './orders';
export type * from './printing';
export type * from './session';
export type * from './settings';
export type * from './shifts';
export type * from './sync';
export type * from './kitchen';

export interface TillPorts extends DevicePorts {
  menu: MenuPorts;
  staff: StaffPorts;
  orders: OrderPorts;
  shifts: ShiftPorts;
  audit: AuditPorts;
  printing: PrintingPorts;
  sync: SyncPorts;
  settings: SettingsPorts;
}
