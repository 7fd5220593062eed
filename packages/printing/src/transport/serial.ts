import { spawnSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { Duplex } from 'node:stream';
import { isatty, ReadStream, WriteStream } from 'node:tty';
import { z } from 'zod';
import { DEFAULT_TIMEOUTS, PrinterTransportError, streamSession, type ConfirmationMemory, type PrinterSession, type TcpTimeouts } from './session';
import { openTcpSession, sessionTransport, type PrinterEndpoint, type PrinterTransport } from './tcp';

/** A printer on a serial port (or USB-serial adapter). */
export const SerialEndpointSchema = z.object({
  path: z.string().min(1, 'serial device path is required, e.g. /dev/ttyUSB0'),
  baudRate: z.number().int().positive().default(9600),
});
export type SerialEndpoint = z.input<typeof SerialEndpointSchema>;

/**
 * Opens a session with a serial printer (Linux/macOS device path). The line is put into raw
 * 8-bit mode with `stty` (no newline translation, no echo), then driven like a TCP socket, so
 * the same status, write and timeout rules apply.
 * @throws {PrinterTransportError} 'connect' when the device cannot be opened or configured
 */
export function openSerialSession(
  endpoint: SerialEndpoint,
  timeouts: TcpTimeouts = DEFAULT_TIMEOUTS,
  memory?: ConfirmationMemory,
): Promise<PrinterSession> {
  const { path, baudRate } = SerialEndpointSchema.parse(endpoint);
  // One descriptor per direction: libuv's tty handles do not share a descriptor well.
  const fds: number[] = [];
  try {
    fds.push(openSync(path, constants.O_RDONLY | constants.O_NOCTTY | constants.O_NONBLOCK));
    fds.push(openSync(path, constants.O_WRONLY | constants.O_NOCTTY | constants.O_NONBLOCK));
  } catch (e) {
    for (const fd of fds) closeSync(fd);
    const err = e as NodeJS.ErrnoException;
    return Promise.reject(new PrinterTransportError('connect', `cannot open ${path}: ${err.message}`, 0, err.code));
  }
  const [readFd, writeFd] = fds as [number, number];
  if (!isatty(readFd)) {
    for (const fd of fds) closeSync(fd);
    return Promise.reject(new PrinterTransportError('connect', `${path} is not a serial device`, 0));
  }
  const flag = process.platform === 'darwin' ? '-f' : '-F';
  const stty = spawnSync('stty', [flag, path, 'raw', '-echo', String(baudRate)], { encoding: 'utf8' });
  if (stty.status !== 0) {
    for (const fd of fds) closeSync(fd);
    const why = stty.error?.message ?? stty.stderr.trim();
    return Promise.reject(new PrinterTransportError('connect', `cannot configure ${path}: ${why}`, 0));
  }
  const socket = Duplex.from({ readable: new ReadStream(readFd), writable: new WriteStream(writeFd) });
  return Promise.resolve(streamSession(socket, path, timeouts, memory));
}

/** Opens a serial session when a printer has a `serialPath`, a raw TCP one otherwise. */
export function openPrinterSession(endpoint: PrinterEndpoint, timeouts: TcpTimeouts = DEFAULT_TIMEOUTS, memory?: ConfirmationMemory): Promise<PrinterSession> {
  return endpoint.serialPath
    ? openSerialSession({ path: endpoint.serialPath, baudRate: endpoint.baudRate }, timeouts, memory)
    : openTcpSession(endpoint, timeouts, memory);
}

/** The host's transport: serial or TCP per printer, remembering each printer's confirmation. */
export function printerTransport(timeouts: TcpTimeouts = DEFAULT_TIMEOUTS): PrinterTransport {
  const memory: ConfirmationMemory = new Map();
  return sessionTransport((endpoint) => openPrinterSession(endpoint, timeouts, memory));
}
