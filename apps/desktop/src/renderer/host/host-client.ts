import { HOST_METHOD_NAMES, type HostErrorBody, type HostIpcReply } from '../../host/methods.js';
import type { HostApi, HostMethod } from '../../host/contract.js';

/** A host call failed; `code` is the host's (BAD_INPUT, PRINTER_UNREACHABLE, FORBIDDEN…). */
export class HostCallError extends Error {
  override readonly name = 'HostCallError';
  constructor(
    readonly code: string,
    message: string,
    readonly method: string,
    /** For a failed print job: content bytes the host handed to the printer before it failed. */
    readonly bytesWritten?: number,
    readonly phase?: string,
    /** A printer that refused a job as not ready: its status (nothing was sent). */
    readonly status?: unknown,
  ) {
    super(message);
  }
}

function callError(error: HostErrorBody, method: string): HostCallError {
  return new HostCallError(error.code, error.message, method, error.bytesWritten, error.phase, error.status);
}

type ElectronBridge = Record<HostMethod, (input: unknown) => Promise<HostIpcReply>>;

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent under the Node host. */
    comandaHost?: ElectronBridge;
  }
}

const SECRET_KEY = 'comanda.hostSecret';

/**
 * Reads the Node host's launch secret from the URL fragment (never sent over the network), keeps
 * it for reloads of this tab, and removes it from the address bar.
 */
export function takeLaunchSecret(win: Window): string | null {
  const match = /(?:^#|&)secret=([^&]+)/.exec(win.location.hash);
  if (match?.[1]) {
    const secret = decodeURIComponent(match[1]);
    win.sessionStorage.setItem(SECRET_KEY, secret);
    win.history.replaceState(null, '', win.location.pathname + win.location.search);
    return secret;
  }
  return win.sessionStorage.getItem(SECRET_KEY);
}

function build(call: (method: HostMethod, input: unknown) => Promise<unknown>): HostApi {
  return Object.fromEntries(HOST_METHOD_NAMES.map((m) => [m, (input: unknown) => call(m, input ?? {})])) as HostApi;
}

/** Calls the Electron main process through the preload's named methods. */
export function createElectronHostClient(bridge: ElectronBridge): HostApi & { kind: 'electron' } {
  const api = build(async (method, input) => {
    const reply = await bridge[method](input);
    if (!reply.ok) throw callError(reply.error, method);
    return reply.result;
  });
  return Object.assign(api, { kind: 'electron' as const });
}

/** Calls the Node host over HTTP on the page's own origin with the launch secret. */
export function createHttpHostClient(origin: string, secret: string, fetchImpl: typeof fetch = fetch): HostApi & { kind: 'node' } {
  const api = build(async (method, input) => {
    let response: Response;
    try {
      response = await fetchImpl(`${origin}/host/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify(input),
      });
    } catch {
      throw new HostCallError('HOST_UNREACHABLE', 'The till host is not running; restart Comanda', method);
    }
    const body = (await response.json().catch(() => null)) as { result?: unknown; error?: HostErrorBody } | null;
    if (!response.ok || !body || body.error) {
      throw callError(body?.error ?? { code: `HTTP_${response.status}`, message: `Host answered ${response.status}` }, method);
    }
    return body.result;
  });
  return Object.assign(api, { kind: 'node' as const });
}

export type HostClient = HostApi & { kind: 'electron' | 'node' };

/** Picks the adapter for the host this renderer runs in. */
export function createHostClient(win: Window = window): HostClient {
  if (win.comandaHost) return createElectronHostClient(win.comandaHost);
  const secret = takeLaunchSecret(win);
  if (!secret) throw new HostCallError('NO_SECRET', 'Open the till from the Comanda launcher (the link carries its key)', 'init');
  return createHttpHostClient(win.location.origin, secret);
}
