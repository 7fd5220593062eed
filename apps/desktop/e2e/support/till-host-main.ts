// A till's Node host as its own process for the e2e tests (support/processes.ts): serves the built
// renderer on TILL_PORT with its device settings in TILL_DATA_DIR, prints where, runs until killed.
import { join } from 'node:path';
import { startNodeHost } from '../../src/host/node/node-host.js';
import { createHostService } from '../../src/host/service/host-service.js';

const service = createHostService({ dataDir: process.env.TILL_DATA_DIR!, host: 'node', version: '0.1.0-e2e' });
const host = await startNodeHost({ service, staticDir: join(import.meta.dirname, '..', '..', 'dist', 'renderer'), port: Number(process.env.TILL_PORT) });
console.log(`TILL_HOST ${JSON.stringify({ url: host.url, origin: host.origin, secret: host.secret })}`);
