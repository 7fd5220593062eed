import { configFromEnv } from './config';
import { stopOnSignals } from './serve';
import { startServer } from './server';

/** `pnpm --filter @comanda/sync-server start`: runs the server until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  stopOnSignals(await startServer(configFromEnv()));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
