import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { openDatabase, type Database } from '../src/db/database';
import { freePort } from '../src/testing/postgres';

/** A sync server in a child process (`src/main.ts`, as deployed), with its metrics listener. */
export interface ServerProcess {
  url: string;
  /** One prom-client metric of the server (event-loop lag, GC…); reading resets the lag histogram. */
  metric(name: string, labels?: string): Promise<number>;
  close(): Promise<void>;
}

/** A server on Postgres, plus a direct pool on the same database for setup and baselines. */
export interface BenchServer extends ServerProcess {
  services: { db: Database };
}

/**
 * Starts `src/main.ts` with `env` added (DATABASE_URL, or COMANDA_DATA_DIR for PGlite) and waits
 * until it is ready. BENCH_SERVER_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles it.
 */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const metricsPort = await freePort();
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      LOG_LEVEL: 'warn',
      DB_POOL_MAX: '20',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    // The metrics listener opens after the API is ready (after the PGlite lock is published).
    const ok = await Promise.all(
      [`${url}/health/ready`, `http://127.0.0.1:${metricsPort}/metrics`].map((u) =>
        fetch(u).then(
          (r) => r.ok,
          () => false,
        ),
      ),
    ).then((answers) => answers.every(Boolean));
    if (ok) break;
    if (i > 600 || child.exitCode !== null) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async metric(name, labels = '') {
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      const escaped = `${name}${labels}`.replace(/[{}"]/g, (c) => `\\${c}`);
      // Absent (e.g. no major GC yet): 0.
      return Number(new RegExp(`^${escaped} ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? 0);
    },
    async close() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

/** A server process on Postgres at `databaseUrl`, with a pool of the bench's own. */
export async function startServerProcess(databaseUrl: string): Promise<BenchServer> {
  const server = await spawnServer({ DATABASE_URL: databaseUrl });
  const db = await openDatabase({
    databaseUrl,
    dataDir: 'unused',
    logger: pino({ level: 'warn' }),
  });
  return {
    ...server,
    services: { db },
    async close() {
      await server.close();
      await db.close();
    },
  };
}
