// Starts `branch-servers.ts` processes for the latency benches and reads their one JSON line.
import type { DeviceCredential } from '@comanda/sync-server/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface BenchServer<T> {
  info: T;
  /** Stops the server (closes its stdin) and waits for its process to exit. */
  stop(): Promise<void>;
}

async function start<T>(args: string[]): Promise<BenchServer<T>> {
  const script = new URL('./branch-servers.ts', import.meta.url).pathname;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const first = await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next();
  if (first.done) throw new Error(`bench server ${args[0]} exited before it was ready`);
  const exited = once(child, 'exit');
  return {
    info: JSON.parse(String(first.value)) as T,
    async stop() {
      child.stdin!.end();
      await exited;
    },
  };
}

export interface CentralInfo {
  centralUrl: string;
  orgId: string;
  branchId: string;
  credentials: DeviceCredential[];
  kitchenCodes: string[];
  hubPairingCode: string;
}

/** The central server (demo org) with `tills` tills paired and `kitchens` pairing codes. */
export const startCentral = (tills: number, kitchens = 0) => start<CentralInfo>(['central', String(tills), String(kitchens)]);

/** A branch hub paired to the central server's first branch. */
export const startHub = (central: CentralInfo) => start<{ hubUrl: string }>(['hub', central.centralUrl, central.hubPairingCode]);
