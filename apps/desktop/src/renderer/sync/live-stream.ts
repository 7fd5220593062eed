import { keepOpen, type ChangesEvent } from '@comanda/core/sync';

/** First pause before re-opening a live stream the server ended; doubles up to the maximum. */
export const STREAM_REOPEN_MIN_MS = 1000;
export const STREAM_REOPEN_MAX_MS = 5000;

export interface StreamHandlers {
  onStarted(): void;
  onData(item: ChangesEvent): void;
  /** The stream is down (reconnecting, or ended and about to be re-opened). */
  onError(error: Error): void;
}

/** One subscription of the transport: `onEnded` once it is over for good (an error event, or done). */
export type OpenStream = (handlers: StreamHandlers & { onEnded(error: Error | null): void }) => {
  unsubscribe(): void;
};

/**
 * Keeps the till's live stream open until unsubscribed. tRPC's SSE link reconnects by itself after
 * a network failure, but an error event from the server (a 401: a token refused, a till the branch
 * hub has not heard of yet) ends the subscription for good. The till then heard no notice again
 * and pulled nothing while it looked online (the branch e2e's stall, docs/sync-protocol.md). Here
 * an ended stream is opened again after a pause that doubles from {@link STREAM_REOPEN_MIN_MS} to
 * {@link STREAM_REOPEN_MAX_MS} and starts over once an event arrives; every new connection starts
 * with 'RESYNC', so whatever was missed meanwhile is pulled. A revoked till stops by unsubscribing.
 */
export function keepStreamOpen(
  open: OpenStream,
  handlers: StreamHandlers,
  pauses: { minMs: number; maxMs: number } = { minMs: STREAM_REOPEN_MIN_MS, maxMs: STREAM_REOPEN_MAX_MS },
): { unsubscribe(): void } {
  const kept = keepOpen({
    ...pauses,
    schedule: (run, ms) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
    // `onEnded` reports an Error, or null when the stream simply ended.
    onDown: (error) => handlers.onError((error as Error | null) ?? new Error('The live stream ended')),
    open: (session) =>
      open({
        onStarted: () => handlers.onStarted(),
        onData(item) {
          session.alive();
          handlers.onData(item);
        },
        onError: (error) => handlers.onError(error),
        onEnded: (error) => session.ended(error),
      }),
  });
  return { unsubscribe: () => kept.close() };
}
