/**
 * The host contract's method names, without zod, so the sandboxed Electron preload can expose one
 * named function per method without bundling the schemas. contract.ts checks this list matches.
 */
export const HOST_METHOD_NAMES = [
  'app.info',
  'settings.get',
  'settings.update',
  'printers.list',
  'printers.save',
  'printers.submit',
  'printers.status',
  'logs.write',
  'logs.tail',
] as const;

/** IPC channel of one contract method. */
export function hostChannel(method: string): string {
  return `comanda:host:${method}`;
}

/** What an IPC handler returns: errors travel as data because Electron flattens thrown errors. */
export type HostIpcReply = { ok: true; result: unknown } | { ok: false; error: HostErrorBody };

/** An error as it crosses IPC or HTTP; print failures carry how many bytes went out. */
export interface HostErrorBody {
  code: string;
  message: string;
  bytesWritten?: number;
  phase?: string;
  /** A printer that refused a job as not ready: its status (nothing was sent). */
  status?: unknown;
}
