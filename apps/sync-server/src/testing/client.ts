import {
  createTRPCClient,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from '@trpc/client';
import { EventSource } from 'eventsource';
import type { AppRouter } from '../router';

/** A typed tRPC client like the till's: plain HTTP for calls, SSE for `sync.changes`. */
export function createClient(trpcUrl: string, token: () => string | null = () => null) {
  const headers = (): Record<string, string> => {
    const value = token();
    return value ? { authorization: `Bearer ${value}` } : {};
  };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        // The till's stream carries its token as connectionParams (a URL parameter, accepted for
        // sync.changes only: the browser's EventSource cannot send headers). The back office's
        // owner.live sends the header: this EventSource takes a fetch.
        true: splitLink({
          condition: (op) => op.path === 'sync.changes',
          true: httpSubscriptionLink({
            url: trpcUrl,
            EventSource,
            connectionParams: () => ({ token: token() ?? '' }),
          }),
          false: httpSubscriptionLink({
            url: trpcUrl,
            EventSource,
            eventSourceOptions: () => ({
              fetch: (input, init) =>
                fetch(input, { ...init, headers: { ...init?.headers, ...headers() } }),
            }),
          }),
        }),
        false: httpLink({ url: trpcUrl, headers }),
      }),
    ],
  });
}

export type Client = ReturnType<typeof createClient>;

/** The HTTP status of a failed call (tRPC puts it in `data.httpStatus`). */
export function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof TRPCClientError) {
    const data = (error as TRPCClientError<AppRouter>).data as { httpStatus?: number } | undefined;
    return data?.httpStatus;
  }
  return undefined;
}

/** Signs in as the owner and returns a client using the access token. */
export async function ownerClient(trpcUrl: string, email: string, password: string) {
  const anon = createClient(trpcUrl);
  const session = await anon.auth.signIn.mutate({ email, password });
  return { client: createClient(trpcUrl, () => session.accessToken), session };
}

/** Exchanges a device credential for a token and returns a till client. */
export async function deviceClient(
  trpcUrl: string,
  credential: { deviceId: string; deviceSecret: string },
) {
  const anon = createClient(trpcUrl);
  const token = await anon.auth.deviceToken.mutate({
    deviceId: credential.deviceId,
    deviceSecret: credential.deviceSecret,
  });
  return { client: createClient(trpcUrl, () => token.accessToken), token };
}

/** What a call that should fail threw (`'succeeded'` if it did not), for status and message checks. */
export function failureOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => 'succeeded',
    (e: unknown) => e,
  );
}
