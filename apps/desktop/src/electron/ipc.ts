import { dispatchHostCall, HostInputError, HostOperationError, hostMethods, type HostService } from '../host/contract.js';
import { hostChannel, type HostIpcReply } from '../host/methods.js';

/** The slice of Electron's ipcMain this module needs (a fake one in tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}
export interface IpcEventLike {
  senderFrame: { url: string } | null;
}

/**
 * Registers one IPC handler per contract method. Each call is checked twice: the sender must be
 * the till's own page (not a frame that navigated elsewhere), and the payload must pass the
 * contract's zod schema. Replies are envelopes so the renderer gets the code and message back.
 */
export function registerHostIpc(ipcMain: IpcMainLike, service: HostService, isTrustedUrl: (url: string) => boolean): () => void {
  for (const method of hostMethods) {
    ipcMain.handle(hostChannel(method), async (event, ...args): Promise<HostIpcReply> => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url)) return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are only accepted from the till itself' } };
      if (args.length > 1) return { ok: false, error: { code: 'BAD_INPUT', message: `${method} takes one argument` } };
      try {
        return { ok: true, result: await dispatchHostCall(service, method, args[0]) };
      } catch (error) {
        if (error instanceof HostInputError) return { ok: false, error: { code: 'BAD_INPUT', message: error.message } };
        if (error instanceof HostOperationError) return { ok: false, error: { code: error.code, message: error.message, ...error.details } };
        console.error('[ipc]', method, error);
        return { ok: false, error: { code: 'INTERNAL', message: 'The host failed; see its log' } };
      }
    });
  }
  return () => hostMethods.forEach((method) => ipcMain.removeHandler(hostChannel(method)));
}
