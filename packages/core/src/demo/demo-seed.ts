import { ComandaError } from '../common/errors';
import { branchDocSchema, type BranchDoc } from '../branch/schemas';
import {
  branchOverrideDocSchema,
  branchOverrideId,
  menuDocSchema,
  type BranchOverrideDoc,
  type MenuDoc,
} from '../menu/schemas';
import { permilleToBasisPoints } from '../tax/tax-class';
import type { StaffRole } from '../staff/schemas';
import { bistroFixtureSchema } from './fixture-schema';
import fixture from './menu-bistro.json';

/** A staff member to create, with the plain PIN: the caller hashes it (`hashPin`) before storing. */
export interface DemoStaffSeed {
  id: string;
  name: string;
  role: StaffRole;
  branchIds: string[];
  pin: string;
}

/** The owner account for the sync server (password login, never replicated to tills). */
export interface DemoOwnerSeed {
  name: string;
  email: string;
  password: string;
}

/** Everything a fresh installation needs to show a realistic restaurant. */
export interface DemoSeed {
  organization: { name: string };
  currency: string;
  branches: BranchDoc[];
  menu: MenuDoc[];
  overrides: BranchOverrideDoc[];
  staff: DemoStaffSeed[];
  owners: DemoOwnerSeed[];
}

/** Details the fixture leaves out (address, tax id, time zone), filled with plausible demo values. */
const BRANCH_DETAILS: Record<
  string,
  { address: BranchDoc['address']; taxId: string; timeZone: string }
> = {
  'paris-11': {
    address: { lines: ['12 rue Oberkampf'], postalCode: '75011', city: 'Paris', country: 'FR' },
    taxId: 'FR40123456789',
    timeZone: 'Europe/Paris',
  },
  'lyon-2': {
    address: { lines: ['8 place Bellecour'], postalCode: '69002', city: 'Lyon', country: 'FR' },
    taxId: 'FR40123456789',
    timeZone: 'Europe/Paris',
  },
};

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Parses the bundled demo fixture (`menu-bistro.json`) into validated documents.
 * @param updatedAt epoch ms stamped on every document (injected; no clock here)
 * @param input the fixture JSON (defaults to the bundled file; tests pass variants)
 * @throws {ComandaError} `DEMO_INVALID` when the fixture is malformed or ids collide
 */
export function buildDemoSeed(updatedAt: number, input: unknown = fixture): DemoSeed {
  const parsed = bistroFixtureSchema.safeParse(input);
  if (!parsed.success)
    throw new ComandaError('DEMO_INVALID', `demo fixture is invalid: ${parsed.error.message}`);
  const f = parsed.data;
  const base = { schemaVersion: 1, branchId: null, updatedAt } as const;
  const rawMenu = [
    ...f.taxClasses.map((t) => ({
      ...base,
      kind: 'taxClass',
      id: t.id,
      name: t.name,
      rateBasisPoints: permilleToBasisPoints(t.ratePermille),
      inclusive: t.inclusive,
    })),
    ...f.stations.map((s) => ({ ...base, kind: 'station', ...s })),
    ...f.categories.map((c) => ({ ...base, kind: 'category', ...c })),
    ...f.modifierGroups.map((g) => ({ ...base, kind: 'modifierGroup', ...g })),
    ...f.items.map((item, index) => ({
      ...base,
      kind: 'item',
      ...item,
      sort: index,
      course:
        item.categoryId === 'starters'
          ? 1
          : item.categoryId === 'desserts'
            ? 3
            : item.categoryId === 'mains'
              ? 2
              : 1,
    })),
  ];
  const menu = rawMenu.map((doc) => menuDocSchema.parse(doc));
  const seen = new Set<string>();
  for (const doc of menu) {
    if (seen.has(doc.id)) throw new ComandaError('DEMO_INVALID', `duplicate menu id "${doc.id}"`);
    seen.add(doc.id);
  }

  const branches = f.branches.map((b) => {
    const details = BRANCH_DETAILS[b.id] ?? BRANCH_DETAILS['paris-11'];
    return branchDocSchema.parse({
      id: b.id,
      schemaVersion: 1,
      branchId: b.id,
      updatedAt,
      name: b.name,
      legalName: f.organization.name,
      ...details,
      locale: 'fr-FR',
      currency: f.currency,
      cashRoundingStep: f.cashRounding,
      receiptFooter: 'Merci de votre visite ! À bientôt.',
      tills: b.tills.map((t) => ({ id: t, name: t })),
      printers: b.printers.map((p) => ({ ...p, name: p.id })),
    });
  });

  const overrides = f.branches.flatMap((b) =>
    b.overrides.map((o) =>
      branchOverrideDocSchema.parse({
        id: branchOverrideId(b.id, o.itemId),
        schemaVersion: 1,
        branchId: b.id,
        updatedAt,
        itemId: o.itemId,
        price: o.price ?? null,
        available: o.available ?? null,
      }),
    ),
  );

  const staff: DemoStaffSeed[] = [];
  const owners: DemoOwnerSeed[] = [];
  for (const s of f.staff) {
    if (s.role === 'owner') owners.push({ name: s.name, email: s.email, password: s.password });
    else
      staff.push({
        id: `staff-${slug(s.name)}`,
        name: s.name,
        role: s.role,
        branchIds: s.branchIds,
        pin: s.pin,
      });
  }
  return {
    organization: f.organization,
    currency: f.currency,
    branches,
    menu,
    overrides,
    staff,
    owners,
  };
}
