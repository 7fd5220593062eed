import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startVirtualPrinter, type VirtualPrinterFaults } from './server';

/**
 * `pnpm printer:virtual --port 9100 [--host 0.0.0.0] [--slow 200]`: prints decoded documents to
 * stdout. Faults can be typed on stdin while it runs, e.g. `paperOut true`, `coverOpen false`,
 * `down true`, `slowMs 200`, `dropAfterBytes 100`, `dropAfterBytes null`, `status`.
 */
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
const FAULTS: readonly (keyof VirtualPrinterFaults)[] = ['offline', 'coverOpen', 'paperOut', 'paperNearEnd', 'error', 'drawerOpen', 'down', 'slowMs', 'bytesPerSecond', 'dropAfterBytes', 'paperOutAfterBytes', 'coverOpenAfterBytes', 'silent', 'noProcessId'];
createInterface({ input: process.stdin }).on('line', (line) => {
  const [name = '', raw = 'true'] = line.trim().split(/\s+/);
  if (name === '') return;
  if (name === 'status') return console.log(JSON.stringify(printer.faults));
  if (!FAULTS.includes(name as keyof VirtualPrinterFaults)) {
    return console.log(`unknown fault "${name}"; one of: ${FAULTS.join(', ')}, status`);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return console.log(`"${raw}" is not a value (true, false, a number or null)`);
  }
  const current = printer.faults[name as keyof VirtualPrinterFaults];
  const fits = typeof current === 'boolean' ? typeof value === 'boolean' : value === null || (typeof value === 'number' && value >= 0);
  if (!fits) return console.log(`${name} takes ${typeof current === 'boolean' ? 'true or false' : 'a number of ms/bytes, or null'}`);
  void printer.setFault({ [name]: value }).then(() => console.log(`${name} = ${JSON.stringify(value)}`));
});

const stop = (): void => {
  void printer.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
