import type { ComponentType } from 'react';
import { chunk, type Chunk } from './chunk';
import type { Route } from './router';

/** Each screen is its own chunk: the sign-in page does not wait for them. */
export const SCREENS: Record<Route, Chunk<ComponentType>> = {
  '/': chunk(() => import('../screens/dashboard').then((m) => m.Dashboard)),
  '/menu': chunk(() => import('../screens/menu').then((m) => m.MenuScreen)),
  '/staff': chunk(() => import('../screens/staff').then((m) => m.StaffScreen)),
  '/devices': chunk(() => import('../screens/devices').then((m) => m.DevicesScreen)),
  '/reports': chunk(() => import('../screens/reports').then((m) => m.ReportsScreen)),
  '/branches': chunk(() => import('../screens/branches').then((m) => m.BranchesScreen)),
  '/audit': chunk(() => import('../screens/audit').then((m) => m.AuditScreen)),
};
