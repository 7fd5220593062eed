import { checkpointSchema, type Checkpoint } from '@comanda/core/sync';
import {
  createTRPCUntypedClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  splitLink,
} from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';
import { z } from 'zod';

/** `https://sync.example.com` → `https://sync.example.com/trpc` (tolerates a trailing slash or /trpc). */
export function trpcUrl(serverUrl: string): string {
  return `${serverUrl.replace(/\/+$/, '').replace(/\/trpc$/, '')}/trpc`;
}

export type WireDoc = Record<string, unknown> & { id: string; _deleted: boolean };
const wireDoc = z.looseObject({ id: z.string(), _deleted: z.boolean() });
const pullOutput = z.object({ documents: z.array(wireDoc), checkpoint: checkpointSchema });
const pushOutput = z.array(wireDoc);
const streamEvent = z.object({
  id: z.string().optional(),
  data: z.union([pullOutput, z.literal('RESYNC')]),
});
const credentialOutput = z.object({
  deviceId: z.string(),
  deviceSecret: z.string(),
  orgId: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  /** Absent from servers older than till codes: the till then prints plain numbers. */
  tillCode: z.string().regex(/^[A-Z]{1,2}$/).optional(),
});
const tokenOutput = z.object({ accessToken: z.string(), expiresAt: z.number() });

export type PullPage = { documents: WireDoc[]; checkpoint: Checkpoint };
export type StreamItem = PullPage | 'RESYNC';
export interface PushRow {
  assumedMasterState: WireDoc | null;
  newDocumentState: WireDoc;
}

export interface StreamHandlers {
  onStarted(): void;
  onData(item: StreamItem): void;
  onError(error: Error): void;
}

/**
 * The till's view of the sync server: the procedures it calls, with every reply validated by zod
 * (the server is another program; a reply is a boundary like any other). Queries are batched
 * over HTTP, pushes go one per request, the live stream uses SSE. EventSource cannot send headers, so the stream
 * passes the access token as tRPC connectionParams.
 */
export interface SyncClient {
  pull(collection: string, checkpoint: Checkpoint, limit: number): Promise<PullPage>;
  push(collection: string, rows: PushRow[]): Promise<WireDoc[]>;
  stream(collection: string, handlers: StreamHandlers): { unsubscribe(): void };
  pair(code: string, deviceName: string): Promise<z.output<typeof credentialOutput>>;
  deviceToken(deviceId: string, deviceSecret: string): Promise<z.output<typeof tokenOutput>>;
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
  const client = createTRPCUntypedClient<AnyTRPCRouter>({
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
      pullOutput.parse(await client.query('sync.pull', { collection, checkpoint, limit })),
    push: async (collection, rows) =>
      pushOutput.parse(await client.mutation('sync.push', { collection, rows })),
    stream: (collection, handlers) =>
      client.subscription(
        'sync.stream',
        { collection },
        {
          onStarted: () => handlers.onStarted(),
          onData: (event) => {
            const parsed = streamEvent.safeParse(event);
            if (parsed.success) handlers.onData(parsed.data.data);
            else handlers.onError(new Error(`Malformed stream event: ${parsed.error.message}`));
          },
          onError: (error) => handlers.onError(error),
          // Reconnect attempts (server down): report them so the status bar says offline.
          onConnectionStateChange: (state) => {
            if (state.state === 'connecting' && state.error) handlers.onError(state.error);
          },
        },
      ),
    pair: async (code, deviceName) =>
      credentialOutput.parse(await client.mutation('auth.pair', { code, deviceName })),
    deviceToken: async (deviceId, deviceSecret) =>
      tokenOutput.parse(await client.mutation('auth.deviceToken', { deviceId, deviceSecret })),
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
export async function redeemPairingCode(serverUrl: string, code: string, tillName: string) {
  const credential = await createPublicSyncClient(serverUrl).pair(code.trim(), tillName);
  return {
    serverUrl,
    tillName,
    deviceId: credential.deviceId,
    deviceSecret: credential.deviceSecret,
    orgId: credential.orgId,
    branchId: credential.branchId,
    tillCode: credential.tillCode ?? null,
  };
}
