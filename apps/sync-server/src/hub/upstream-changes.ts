import { changesEventSchema, keepOpen, type ChangesEvent } from '@comanda/core/sync';

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
  return keepOpen({
    minMs: STREAM_RETRY_MIN_MS,
    maxMs: STREAM_RETRY_MAX_MS,
    schedule: (run, ms) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
    onDown: (error) => options.onDown(error),
    open: (session) =>
      options.subscribe({
        onData(raw) {
          const parsed = changesEventSchema.safeParse(raw);
          if (!parsed.success) {
            session.ended(new Error(`malformed stream event: ${parsed.error.message}`));
            return;
          }
          session.alive();
          options.onEvent(parsed.data);
        },
        onError: (error) => session.ended(error),
      }),
  });
}
