import { createClient } from './client';
import { orderDoc } from './docs';
import { redeemPairingCode } from '../auth/devices';
import { createPairingCode, pairTill, type TestServer } from './index';

/** Who may call a procedure. */
export type Access = 'public' | 'device' | 'hub' | 'user' | 'owner';

export interface ProcedureCase {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  access: Access;
  /** A well-formed input (for the authorization matrix). */
  input: unknown;
}

/**
 * A bearer token per access level for a test server with the demo org: the owner's (also used
 * for `user` procedures) and a till paired with `branchId`; `public` needs none.
 */
export async function accessTokens(
  server: TestServer,
  branchId: string,
): Promise<Record<Access, string | undefined>> {
  const anon = createClient(server.trpcUrl);
  const owner = (
    await anon.auth.signIn.mutate({
      email: server.demo.owner.email,
      password: server.demo.owner.password,
    })
  ).accessToken;
  const cred = await pairTill(server.server, server.demo.orgId, branchId);
  const device = (
    await anon.auth.deviceToken.mutate({
      deviceId: cred.deviceId,
      deviceSecret: cred.deviceSecret,
    })
  ).accessToken;
  const hubCode = await createPairingCode(server.server, server.demo.orgId, branchId);
  const hubCred = await redeemPairingCode(
    server.server.services.db.pool,
    { code: hubCode.code, deviceName: 'Test hub', kind: 'hub' },
    server.server.services.now(),
  );
  const hub = (
    await anon.auth.deviceToken.mutate({
      deviceId: hubCred.deviceId,
      deviceSecret: hubCred.deviceSecret,
    })
  ).accessToken;
  return { public: undefined, owner, user: owner, device, hub };
}

/** Every procedure of the AppRouter, with a valid input; the tests check this list is complete. */
export function procedureCatalogue(ctx: {
  branchId: string;
  deviceId: string;
  /** A back-office user the owner may update and deactivate. */
  userId: string;
}): ProcedureCase[] {
  const order = orderDoc({
    id: '0195aaaa-0000-7000-8000-000000000000',
    branchId: ctx.branchId,
    lines: 2,
    paid: true,
  });
  return [
    {
      path: 'auth.signIn',
      type: 'mutation',
      access: 'public',
      input: { email: 'x@example.com', password: 'nope' },
    },
    {
      path: 'auth.refresh',
      type: 'mutation',
      access: 'public',
      input: { refreshToken: 'rt_nope' },
    },
    {
      path: 'auth.signOut',
      type: 'mutation',
      access: 'public',
      input: { refreshToken: 'rt_nope' },
    },
    { path: 'auth.signOutEverywhere', type: 'mutation', access: 'user', input: undefined },
    {
      path: 'auth.pair',
      type: 'mutation',
      access: 'public',
      input: { code: 'AAAA-BBBB', deviceName: 'x' },
    },
    {
      path: 'auth.deviceToken',
      type: 'mutation',
      access: 'public',
      input: { deviceId: 'dev_x', deviceSecret: 'nope' },
    },
    {
      path: 'hub.branch',
      type: 'query',
      access: 'hub',
      input: undefined,
    },
    {
      path: 'hub.heartbeats',
      type: 'mutation',
      access: 'hub',
      input: { reports: [] },
    },
    {
      path: 'sync.pull',
      type: 'query',
      access: 'device',
      input: { collection: 'orders', checkpoint: null, limit: 5 },
    },
    {
      path: 'sync.push',
      type: 'mutation',
      access: 'device',
      input: {
        collection: 'orders',
        rows: [{ assumedMasterState: null, newDocumentState: order }],
      },
    },
    {
      path: 'sync.heartbeat',
      type: 'mutation',
      access: 'device',
      input: { unsyncedOrders: 0, printQueue: 0, printers: [], appVersion: '0.1.0' },
    },
    {
      path: 'sync.changes',
      type: 'subscription',
      access: 'device',
      input: {},
    },
    {
      path: 'sync.backlog',
      type: 'query',
      access: 'device',
      input: { collection: 'orders', checkpoint: null },
    },
    {
      path: 'sync.presence',
      type: 'mutation',
      access: 'device',
      input: { orderId: order.id, staffName: 'Marie' },
    },
    {
      path: 'sync.searchOrders',
      type: 'query',
      access: 'device',
      input: { from: '2026-11-01', to: '2026-11-30', ticket: 'A-1', limit: 5 },
    },
    { path: 'owner.me', type: 'query', access: 'user', input: undefined },
    { path: 'owner.live', type: 'subscription', access: 'user', input: undefined },
    { path: 'owner.menu.list', type: 'query', access: 'user', input: {} },
    {
      path: 'owner.menu.upsert',
      type: 'mutation',
      access: 'owner',
      input: {
        docs: [
          {
            id: 'station-x',
            schemaVersion: 1,
            branchId: null,
            updatedAt: 1,
            kind: 'station',
            name: 'X',
          },
        ],
      },
    },
    { path: 'owner.menu.remove', type: 'mutation', access: 'owner', input: { ids: ['station-x'] } },
    {
      path: 'owner.overrides.list',
      type: 'query',
      access: 'user',
      input: { branchId: ctx.branchId },
    },
    {
      path: 'owner.overrides.set',
      type: 'mutation',
      access: 'owner',
      input: { branchId: ctx.branchId, itemId: 'escargots', price: 1300, available: true },
    },
    {
      path: 'owner.overrides.bulkSet',
      type: 'mutation',
      access: 'owner',
      input: { itemIds: ['escargots'], branchIds: [ctx.branchId], available: false },
    },
    { path: 'owner.branches.list', type: 'query', access: 'user', input: undefined },
    {
      path: 'owner.branches.setLogo',
      type: 'mutation',
      access: 'owner',
      input: { branchId: ctx.branchId, image: null },
    },
    {
      path: 'owner.branches.upsert',
      type: 'mutation',
      access: 'owner',
      input: {
        doc: {
          id: ctx.branchId,
          schemaVersion: 1,
          branchId: ctx.branchId,
          updatedAt: 1,
          name: 'Renamed',
          address: { lines: ['1 rue X'], country: 'FR' },
          timeZone: 'Europe/Paris',
          currency: 'EUR',
        },
      },
    },
    { path: 'owner.staff.list', type: 'query', access: 'user', input: undefined },
    { path: 'owner.staff.page', type: 'query', access: 'user', input: { page: {} } },
    {
      path: 'owner.staff.upsert',
      type: 'mutation',
      access: 'owner',
      input: { name: 'New Person', role: 'cashier', branchIds: [ctx.branchId], pin: '4321' },
    },
    { path: 'owner.devices.list', type: 'query', access: 'user', input: {} },
    {
      path: 'owner.devices.createPairingCode',
      type: 'mutation',
      access: 'owner',
      input: { branchId: ctx.branchId },
    },
    {
      path: 'owner.devices.revoke',
      type: 'mutation',
      access: 'owner',
      input: { deviceId: ctx.deviceId },
    },
    { path: 'owner.audit.list', type: 'query', access: 'owner', input: {} },
    { path: 'owner.audit.page', type: 'query', access: 'owner', input: { page: {} } },
    { path: 'owner.users.list', type: 'query', access: 'owner', input: undefined },
    {
      path: 'owner.users.create',
      type: 'mutation',
      access: 'owner',
      // Emails are unique across orgs: a fresh one each time the input is read.
      get input() {
        return {
          email: `manager-${crypto.randomUUID()}@example.com`,
          name: 'New Manager',
          role: 'manager',
          branchIds: [ctx.branchId],
          password: 'a-long-password',
        };
      },
    },
    {
      path: 'owner.users.update',
      type: 'mutation',
      access: 'owner',
      input: { id: ctx.userId, name: 'Renamed Manager' },
    },
    {
      path: 'owner.users.deactivate',
      type: 'mutation',
      access: 'owner',
      input: { id: ctx.userId },
    },
    { path: 'owner.syncHealth', type: 'query', access: 'user', input: {} },
    {
      path: 'reports.sales',
      type: 'query',
      access: 'user',
      input: {
        range: { branchId: ctx.branchId, from: '2026-11-01', to: '2026-11-30' },
        by: 'item',
      },
    },
    {
      path: 'reports.salesCsv',
      type: 'query',
      access: 'user',
      input: {
        range: { branchId: ctx.branchId, from: '2026-11-01', to: '2026-11-30' },
        by: 'hour',
      },
    },
    {
      path: 'reports.zReports',
      type: 'query',
      access: 'user',
      input: { range: { branchId: ctx.branchId, from: '2026-11-01', to: '2026-11-30' } },
    },
    {
      path: 'reports.zArchive',
      type: 'query',
      access: 'user',
      input: { range: { branchId: ctx.branchId, from: '2026-11-01', to: '2026-11-30' }, page: {} },
    },
    { path: 'reports.zReport', type: 'query', access: 'user', input: { shiftId: 'no-such-shift' } },
    {
      path: 'reports.prepTimes',
      type: 'query',
      access: 'user',
      input: {
        range: { branchId: ctx.branchId, from: '2026-11-01', to: '2026-11-30' },
        by: 'item',
      },
    },
  ];
}

