// Where a live change's time goes, hop by hop, for the latency benches (`branch-latency.ts`,
// `kitchen-fire.ts`). The devices' sync clients are wrapped: every push and pull is timed and the
// documents they carry are keyed (`keyOf`, e.g. order id + line count), every stream event is
// timed. For a sample (a version written on device A, seen on device B) the hops are:
//   write → push sent        A's replication picks the local write up (RxDB's upstream)
//   push sent → notice on B  the server applies the push and its live stream tells B
//   notice → pull sent       B's replication reacts to the notice (RxDB's downstream queue)
//   pull sent → answered     B's pull request
//   answered → in B's store  RxDB writes the pulled page into B's IndexedDB and emits it
// "notice on B" is the last stream event B heard before the pull that brought the version; when
// that pull was already under way (it saw the version by luck), the notice hop is not counted.
// One process, one clock (performance.now): the devices share this process, the servers are
// elsewhere and need no clock of their own.
import type { SyncClient } from '../src/renderer/sync/sync-client.js';

type KeyOf = (doc: Record<string, unknown>) => string | null;

interface Pull {
  started: number;
  answered: number;
}

/** The timestamps of one device's sync traffic. */
class DeviceTrace {
  readonly notices: number[] = [];
  readonly pulls = new Map<string, Pull>();
  pullRequests = 0;
  pushRequests = 0;
}

export class HopTrace {
  private readonly pushStarted = new Map<string, number>();
  private readonly devices = new Map<string, DeviceTrace>();

  constructor(private readonly keyOf: KeyOf) {}

  /** `client`, with every push, pull and stream event of device `name` recorded. */
  wrap(name: string, client: SyncClient): SyncClient {
    const device = new DeviceTrace();
    this.devices.set(name, device);
    const keys = (docs: readonly unknown[]) =>
      docs.map((d) => this.keyOf(d as Record<string, unknown>)).filter((k): k is string => k !== null);
    return {
      ...client,
      push: async (collection, rows) => {
        const now = performance.now();
        device.pushRequests++;
        for (const key of keys(rows.map((r) => r.newDocumentState))) if (!this.pushStarted.has(key)) this.pushStarted.set(key, now);
        return client.push(collection, rows);
      },
      pull: async (collection, checkpoint, limit) => {
        const started = performance.now();
        device.pullRequests++;
        const page = await client.pull(collection, checkpoint, limit);
        const answered = performance.now();
        for (const key of keys(page.documents)) if (!device.pulls.has(key)) device.pulls.set(key, { started, answered });
        return page;
      },
      changes: (handlers) =>
        client.changes({
          ...handlers,
          onData: (item) => {
            if (item === 'RESYNC' || 'changed' in item) device.notices.push(performance.now());
            handlers.onData(item);
          },
        }),
    };
  }

  /** Requests and notices of every device: what each change cost (lower is less load). */
  requests(): { pushes: number; pulls: number; notices: number } {
    let pushes = 0;
    let pulls = 0;
    let notices = 0;
    for (const d of this.devices.values()) {
      pushes += d.pushRequests;
      pulls += d.pullRequests;
      notices += d.notices.length;
    }
    return { pushes, pulls, notices };
  }

  /** The hops of a version `key` written at `writtenAt` and seen on device `on` at `seenAt`. */
  hops(key: string, writtenAt: number, on: string, seenAt: number): Hops | null {
    const pushed = this.pushStarted.get(key);
    const device = this.devices.get(on);
    const pull = device?.pulls.get(key);
    if (pushed === undefined || !device || !pull) return null;
    let notice: number | undefined;
    for (const at of device.notices) if (at >= pushed && at <= pull.started) notice = at;
    return {
      write: pushed - writtenAt,
      notice: notice === undefined ? null : notice - pushed,
      react: notice === undefined ? null : pull.started - notice,
      pull: pull.answered - pull.started,
      store: seenAt - pull.answered,
    };
  }
}

export interface Hops {
  write: number;
  notice: number | null;
  react: number | null;
  pull: number;
  store: number;
}

const HOP_LABELS: Record<keyof Hops, string> = {
  write: 'write → push sent',
  notice: 'push sent → notice on B',
  react: 'notice → pull sent',
  pull: 'pull sent → answered',
  store: "answered → in B's store",
};

export const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;

/** The per-hop table: p50 and p95 of each hop over the samples that have it. */
export function hopLines(samples: readonly Hops[]): string[] {
  return (Object.keys(HOP_LABELS) as (keyof Hops)[]).map((hop) => {
    const values = samples
      .map((s) => s[hop])
      .filter((v): v is number => v !== null)
      .sort((a, b) => a - b);
    const f = (ms: number) => `${ms.toFixed(0).padStart(5)} ms`;
    return `      ${HOP_LABELS[hop].padEnd(26)} p50 ${f(quantile(values, 0.5))}  p95 ${f(quantile(values, 0.95))}  (${values.length})`;
  });
}
