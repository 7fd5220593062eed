import { Socket } from 'node:net';
import { PrinterTransportError, sendConfirmed, type PrinterStatus as PrinterStatusBits } from '@comanda/printing/transport';
import { HostOperationError, type PrinterConfig, type PrinterStatus } from '../contract.js';

const DLE_EOT = (n: number) => Buffer.from([0x10, 0x04, n]);

function connect(printer: PrinterConfig, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new HostOperationError(`Printer ${printer.name} (${printer.host}:${printer.port}) did not answer`, 'PRINTER_TIMEOUT'));
    }, timeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new HostOperationError(`Printer ${printer.name} unreachable: ${error.message}`, 'PRINTER_UNREACHABLE'));
    });
    socket.connect(printer.port, printer.host, () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}

/** Sends raw ESC/POS bytes over TCP (port 9100 style) and resolves once the socket flushed and closed. */
export async function sendToPrinter(printer: PrinterConfig, bytes: Uint8Array, timeoutMs = 5000): Promise<number> {
  const socket = await connect(printer, timeoutMs);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new HostOperationError(`Printer ${printer.name} stalled while receiving the job`, 'PRINTER_TIMEOUT'));
    }, timeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(new HostOperationError(`Printer ${printer.name} dropped the job: ${error.message}`, 'PRINTER_UNREACHABLE'));
    });
    socket.end(bytes, () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(bytes.byteLength);
    });
  });
}

function readOneByte(socket: Socket, query: Buffer, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new HostOperationError('Printer gave no status reply', 'PRINTER_TIMEOUT')), timeoutMs);
    socket.once('data', (chunk: Buffer) => {
      clearTimeout(timer);
      const byte = chunk[0];
      if (byte === undefined) reject(new HostOperationError('Empty status reply', 'PRINTER_UNREACHABLE'));
      else resolve(byte);
    });
    socket.write(query);
  });
}

/**
 * Real-time status with DLE EOT 1 (printer), 2 (offline cause) and 4 (paper sensor). Never throws:
 * an unreachable printer is a status, not an error, so the UI can show it.
 */
export async function queryPrinterStatus(printer: PrinterConfig, now: () => number, timeoutMs = 2000): Promise<PrinterStatus> {
  const base = { printerId: printer.id, checkedAt: now() };
  let socket: Socket | undefined;
  try {
    socket = await connect(printer, timeoutMs);
    const printerByte = await readOneByte(socket, DLE_EOT(1), timeoutMs);
    const offlineByte = await readOneByte(socket, DLE_EOT(2), timeoutMs);
    const paperByte = await readOneByte(socket, DLE_EOT(4), timeoutMs);
    return {
      ...base,
      reachable: true,
      online: (printerByte & 0x08) === 0,
      coverOpen: (offlineByte & 0x04) !== 0,
      paperOut: (paperByte & 0x60) === 0x60,
      paperNearEnd: (paperByte & 0x0c) === 0x0c,
      error: null,
    };
  } catch (error) {
    return { ...base, reachable: false, online: false, coverOpen: false, paperOut: false, paperNearEnd: false, error: (error as Error).message };
  } finally {
    socket?.destroy();
  }
}

/** A minimal ESC/POS test page (init, centred text, feed, partial cut). */
export function testPageBytes(printer: PrinterConfig, tillName: string, at: Date): Uint8Array {
  const text = `COMANDA TEST PAGE\n${printer.name}\n${tillName}\n${at.toISOString()}\n`;
  return Buffer.concat([
    Buffer.from([0x1b, 0x40, 0x1b, 0x61, 0x01]),
    Buffer.from(text, 'ascii'),
    Buffer.from([0x1b, 0x64, 0x04, 0x1d, 0x56, 0x01]),
  ]);
}

/**
 * Sends a print job with the confirmed-send protocol of `@comanda/printing` (docs/printing.md):
 * connect, write, then ask for the status on the same connection; the answer proves every byte
 * arrived. On failure the error carries the phase and the content bytes already handed over, so
 * the renderer's print worker can tell "nothing sent, retry" from "may have printed, ask a person".
 * @throws {HostOperationError} PRINTER_UNREACHABLE or PRINTER_TIMEOUT with `details`
 */
export async function sendToPrinterConfirmed(printer: PrinterConfig, bytes: Uint8Array): Promise<PrinterStatusBits> {
  try {
    return await sendConfirmed({ id: printer.id, host: printer.host, port: printer.port }, bytes);
  } catch (error) {
    if (error instanceof PrinterTransportError) {
      const code = /time/i.test(error.message) || error.code === 'ETIMEDOUT' ? 'PRINTER_TIMEOUT' : 'PRINTER_UNREACHABLE';
      throw new HostOperationError(`Printer ${printer.name}: ${error.message}`, code, { bytesWritten: error.bytesWritten, phase: error.phase });
    }
    throw new HostOperationError(`Printer ${printer.name}: ${(error as Error).message}`, 'PRINTER_UNREACHABLE', { bytesWritten: bytes.byteLength, phase: 'unknown' });
  }
}
