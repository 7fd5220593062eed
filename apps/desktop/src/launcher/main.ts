// `npm start`: the whole shop on one machine. Starts the sync server on embedded PGlite with the
// demo org (seeded on first run only), pairs this till with it, starts the Node host and opens
// the till in Electron if its binary exists, else in a Chromium app window, else prints the URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoSeed } from '@comanda/core/demo';
import { createPairing, seedDemo } from '@comanda/sync-server/admin';
import { startServer } from '@comanda/sync-server/server';
import { startNodeHost } from '../host/node/node-host.js';
import { createHostService } from '../host/service/host-service.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, findElectron, headlessReason } from './browser.js';
import { userDataDir } from './paths.js';
import { pairTillWithServer } from './pair.js';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = userDataDir();
const port = Number(process.env.COMANDA_SERVER_PORT ?? 4455);
// The till's IndexedDB belongs to its origin (host + port): the port must never change between
// launches, or the till would open with an empty store.
const hostPort = Number(process.env.COMANDA_HOST_PORT ?? 4456);
const log = (message: string) => console.log(`[comanda] ${message}`);

await mkdir(dataDir, { recursive: true });
log(`data directory: ${dataDir}`);
const server = await startServer({
  port,
  host: '127.0.0.1',
  dataDir: join(dataDir, 'server', 'pglite'),
  logLevel: 'warn',
});
log(`sync server on ${server.url} (embedded PGlite)`);

// Seed once: re-seeding would overwrite the owner's menu edits with the demo again.
const markerPath = join(dataDir, 'launcher.json');
let demo: { orgId: string; branchId: string };
if (existsSync(markerPath)) {
  demo = JSON.parse(await readFile(markerPath, 'utf8')) as typeof demo;
} else {
  const seeded = await seedDemo(server.services);
  demo = { orgId: seeded.orgId, branchId: seeded.branchIds[0]! };
  await writeFile(markerPath, JSON.stringify(demo, null, 2));
  log(
    `seeded the demo org ${seeded.orgId} (owner ${seeded.owner.email} / ${seeded.owner.password})`,
  );
}

const tillDataDir = join(dataDir, 'till');
const service = createHostService({ dataDir: tillDataDir, host: 'node', version: '0.1.0' });
if (!(await service['settings.get']({})).deviceId) {
  const { code } = await createPairing(server.services, { ...demo, createdBy: 'launcher' });
  await pairTillWithServer(service, server.url, code, 'Counter till');
  log(`paired this till with branch ${demo.branchId}`);
}
const owner = buildDemoSeed(0).owners[0]!;
log(`back office on ${server.url}/ (owner ${owner.email} / ${owner.password})`);
const { code: spareCode } = await createPairing(server.services, {
  ...demo,
  createdBy: 'launcher',
});
log(`pairing code for another till (10 minutes): ${spareCode}`);

const electron = findElectron();
let child: ChildProcess | null = null;
let host: Awaited<ReturnType<typeof startNodeHost>> | null = null;
const noWindow = headlessReason();

if ('path' in electron && !noWindow) {
  log('opening the till in Electron');
  child = spawn(electron.path, [join(appDir, 'dist', 'electron', 'main.cjs')], {
    stdio: 'inherit',
    env: { ...process.env, COMANDA_DATA_DIR: tillDataDir },
  });
} else {
  host = await startNodeHost({
    service,
    staticDir: join(appDir, 'dist', 'renderer'),
    port: hostPort,
  });
  const why = 'reason' in electron ? electron.reason : 'no window can be opened';
  if (noWindow) {
    log(`not opening a window (${noWindow}); open the till at:\n\n    ${host.url}\n`);
  } else if (existsSync(CHROMIUM_PATH)) {
    log(`opening the till in Chromium (--app) because ${why}`);
    child = spawn(
      CHROMIUM_PATH,
      [
        `--app=${host.url}`,
        `--user-data-dir=${join(dataDir, 'chromium-profile')}`,
        ...CHROMIUM_FLAGS,
      ],
      { stdio: 'ignore' },
    );
  } else {
    log(`${why}, and no Chromium at ${CHROMIUM_PATH}; open the till at:\n\n    ${host.url}\n`);
  }
}
log('press Ctrl-C to stop');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`${signal}: shutting down`);
  child?.kill('SIGTERM');
  await host?.close();
  await server.close();
  log('stopped cleanly');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
child?.on('exit', (code) => {
  log(`till window closed (exit ${code ?? 'signal'})`);
  void shutdown('window closed');
});
