import type { AppRouter } from '@comanda/sync-server/router';
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  splitLink,
} from '@trpc/client';
import { EventSource } from 'eventsource';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { Session, type TokenStorage } from './session';

/** The back office's typed API: the server's router type, the same origin's `/trpc`. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export type ApiClient = ReturnType<typeof createTRPCClient<AppRouter>>;

/**
 * A client whose calls carry `Authorization: Bearer <access token>`; a 401 on any call but the
 * `auth.*` ones refreshes the session once and retries the call with the new token.
 */
export function createApi(
  baseUrl: string,
  storage: TokenStorage | null,
): { client: ApiClient; session: Session } {
  const url = `${baseUrl}/trpc`;
  const anonymous = createTRPCClient<AppRouter>({ links: [httpLink({ url })] });
  const session = new Session(storage, (refreshToken) =>
    anonymous.auth.refresh.mutate({ refreshToken }),
  );
  const withToken = (init: RequestInit | undefined): RequestInit => {
    const headers = new Headers(init?.headers);
    const token = session.accessToken;
    if (token) headers.set('authorization', `Bearer ${token}`);
    return { ...init, headers };
  };
  const authorizedFetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await fetch(input, withToken(init));
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = new URL(href, baseUrl).pathname;
    if (response.status !== 401 || path.startsWith('/trpc/auth.') || !session.refreshToken)
      return response;
    try {
      await session.refresh();
    } catch {
      return response;
    }
    return fetch(input, withToken(init));
  };
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        // Live signals (owner.live) over SSE. The browser's EventSource cannot send headers;
        // this one takes a fetch, so the token goes in the Authorization header, never the URL.
        // Each (re)connection reads the current token; a refused one refreshes the session first.
        true: httpSubscriptionLink({
          url,
          EventSource,
          eventSourceOptions: () => ({
            fetch: async (input, init) => {
              const response = await fetch(input, withToken(init));
              if (response.status !== 401 || !session.refreshToken) return response;
              await session.refresh().catch(() => undefined);
              return fetch(input, withToken(init));
            },
          }),
        }),
        // Queries of one render go in one request (the dashboard's five at first paint);
        // mutations each in their own, so one refused save never fails another.
        false: splitLink({
          condition: (op) => op.type === 'query',
          true: httpBatchLink({ url, maxURLLength: 4000, maxItems: 10, fetch: authorizedFetch }),
          false: httpLink({ url, fetch: authorizedFetch }),
        }),
      }),
    ],
  });
  return { client, session };
}
