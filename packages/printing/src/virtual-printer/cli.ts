import { parseArgs } from 'node:util';
import { startVirtualPrinter } from './server';

/** `pnpm printer:virtual --port 9100 [--host 0.0.0.0] [--slow 200]`: prints decoded documents to stdout. */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9100' },
    host: { type: 'string', default: '127.0.0.1' },
    slow: { type: 'string', default: '0' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a TCP port number, got "${values.port}"`);
  process.exit(2);
}
const printer = await startVirtualPrinter({ port, host: values.host, faults: { slowMs: Number(values.slow) || 0 } });
console.log(`virtual ESC/POS printer listening on ${printer.host}:${printer.port} (Ctrl+C to stop)`);
printer.onDocument((doc) => {
  const width = Math.max(32, ...doc.lines.map((l) => l.length));
  const status = doc.complete ? 'complete' : `INTERRUPTED (${doc.interrupted})`;
  console.log(`┌${'─'.repeat(width + 2)}┐  connection #${doc.connectionId}, ${status}`);
  for (const line of doc.lines) console.log(`│ ${line.padEnd(width)} │`);
  console.log(`└${'─'.repeat(width + 2)}┘`);
});
const stop = (): void => {
  void printer.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