/**
 * Calls a procedure over plain HTTP (as any client could) and returns the status and body. An
 * input string starting with `RAW:` is sent as is (broken or hand-built JSON), in the body of a
 * mutation or the `input` parameter of a query or subscription.
 */
export async function rawCall(
  trpcUrl: string,
  c: Pick<ProcedureCase, 'path' | 'type'>,
  input: unknown,
  token?: string,
  signal?: AbortSignal,
): Promise<{
  status: number;
  body: { error?: { message?: string; data?: { httpStatus?: number } } } & Record<string, unknown>;
}> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const text =
    typeof input === 'string' && input.startsWith('RAW:') ? input.slice(4) : JSON.stringify(input);
  let response: Response;
  if (c.type === 'mutation') {
    response = await fetch(`${trpcUrl}/${c.path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: text,
      signal,
    });
  } else {
    const query = input === undefined ? '' : `?input=${encodeURIComponent(text)}`;
    response = await fetch(`${trpcUrl}/${c.path}${query}`, { headers, signal });
  }
  if (
    c.type === 'subscription' &&
    response.headers.get('content-type')?.includes('text/event-stream')
  ) {
    return readFirstSseOutcome(response);
  }
  const reply = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(reply) as Record<string, unknown>;
  } catch (_error) {
    body = { text: reply };
  }
  return { status: response.status, body };
}

/**
 * SSE answers 200 before the procedure runs; a refused subscription then sends a
 * `serialized-error` event carrying the HTTP status. Reads until that, or the first data event.
 */
async function readFirstSseOutcome(
  response: Response,
): Promise<Awaited<ReturnType<typeof rawCall>>> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value as Uint8Array, { stream: true });
      const error = /event: serialized-error\ndata: (.*)\n/.exec(text);
      if (error) {
        const payload = JSON.parse(error[1]!) as {
          message?: string;
          data?: { httpStatus?: number };
        };
        return { status: payload.data?.httpStatus ?? 500, body: { error: payload } };
      }
      if (/\n(id|data): /.test(text.replace(/event: connected\ndata: .*\n/, '')))
        return { status: 200, body: { text } };
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return { status: response.status, body: { text } };
}
