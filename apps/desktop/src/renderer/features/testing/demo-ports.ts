/**
 * Memory ports seeded with the bistro demo (Paris branch): real menu docs, staff with real PBKDF2
 * PIN hashes (few iterations so tests stay fast). PINs: manager Hugo 2468, cashier Léa 1357.
 */
import { buildDemoSeed } from '@comanda/core/demo';
import { hashPin } from '@comanda/core/staff';
import type { MenuDoc, StaffMember } from '../../till-ports';
import { pinSubtle } from '../session/pin-crypto';
import { createMemoryPorts, type MemoryPorts, type MemoryPortsOptions } from './memory-ports';

export const DEMO_PINS = { manager: '2468', cashier: '1357' } as const;

export async function createDemoPorts(
  now = Date.UTC(2026, 10, 23, 11, 0, 0),
  {
    editMenu = (docs) => docs,
    pins = {},
    ...options
  }: Pick<MemoryPortsOptions, 'tillLocale'> & {
    editMenu?: (docs: MenuDoc[]) => MenuDoc[];
    /** Other PINs than `DEMO_PINS` by role, stored with their length as the server does. */
    pins?: Partial<Record<StaffMember['role'], string>>;
  } = {},
): Promise<MemoryPorts> {
  const seed = buildDemoSeed(now);
  const branch = seed.branches.find((b) => b.id === 'paris-11');
  if (!branch) throw new Error('demo seed has no paris-11 branch');
  const salt = new Uint8Array(16).fill(7);
  const staff: StaffMember[] = await Promise.all(
    seed.staff.map(async (s) => ({
      id: s.id,
      schemaVersion: 1 as const,
      branchId: null,
      updatedAt: now,
      name: s.name,
      role: s.role,
      branchIds: s.branchIds,
      pinHash: await hashPin(pinSubtle(), pins[s.role] ?? s.pin, salt, 1000),
      ...(pins[s.role] ? { pinLength: pins[s.role]!.length } : {}),
      active: true,
    })),
  );
  return createMemoryPorts({
    menu: { branch, menuDocs: editMenu(seed.menu), overrides: seed.overrides },
    staff,
    now,
    ...options,
  });
}
