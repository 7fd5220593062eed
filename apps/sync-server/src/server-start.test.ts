import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from './server';
import { pgliteDataDir } from './testing/index';

describe('a failed start', () => {
  let root = '';
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('releases the PGlite folder, so the next start can take it', async () => {
    root = await mkdtemp(join(tmpdir(), 'comanda-start-'));
    const dataDir = await pgliteDataDir(join(root, 'pglite'));
    const logger = pino({ level: 'silent' });
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      // The port is taken: listen fails after the database was opened and locked.
      await expect(startServer({ port, dataDir, logger })).rejects.toThrow(/EADDRINUSE/);
      const second = await startServer({ port: 0, dataDir, logger });
      await second.close();
    } finally {
      taken.close();
    }
  });
});
