import type { StreamHandlers, SyncClient } from '../sync-client.js';

/**
 * The network between one till and the server, switched by the chaos test: offline, every request
 * fails at once (like a refused connection) and live streams drop; back online, streams reconnect
 * (and the till pulls on their 'RESYNC'). `loseNextReply` lets the next push reach the server and
 * then fails it, as if the connection broke before the answer arrived: the till must retry and the
 * replay must be a no-op.
 */
export class FlakyLink {
  online = true;
  loseNextReply = false;
  private readonly streams = new Set<{ connect(): void; disconnect(): void }>();

  setOnline(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    for (const stream of this.streams) {
      if (online) stream.connect();
      else stream.disconnect();
    }
  }

  /** Wraps the till's real sync client; everything else about the client is unchanged. */
  wrap(inner: SyncClient): SyncClient {
    const offline = (): Error => new Error('chaos: server unreachable (offline)');
    return {
      pull: async (collection, checkpoint, limit) => {
        if (!this.online) throw offline();
        return inner.pull(collection, checkpoint, limit);
      },
      push: async (collection, rows) => {
        if (!this.online) throw offline();
        const conflicts = await inner.push(collection, rows);
        if (this.loseNextReply) {
          this.loseNextReply = false;
          throw new Error('chaos: connection lost before the reply');
        }
        return conflicts;
      },
      backlog: async (collection, checkpoint) => {
        if (!this.online) throw offline();
        return inner.backlog(collection, checkpoint);
      },
      searchOrders: async (query) => {
        if (!this.online) throw offline();
        return inner.searchOrders(query);
      },
      presence: async (request) => {
        if (!this.online) throw offline();
        return inner.presence(request);
      },
      changes: (handlers: StreamHandlers) => {
        let current: { unsubscribe(): void } | null = null;
        const stream = {
          connect: () => {
            current ??= inner.changes(handlers);
          },
          disconnect: () => {
            current?.unsubscribe();
            current = null;
            handlers.onError(offline());
          },
        };
        this.streams.add(stream);
        if (this.online) stream.connect();
        return {
          unsubscribe: () => {
            this.streams.delete(stream);
            current?.unsubscribe();
            current = null;
          },
        };
      },
      pair: (code, name) => (this.online ? inner.pair(code, name) : Promise.reject(offline())),
      deviceToken: (id, secret) =>
        this.online ? inner.deviceToken(id, secret) : Promise.reject(offline()),
      heartbeat: (report) => (this.online ? inner.heartbeat(report) : Promise.reject(offline())),
    };
  }
}
