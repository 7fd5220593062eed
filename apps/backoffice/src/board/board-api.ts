import type { AppRouter } from '@comanda/sync-server/router';
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { z } from 'zod';

const STORAGE_KEY = 'comanda.board.device';

/** The board's device credential, kept in localStorage (a TV has no one to pair it again). */
const credentialSchema = z.strictObject({
  deviceId: z.string().min(1).max(100),
  deviceSecret: z.string().min(1).max(200),
  branchId: z.string().min(1).max(100),
});
export type BoardCredential = z.infer<typeof credentialSchema>;

export function loadCredential(): BoardCredential | null {
  try {
    const parsed = credentialSchema.safeParse(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveCredential(credential: BoardCredential | null): void {
  if (credential) localStorage.setItem(STORAGE_KEY, JSON.stringify(credential));
  else localStorage.removeItem(STORAGE_KEY);
}

const url = '/trpc';
const anonymous = createTRPCClient<AppRouter>({ links: [httpLink({ url })] });

/** Pairs this screen as the branch's ready board with a code from the back office. */
export async function pairBoard(code: string, deviceName: string): Promise<BoardCredential> {
  const paired = await anonymous.auth.pair.mutate({ code, deviceName, kind: 'board' });
  const credential = {
    deviceId: paired.deviceId,
    deviceSecret: paired.deviceSecret,
    branchId: paired.branchId,
  };
  saveCredential(credential);
  return credential;
}

/**
 * A client with the board's short-lived device token, refreshed from the device secret (like a
 * till) a minute before it expires or after a 401. The live stream passes it as connectionParams
 * (decision 0008): EventSource cannot send headers.
 */
export function boardClient(credential: BoardCredential) {
  let token: { value: string; expiresAt: number } | null = null;
  const getToken = async (force = false): Promise<string> => {
    if (!force && token && token.expiresAt - Date.now() > 60_000) return token.value;
    const issued = await anonymous.auth.deviceToken.mutate({
      deviceId: credential.deviceId,
      deviceSecret: credential.deviceSecret,
    });
    token = { value: issued.accessToken, expiresAt: issued.expiresAt };
    return token.value;
  };
  const withToken = async (init: RequestInit | undefined, force = false) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${await getToken(force)}`);
    return { ...init, headers };
  };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          connectionParams: async () => ({ token: await getToken() }),
        }),
        false: httpLink({
          url,
          async fetch(input, init) {
            const response = await fetch(input, await withToken(init));
            if (response.status !== 401) return response;
            return fetch(input, await withToken(init, true));
          },
        }),
      }),
    ],
  });
}
export type BoardClient = ReturnType<typeof boardClient>;
