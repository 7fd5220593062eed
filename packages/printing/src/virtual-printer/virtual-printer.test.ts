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

  it('drops the connection after N bytes, printing only what arrived (a status asked meanwhile is still answered)', async () => {
    printer = await startVirtualPrinter({ port: 0, faults: { dropAfterBytes: 8, bytesPerSecond: 1000 } });
    const session = await openTcpSession({ host: '127.0.0.1', port: printer.port });
    await session.write(job);
    // The real-time answer comes before the buffer is printed: it proves nothing about paper.
    await expect(session.status()).resolves.toMatchObject({ online: true });
    const err = await session.print(Uint8Array.of(), { statusQueries: true }).catch((e: unknown) => e);
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

  it('answers DLE EOT on arrival, but GS ( H only once everything before it is printed', async () => {
    printer = await startVirtualPrinter({ port: 0, faults: { bytesPerSecond: 2000 } }); // ~100 ms for 200 bytes
    const session = await openTcpSession({ host: '127.0.0.1', port: printer.port });
    const long = Uint8Array.from([...ascii('x'.repeat(200)), 0x0a, GS, 0x56, 0x00]);
    await session.write(long);
    await session.status();
    expect(printer.documents).toHaveLength(0); // status answered, nothing on paper yet
    const done = await session.print(Uint8Array.of(), { statusQueries: true });
    expect(done).toMatchObject({ kind: 'printed', confirmation: 'process-id' });
    expect(printer.documents).toHaveLength(1);
    session.close();
  });

  it('never answers GS ( H with noProcessId: the session falls back to the status answer', async () => {
    printer = await startVirtualPrinter({ port: 0, faults: { noProcessId: true } });
    const session = await openTcpSession({ host: '127.0.0.1', port: printer.port }, { connectMs: 500, writeMs: 500, statusMs: 150 });
    await expect(session.print(job, { statusQueries: true })).resolves.toMatchObject({ kind: 'printed', confirmation: 'status' });
    session.close();
  });
});
