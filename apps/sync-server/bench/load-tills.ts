/**
 * The simulated tills of the load bench, run as a child process of `bench/run.ts` so their CPU
 * (HTTP clients, SSE parsing, JSON) is not the server's nor the orchestrator's: reads a plan
 * (JSON file named by argv[2]), opens each till's live stream (`sync.changes`, as a till does),
 * pushes one order per till every 10 s for the run, and prints one JSON line of results.
 */
import { readFile } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { EventSource } from 'eventsource';
import { createClient } from '../src/testing/client';
import { orderDoc } from '../src/testing/docs';

export interface LoadPlan {
  seconds: number;
  /** One entry per till: the server it talks to, its device credential and branch. */
  tills: { trpcUrl: string; deviceId: string; deviceSecret: string; branchId: string }[];
  /** Distinguishes the order ids of successive runs against one database. */
  salt: string;
}

export interface LoadResult {
  /** Push latencies in ms, per server URL. */
  latencies: Record<string, number[]>;
  /** Push latencies in ms by 10 s period of the run (when the push was sent): a backlog shows here. */
  periods: number[][];
  errors: number;
  connected: number;
  changed: number;
  streamErrors: number;
  /** This process's event-loop delay p99 during the run (ms): a lagging generator inflates latencies. */
  loopP99: number;
}

const uuid = (n: number, salt: string) =>
  `01970000-${salt}-7000-8000-${String(n).padStart(12, '0')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(plan: LoadPlan): Promise<LoadResult> {
  const result: LoadResult = {
    latencies: {},
    periods: [],
    errors: 0,
    connected: 0,
    changed: 0,
    streamErrors: 0,
    loopP99: 0,
  };
  const tills = [];
  for (const till of plan.tills) {
    const { accessToken } = await createClient(till.trpcUrl).auth.deviceToken.mutate({
      deviceId: till.deviceId,
      deviceSecret: till.deviceSecret,
    });
    const params = encodeURIComponent(JSON.stringify({ token: accessToken }));
    const input = encodeURIComponent('{}');
    const events = new EventSource(
      `${till.trpcUrl}/sync.changes?input=${input}&connectionParams=${params}`,
    );
    let open = false;
    events.onmessage = (message) => {
      if (typeof message.data !== 'string') return;
      if (message.data.includes('"changed"')) result.changed++;
      // A stream starts with RESYNC, and repeats it every poll period (15 s): count the first.
      else if (message.data.includes('RESYNC') && !open) {
        open = true;
        result.connected++;
      }
    };
    events.addEventListener('serialized-error', () => result.streamErrors++);
    tills.push({ ...till, client: createClient(till.trpcUrl, () => accessToken), events });
    result.latencies[till.trpcUrl] ??= [];
  }
  // Measure the steady state: every stream open (each starts with RESYNC), orders built up front.
  const openBy = Date.now() + 60_000;
  while (result.connected < tills.length && Date.now() < openBy) await sleep(100);
  const perTill = Math.ceil(plan.seconds / 10) + 1;
  const prepared = tills.map((t, i) =>
    Array.from({ length: perTill }, (_, k) =>
      orderDoc({
        id: uuid(i * perTill + k, plan.salt),
        branchId: t.branchId,
        lines: 3,
        paid: true,
      }),
    ),
  );
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = performance.now();
  const end = Date.now() + plan.seconds * 1000;
  await Promise.all(
    tills.map(async (t, i) => {
      // Spread the tills evenly over the 10 s period.
      await sleep((i / tills.length) * 10_000);
      let sent = 0;
      while (Date.now() < end) {
        const doc = prepared[i]![sent++]!;
        const before = performance.now();
        try {
          await t.client.sync.push.mutate({
            collection: 'orders',
            rows: [{ assumedMasterState: null, newDocumentState: doc }],
          });
          const ms = performance.now() - before;
          result.latencies[t.trpcUrl]!.push(ms);
          (result.periods[Math.floor((before - started) / 10_000)] ??= []).push(ms);
        } catch {
          result.errors++;
        }
        await sleep(Math.max(0, 10_000 - (performance.now() - before)));
      }
    }),
  );
  loop.disable();
  result.loopP99 = loop.percentile(99) / 1e6;
  await sleep(1000);
  for (const t of tills) t.events.close();
  return result;
}

const plan = JSON.parse(await readFile(process.argv[2]!, 'utf8')) as LoadPlan;
// Exit once the line is flushed: a pipe takes a large line in several writes.
process.stdout.write(`${JSON.stringify(await run(plan))}\n`, () => process.exit(0));
