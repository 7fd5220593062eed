import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeDocument } from '../escpos';
import { startVirtualPrinter, type VirtualPrinter } from '../virtual-printer';
import { openSerialSession } from './serial';
import { PrinterTransportError } from './session';

// A pty pair stands in for a serial cable: this bridge owns the master side and relays it to
// the virtual printer over TCP; the transport under test opens the slave device.
const BRIDGE = `
import os, pty, tty, socket, sys, select
master, slave = pty.openpty()
tty.setraw(slave)
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
print(os.ttyname(slave), flush=True)
while True:
    r, _, _ = select.select([master, s], [], [])
    if master in r:
        s.sendall(os.read(master, 4096))
    if s in r:
        data = s.recv(4096)
        if not data:
            break
        os.write(master, data)
`;

let printer: VirtualPrinter | undefined;
afterEach(async () => {
  await printer?.close();
});

describe('serial transport over a pty pair', () => {
  it('prints and reads status through a serial device', async () => {
    printer = await startVirtualPrinter({ port: 0 });
    const bridge = spawn('python3', ['-c', BRIDGE, String(printer.port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const path = await new Promise<string>((resolve, reject) => {
        bridge.once('error', reject);
        bridge.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
      });
      const session = await openSerialSession({ path, baudRate: 19200 });
      await expect(session.status()).resolves.toMatchObject({ online: true, paperEnd: false });
      await session.write(encodeDocument({ kind: 'test-page', title: 't', blocks: [{ kind: 'text', text: 'Şiş 12,50 € Γύρος\nok' }, { kind: 'cut' }] }, { columns: 32 }));
      await session.status();
      session.close();
      const [doc] = await printer.waitForDocuments(1);
      expect(doc!.lines[0]).toBe('Şiş 12,50 € Γύρος ok');
      expect(doc!.complete).toBe(true);
    } finally {
      bridge.kill();
    }
  });

  it('fails to open a missing device with a connect error', async () => {
    const err = await openSerialSession({ path: '/dev/does-not-exist' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterTransportError);
    expect((err as PrinterTransportError).phase).toBe('connect');
  });
});

describe('printerTransport', () => {
  it('picks serial for a printer with a serial path and TCP otherwise', async () => {
    const { printerTransport } = await import('./serial');
    printer = await startVirtualPrinter({ port: 0 });
    const t = printerTransport({ connectMs: 500, writeMs: 1000, statusMs: 500 });
    await expect(t.status({ host: printer.host, port: printer.port })).resolves.toMatchObject({ online: true });
    await expect(t.status({ host: printer.host, port: printer.port, serialPath: '/dev/does-not-exist' })).rejects.toThrow(/cannot open \/dev\/does-not-exist/);
  });
});
