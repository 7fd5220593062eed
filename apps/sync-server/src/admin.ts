import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { addDeviceKey, retireDeviceKey } from './auth/device-keys';
import { createPairingCode } from './auth/devices';
import { createUser } from './auth/users';
import { orgsOfBranch } from './db/branches';
import { ensureOrg } from './db/orgs';
import { seedDemo, type SeedDemoOptions, type SeededOrg } from './seed';
import type { Services } from './services';

export { seedDemo, type SeedDemoOptions, type SeededOrg };
export { redeemPairingCode, type DeviceCredential } from './auth/devices';

/** What the operator commands need: the database, the change hub (seeding announces) and a clock. */
export type AdminServices = Pick<Services, 'db' | 'hub' | 'now'>;

/**
 * A single-use pairing code (10 minutes) for a branch. The org may be left out when the branch id
 * names one branch in the whole database.
 */
export async function createPairing(
  services: Pick<Services, 'db' | 'now'>,
  input: { branchId: string; orgId?: string | undefined; createdBy: string },
): Promise<{ code: string; expiresAt: number; orgId: string; branchId: string }> {
  const orgs = await orgsOfBranch(services.db.pool, input.branchId, input.orgId ?? null);
  const orgId = orgs[0];
  if (orgs.length !== 1 || !orgId)
    throw new TRPCError({
      code: orgs.length ? 'BAD_REQUEST' : 'NOT_FOUND',
      message: orgs.length
        ? `Branch id ${input.branchId} exists in several organizations: pass the org`
        : `No branch ${input.branchId}`,
    });
  const { code, expiresAt } = await createPairingCode(
    services.db.pool,
    { orgId, branchId: input.branchId, createdBy: input.createdBy },
    services.now(),
  );
  return { code, expiresAt, orgId, branchId: input.branchId };
}

/** Creates an owner (and their org if new) or a manager of some branches. */
export async function addUser(
  services: Pick<Services, 'db'>,
  input: z.infer<typeof addUserInput>,
): Promise<{ id: string; orgId: string }> {
  if (input.role === 'owner')
    await ensureOrg(services.db.pool, { id: input.orgId, name: input.orgName ?? input.orgId });
  const id = await createUser(services.db.pool, input);
  return { id, orgId: input.orgId };
}

const text = z.string().trim().min(1).max(200);
const addUserInput = z.strictObject({
  orgId: text,
  orgName: text.optional(),
  email: z.email().max(254),
  name: z.string().trim().min(1).max(100),
  role: z.enum(['owner', 'manager']),
  branchIds: z.array(text).max(100),
  password: z.string().max(200),
});

/**
 * The operator commands, the same whether the CLI runs them on the database itself or sends them
 * to the running server (`POST /admin/<name>`, see `http/admin.ts`).
 */
export const adminCommands = {
  seed: {
    input: z.strictObject({ orgId: text.optional(), ownerEmail: z.email().max(254).optional() }),
    run: (services: AdminServices, input: SeedDemoOptions) => seedDemo(services, input),
  },
  pair: {
    input: z.strictObject({ branchId: text, orgId: text.optional() }),
    run: (services: AdminServices, input: { branchId: string; orgId?: string | undefined }) =>
      createPairing(services, { ...input, createdBy: 'cli' }),
  },
  'user.add': {
    input: addUserInput,
    run: (services: AdminServices, input: z.infer<typeof addUserInput>) => addUser(services, input),
  },
  /** A new device-token key; servers sign with it once they reload their keys (≤ 5 minutes). */
  'keys.rotate': {
    input: z.strictObject({}),
    run: async (services: AdminServices) => ({
      kid: await addDeviceKey(services.db.pool, services.now()),
    }),
  },
  /** Retires a device-token key: tokens it signed stop verifying (wait 12 hours after a rotation). */
  'keys.retire': {
    input: z.strictObject({ kid: text }),
    run: async (services: AdminServices, input: { kid: string }) => {
      if (!(await retireDeviceKey(services.db.pool, input.kid, services.now())))
        throw new TRPCError({ code: 'NOT_FOUND', message: `No live device key ${input.kid}` });
      return { kid: input.kid };
    },
  },
} as const;

export type AdminCommandName = keyof typeof adminCommands;

export function isAdminCommand(name: string): name is AdminCommandName {
  return Object.hasOwn(adminCommands, name);
}

/** Validates the input and runs the command; bad input throws a ZodError (a 400 over HTTP). */
export async function runAdminCommand(
  services: AdminServices,
  name: AdminCommandName,
  input: unknown,
): Promise<unknown> {
  const command = adminCommands[name];
  const parsed = command.input.parse(input) as never;
  return command.run(services, parsed);
}
