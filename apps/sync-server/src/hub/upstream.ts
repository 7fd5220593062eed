import {
  createTRPCClient,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from '@trpc/client';
import { EventSource } from 'eventsource';
import { jwksSchema, type Jwks } from '../auth/device-keys';
import type { AppRouter } from '../router';
import { JWKS_PATH } from '../server-paths';
import type { SubscribeChanges } from './upstream-changes';

/** A call to the central server that takes longer than this counts as the internet being down. */
const UPSTREAM_TIMEOUT_MS = 10_000;
/** A token is renewed this long before it expires. */
const RENEW_MARGIN_MS = 5 * 60_000;

/** The central server as a hub sees it: a typed client authenticated as the hub's device. */
export class Upstream {
  private token: { value: string; expiresAt: number } | null = null;
  readonly anonymous;
  readonly client;

  constructor(
    readonly url: string,
    private readonly credential: () => { deviceId: string; deviceSecret: string } | null,
    private readonly now: () => number,
  ) {
    const trpcUrl = `${url.replace(/\/+$/, '')}/trpc`;
    const fetchWithTimeout: typeof fetch = (input, init) =>
      fetch(input, { ...init, signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS) });
    this.anonymous = createTRPCClient<AppRouter>({
      links: [httpLink({ url: trpcUrl, fetch: fetchWithTimeout })],
    });
    const authorization = (): Record<string, string> =>
      this.token ? { authorization: `Bearer ${this.token.value}` } : {};
    this.client = createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === 'subscription',
          // The live stream: no timeout, and the token in a header (Node's EventSource takes a
          // fetch), renewed on every (re)connection.
          true: httpSubscriptionLink({
            url: trpcUrl,
            EventSource,
            eventSourceOptions: () => ({
              fetch: async (input, init) => {
                await this.authenticate();
                const response = await fetch(input, {
                  ...init,
                  headers: { ...init?.headers, ...authorization() },
                });
                if (response.status === 401) this.token = null;
                return response;
              },
            }),
          }),
          false: httpLink({ url: trpcUrl, fetch: fetchWithTimeout, headers: authorization }),
        }),
      ],
    });
  }

  /** The central server's live stream for the hub's branch (followed by `followUpstreamChanges`). */
  readonly subscribeChanges: SubscribeChanges = (handlers) =>
    this.client.sync.changes.subscribe(
      {},
      {
        onData: (event) => handlers.onData(event),
        onError: (error) => handlers.onError(error),
        // The link would retry on its own at a fixed pace; the hub reconnects with its backoff.
        onConnectionStateChange: (state) => {
          if (state.state === 'connecting' && state.error) handlers.onError(state.error);
        },
      },
    );

  /** Makes sure the hub holds a valid token (asks the central server for one when needed). */
  async authenticate(): Promise<void> {
    if (this.token && this.token.expiresAt - RENEW_MARGIN_MS > this.now()) return;
    const credential = this.credential();
    if (!credential) throw new Error('the hub is not paired');
    const { deviceId, deviceSecret } = credential;
    const issued = await this.anonymous.auth.deviceToken.mutate({ deviceId, deviceSecret });
    this.token = { value: issued.accessToken, expiresAt: issued.expiresAt };
  }

  /** Forgets the token after a 401 (a rotated key, a clock jump): the next call asks again. */
  dropTokenOn(error: unknown): void {
    if (
      error instanceof TRPCClientError &&
      (error.data as { httpStatus?: number })?.httpStatus === 401
    )
      this.token = null;
  }

  async fetchJwks(): Promise<Jwks> {
    const response = await fetch(`${this.url.replace(/\/+$/, '')}${JWKS_PATH}`, {
      signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
    });
    if (!response.ok)
      throw new Error(`the central server answered ${response.status} for its keys`);
    return jwksSchema.parse(await response.json());
  }
}

/** The HTTP status the central server answered a failed call with; undefined when it did not answer. */
export function upstreamStatus(error: unknown): number | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const status = (error.data as { httpStatus?: unknown } | undefined)?.httpStatus;
  return typeof status === 'number' ? status : undefined;
}
