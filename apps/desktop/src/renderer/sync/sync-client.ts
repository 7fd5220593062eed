import {
  backlogResponseSchema,
  changesEventSchema,
  orderSearchResponseSchema,
  type OrderSearchRequest,
  presenceEntrySchema,
  pullResponseSchema,
  pushResponseSchema,
  type ChangesEvent,
  type PresenceEntry,
  type PresenceRequest,
  type PullResponse,
  type PushRow,
  type DeviceHeartbeat,
  type WireDocument,
} from '@comanda/core/sync';
// Type only: the till never bundles server code; a renamed procedure or input fails to compile.
import { ticketCodeSchema } from '@comanda/core/orders';
import type { AppRouter } from '@comanda/sync-server/router';
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  splitLink,
} from '@trpc/client';
import { z } from 'zod';
import { keepStreamOpen, type StreamHandlers } from './live-stream.js';

/** `https://sync.example.com` → `https://sync.example.com/trpc` (tolerates a trailing slash or /trpc). */
export function trpcUrl(serverUrl: string): string {
  return `${serverUrl.replace(/\/+$/, '').replace(/\/trpc$/, '')}/trpc`;
}

export type WireDoc = WireDocument;
export type { PushRow };
const credentialOutput = z.object({
  deviceId: z.string(),
  deviceSecret: z.string(),
  orgId: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  /** Absent from servers older than till codes: the till then prints plain numbers. */
  tillCode: ticketCodeSchema.optional(),
});
const tokenOutput = z.object({
  accessToken: z.string(),
  expiresAt: z.number(),
  /** The till's ticket code (absent from servers older than codes). */
  tillCode: ticketCodeSchema.optional(),
});

export type PullPage = PullResponse;
export type StreamItem = ChangesEvent;

export type { StreamHandlers };

/**
 * The till's view of the sync server: the procedures it calls, typed by the server's `AppRouter`
 * and core's replication schemas, with every reply validated by zod (the server is another
 * program; a reply is a boundary like any other). Queries are batched
 * over HTTP, pushes go one per request, the live stream uses SSE. EventSource cannot send headers, so the stream
 * passes the access token as tRPC connectionParams.
 */
export interface SyncClient {
  pull(
    collection: string,
    checkpoint: PullResponse['checkpoint'],
    limit: number,
  ): Promise<PullPage>;
  push(collection: string, rows: PushRow[]): Promise<WireDoc[]>;
  /** How many documents a pull from `checkpoint` has still to return (a first sync's total). */
  backlog(collection: string, checkpoint: PullResponse['checkpoint']): Promise<number>;
  /** The till's one live stream: which collections changed for its branch, and presence. */
  changes(handlers: StreamHandlers): { unsubscribe(): void };
  /** The branch's orders of any age by business days, ticket and total (history on demand). */
  searchOrders(query: OrderSearchRequest): Promise<WireDoc[]>;
  /** Tells the other tills which order this one has on screen (advisory). */
  presence(request: PresenceRequest): Promise<PresenceEntry>;
  /** `kitchen`: pairs a kitchen screen for `kitchen.stations` (none: expo). */
  pair(code: string, deviceName: string, kitchen?: KitchenPairing): Promise<z.output<typeof credentialOutput>>;
  deviceToken(deviceId: string, deviceSecret: string): Promise<z.output<typeof tokenOutput>>;
  /** Reports the till's own health (unsynced orders, print queue, printers, version). */
  heartbeat(report: DeviceHeartbeat): Promise<void>;
}

/** A kitchen screen's stations (none: an expo screen for every station). */
export interface KitchenPairing {
  stations: readonly string[];
}

export function createSyncClient(
  serverUrl: string,
  getToken: () => Promise<string | null>,
): SyncClient {
  const url = trpcUrl(serverUrl);
  const authHeaders = async (): Promise<Record<string, string>> => {
    const token = await getToken();
    return token ? { authorization: `Bearer ${token}` } : {};
  };
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          connectionParams: async () => {
            const token = await getToken();
            return token ? { token } : {};
          },
        }),
        // Mutations (pushes) are never batched together: two 250-order pushes in one request
        // could exceed the server's body limit (413), failing both.
        false: splitLink({
          condition: (op) => op.type === 'mutation',
          true: httpLink({ url, headers: authHeaders }),
          false: httpBatchLink({ url, maxItems: 10, headers: authHeaders }),
        }),
      }),
    ],
  });
  return {
    pull: async (collection, checkpoint, limit) =>
      pullResponseSchema.parse(await client.sync.pull.query({ collection, checkpoint, limit })),
    push: async (collection, rows) =>
      pushResponseSchema.parse(await client.sync.push.mutate({ collection, rows })),
    backlog: async (collection, checkpoint) =>
      backlogResponseSchema.parse(await client.sync.backlog.query({ collection, checkpoint }))
        .count,
    searchOrders: async (query) =>
      orderSearchResponseSchema.parse(await client.sync.searchOrders.query(query)).orders,
    presence: async (request) =>
      presenceEntrySchema.parse(await client.sync.presence.mutate(request)),
    changes: (handlers) =>
      keepStreamOpen(
        (stream) =>
          client.sync.changes.subscribe(
            {},
            {
              onStarted: () => stream.onStarted(),
              onData: (event) => {
                const parsed = changesEventSchema.safeParse(event);
                if (parsed.success) stream.onData(parsed.data);
                else stream.onError(new Error(`Malformed stream event: ${parsed.error.message}`));
              },
              // An error event from the server (e.g. 401) ends tRPC's subscription for good.
              onError: (error) => stream.onEnded(error),
              onComplete: () => stream.onEnded(null),
              // Reconnect attempts (server down): report them so the status bar says offline.
              onConnectionStateChange: (state) => {
                if (state.state === 'connecting' && state.error) stream.onError(state.error);
              },
            },
          ),
        handlers,
      ),
    pair: async (code, deviceName, kitchen) =>
      credentialOutput.parse(await client.auth.pair.mutate({ code, deviceName, ...(kitchen ? { kind: 'kitchen' as const, stations: [...kitchen.stations] } : {}) })),
    deviceToken: async (deviceId, deviceSecret) =>
      tokenOutput.parse(await client.auth.deviceToken.mutate({ deviceId, deviceSecret })),
    heartbeat: async (report) => {
      await client.sync.heartbeat.mutate(report);
    },
  };
}

/** Pairing and token exchange need no token. */
export function createPublicSyncClient(serverUrl: string): SyncClient {
  return createSyncClient(serverUrl, () => Promise.resolve(null));
}

/**
 * Redeems a pairing code and returns the device settings it grants (server, till name and the
 * device credential), ready for the host's `settings.update`. Shared by the launcher and the
 * till's own pairing screen.
 */
export async function redeemPairingCode(serverUrl: string, code: string, tillName: string, kitchen?: KitchenPairing) {
  const credential = await createPublicSyncClient(serverUrl).pair(code.trim(), tillName, kitchen);
  return {
    serverUrl,
    tillName,
    deviceId: credential.deviceId,
    deviceSecret: credential.deviceSecret,
    orgId: credential.orgId,
    branchId: credential.branchId,
    tillCode: credential.tillCode || null,
  };
}
