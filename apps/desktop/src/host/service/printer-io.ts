import {
  PrinterNotReadyError,
  PrinterTransportError,
  printerTransport,
  type PrintCompletion,
  type PrinterEndpoint,
  type PrinterTransport,
} from '@comanda/printing/transport';
import { HostOperationError, type PrinterConfig, type PrinterStatus } from '../contract.js';

/** Where the printing package's transport reaches a saved printer: TCP, or its serial port. */
export function endpointOf(printer: PrinterConfig): PrinterEndpoint {
  return {
    id: printer.id,
    host: printer.host,
    port: printer.port,
    serialPath: printer.transport === 'serial' ? (printer.serialPath ?? null) : null,
    baudRate: printer.baudRate,
  };
}

function hostError(printer: PrinterConfig, error: unknown, bytes: number): HostOperationError {
  if (error instanceof PrinterTransportError) {
    const code = error.code === 'ETIMEDOUT' ? 'PRINTER_TIMEOUT' : 'PRINTER_UNREACHABLE';
    const status = error instanceof PrinterNotReadyError ? { status: error.status } : {};
    return new HostOperationError(`Printer ${printer.name}: ${error.message}`, code, { bytesWritten: error.bytesWritten, phase: error.phase, ...status });
  }
  // Not the transport's own error: nobody knows how far it got.
  return new HostOperationError(`Printer ${printer.name}: ${(error as Error).message}`, 'PRINTER_UNREACHABLE', { bytesWritten: bytes, phase: 'unknown' });
}

/**
 * The host's printers, through `@comanda/printing`'s transport (one parser of the printer's
 * answers, one send protocol). One instance per host, so each printer's confirmation (`GS ( H`
 * or status only) is probed once and remembered while the host runs.
 */
export function hostPrinters(transport: PrinterTransport = printerTransport()) {
  return {
    /**
     * Real-time status (DLE EOT 1, 2, 4). Never throws: an unreachable printer is a status, not
     * an error, so the UI can show it.
     */
    async status(printer: PrinterConfig, checkedAt: number): Promise<PrinterStatus> {
      const base = { printerId: printer.id, checkedAt };
      try {
        const s = await transport.status(endpointOf(printer));
        return { ...base, reachable: true, online: s.online, coverOpen: s.coverOpen, paperOut: s.paperEnd, paperNearEnd: s.paperNearEnd, error: s.error ? 'printer error' : null };
      } catch (error) {
        return { ...base, reachable: false, online: false, coverOpen: false, paperOut: false, paperNearEnd: false, error: (error as Error).message };
      }
    },
    /**
     * One attempt to print a job (docs/printing.md): status, write, then the printer's proof.
     * @throws {HostOperationError} PRINTER_UNREACHABLE or PRINTER_TIMEOUT with `details`
     * (`bytesWritten`, `phase`, and the printer's `status` when it refused the job as not ready)
     */
    async send(printer: PrinterConfig, bytes: Uint8Array, job: { jobId: string; statusQueries: boolean }): Promise<PrintCompletion> {
      try {
        return await transport.send(endpointOf(printer), bytes, job);
      } catch (error) {
        throw hostError(printer, error, bytes.byteLength);
      }
    },
  };
}
