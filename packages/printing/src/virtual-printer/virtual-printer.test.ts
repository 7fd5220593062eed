import { afterEach, describe, expect, it } from 'vitest';
import { Socket } from 'node:net';
import { openTcpSession, PrinterTransportError, queryPrinterStatus } from '../transport';
import { startVirtualPrinter, type VirtualPrinter } from './server';
import { decodeEscPos } from './decoder';

const ESC = 0x1b;
const GS = 0x1d;
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const job = Uint8Array.from([ESC, 0x40, ESC, 0x45, 1, ...ascii('HELLO'), ESC, 0x45, 0, 0x0a, GS, 0x56, 0x00]);

let printer: VirtualPrinter | undefined;
afterEach(async () => {
  await printer?.close();
  printer = undefined;
});

async function sendRaw(port: number, bytes: Uint8Array): Promise<void> {
  const socket = new Socket();
  await new Promise<void>((r) => socket.connect(port, '127.0.0.1', r));
  await new Promise<void>((r) => socket.end(bytes, r));
}

describe('decoder', () => {
  it('decodes styles, sizes, code pages, QR, drawer and cut', () => {
    const bytes = Uint8Array.from([
      ESC, 0x40, GS, 0x21, 0x11, ...ascii('BIG'), GS, 0x21, 0x00, 0x0a,
      ESC, 0x74, 19, 0xd5, 0x20, ESC, 0x74, 14, 0x82, 0xe1, 0x20, ESC, 0x74, 13, 0x9e, 0x0a,
      GS, 0x28, 0x6b, 7, 0, 0x31, 0x50, 0x30, ...ascii('abcd'), GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30,
      ESC, 0x70, 0, 25, 250, GS, 0x56, 0x01,
    ]);
    expect(decodeEscPos(bytes)).toEqual(['[2x2]BIG[1x1]', '€ Γά Ş', '[QR abcd]', '[DRAWER pin2]', '[CUT partial]']);
  });

  it('survives a command split across chunks', async () => {
    printer = await startVirtualPrinter({ port: 0 });
    const socket = new Socket();
    await new Promise<void>((r) => socket.connect(printer!.port, '127.0.0.1', r));
    for (const byte of job) {
      await new Promise<void>((r) => socket.write(Uint8Array.of(byte), () => r()));
    }
    socket.end();
    const [doc] = await printer.waitForDocuments(1);
    expect(doc!.lines).toEqual(['[B]HELLO[/B]', '[CUT]']);
    expect(doc!.complete).toBe(true);
  });
});

describe('virtual printer over TCP', () => {
  it('prints a job and reports ready status', async () => {
    printer = await startVirtualPrinter({ port: 0 });
    await sendRaw(printer.port, job);
    const docs = await printer.waitForDocuments(1);
    expect(docs[0]!.text).toBe('[B]HELLO[/B]\n[CUT]');
    const status = await queryPrinterStatus({ host: '127.0.0.1', port: printer.port });
    expect(status).toEqual({ online: true, coverOpen: false, paperEnd: false, paperNearEnd: false, error: false, drawerOpen: false });
  });

  it.each([
    [{ paperOut: true }, { online: false, paperEnd: true, paperNearEnd: true, coverOpen: false }],
    [{ coverOpen: true }, { online: false, paperEnd: false, coverOpen: true }],
    [{ paperNearEnd: true }, { online: true, paperEnd: false, paperNearEnd: true }],
    [{ offline: true }, { online: false, paperEnd: false, coverOpen: false, error: false }],
    [{ error: true }, { online: false, error: true }],
  ])('reports fault %j as status %j', async (fault, expected) => {
    printer = await startVirtualPrinter({ port: 0, faults: fault });
    const status = await queryPrinterStatus({ host: '127.0.0.1', port: printer.port });
    expect(status).toMatchObject(expected);
  });

  it('does not print while the paper is out, and says so', async () => {
    printer = await startVirtualPrinter({ port: 0, faults: { paperOut: true } });
    await sendRaw(printer.port, job);
    const [doc] = await printer.waitForDocuments(1);
    expect(doc!.lines).toEqual([]);
    expect(doc!.interrupted).toBe('paper-out');
  });

  it('runs out of paper after N bytes', async () => {
    printer = await startVirtualPrinter({ port: 0, faults: { paperOutAfterBytes: 6 } });
    await sendRaw(printer.port, job);
    const [doc] = await printer.waitForDocuments(1);
    expect(doc!.complete).toBe(false);
    expect(doc!.interrupted).toBe('paper-out');
    expect(printer.faults.paperOut).toBe(true);
  });

  it('refuses connections while down and comes back', async () => {
    printer = await startVirtualPrinter({ port: 0 });
    await printer.setFault({ down: true });
    const err = await openTcpSession({ host: '127.0.0.1', port: printer.port }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterTransportError);
    expect((err as PrinterTransportError).phase).toBe('connect');
    await printer.setFault({ down: false });
    await expect(queryPrinterStatus({ host: '127.0.0.1', port: printer.port })).resolves.toMatchObject({ online: true });
  });

  it('drops the connection after N bytes, printing only what arrived', async () => {
    printer = await startVirtualPrinter({ port: 0, faults: { dropAfterBytes: 8 } });
    const session = await openTcpSession({ host: '127.0.0.1', port: printer.port });
    const err = await session.write(job).then(() => session.status()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterTransportError);
    expect((err as PrinterTransportError).bytesWritten).toBe(job.length);
    const [doc] = await printer.waitForDocuments(1);
    expect(doc!.interrupted).toBe('dropped');
    expect(doc!.lines).toEqual(['[B]HEL[/B]']);
  });

  it('times out a status request on a silent printer', async () => {
    printer = await startVirtualPrinter({ port: 0, faults: { silent: true } });
    const err = await queryPrinterStatus(
      { host: '127.0.0.1', port: printer.port },
      { connectMs: 1000, writeMs: 1000, statusMs: 150 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterTransportError);
    expect((err as PrinterTransportError).phase).toBe('status');
  });

  it('is slow but complete when told to be slow', async () => {
    printer = await startVirtualPrinter({ port: 0, faults: { slowMs: 30 } });
    const session = await openTcpSession({ host: '127.0.0.1', port: printer.port });
    const started = performance.now();
    await session.write(job.subarray(0, 5));
    await session.write(job.subarray(5));
    await session.status();
    session.close();
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    const [doc] = await printer.waitForDocuments(1);
    expect(doc!.complete).toBe(true);
  });
});
