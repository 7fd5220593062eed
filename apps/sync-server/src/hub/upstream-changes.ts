import { changesEventSchema, type ChangesEvent } from '@comanda/core/sync';

/** First pause before reconnecting to the central server's stream; doubles up to the maximum. */
export const STREAM_RETRY_MIN_MS = 500;
export const STREAM_RETRY_MAX_MS = 10_000;

/** What the follower needs of the upstream client (`Upstream.client.sync.changes.subscribe`). */
export type SubscribeChanges = (handlers: {
  onData(event: unknown): void;
  onError(error: unknown): void;
}) => { unsubscribe(): void };

export interface FollowOptions {
  subscribe: SubscribeChanges;
  /** A valid event of the central server's `sync.changes` for the hub's branch. */
  onEvent(event: ChangesEvent): void;
  /** The stream broke (central server down, token refused, malformed event); it reconnects. */
  onDown(error: unknown): void;
}

/**
 * Keeps the hub subscribed to the central server's live stream, as a till is: the stream only
 * says which collections changed (or 'RESYNC'), the hub then pulls from its own checkpoints, so a
 * lost event costs a pull and never a document. Every connection starts with 'RESYNC' (the hub
 * catches up on what it missed while disconnected). A broken stream is dropped and opened again
 * after a pause that doubles from {@link STREAM_RETRY_MIN_MS} to {@link STREAM_RETRY_MAX_MS},
 * and starts again from the minimum once an event arrives.
 */
export function followUpstreamChanges(options: FollowOptions): { close(): void } {
  let closed = false;
  let delay = STREAM_RETRY_MIN_MS;
  let timer: NodeJS.Timeout | undefined;
  let current: { unsubscribe(): void } | null = null;

  const reconnect = (error: unknown, from: { unsubscribe(): void } | null): void => {
    // Only the live subscription may schedule a reconnection (a late error of an old one is noise).
    if (closed || current !== from) return;
    current?.unsubscribe();
    current = null;
    options.onDown(error);
    timer = setTimeout(connect, delay);
    delay = Math.min(delay * 2, STREAM_RETRY_MAX_MS);
  };

  function connect(): void {
    if (closed) return;
    let self: { unsubscribe(): void } | null = null;
    self = options.subscribe({
      onData(raw) {
        const parsed = changesEventSchema.safeParse(raw);
        if (!parsed.success) {
          reconnect(new Error(`malformed stream event: ${parsed.error.message}`), self);
          return;
        }
        delay = STREAM_RETRY_MIN_MS;
        options.onEvent(parsed.data);
      },
      // Deferred: the subscription is not assigned yet when a refusal is reported synchronously.
      onError: (error) => queueMicrotask(() => reconnect(error, self)),
    });
    current = self;
  }

  connect();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      current?.unsubscribe();
      current = null;
    },
  };
}
