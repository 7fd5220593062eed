import type { PrintCompletion, PrinterTransport } from '../transport/tcp';
import { PrinterStatusSchema, statusProblem, type PrinterStatus } from '../transport/status';
import type { PrinterDefinition } from './routing';
import type { AttentionReason } from './types';

/** What the UI shows next to a printer. */
export type PrinterHealth = 'online' | 'paper-near-end' | 'paper-out' | 'cover-open' | 'error' | 'offline' | 'unreachable';

/** Health as shown to people, from a status answer. */
export function healthOf(s: PrinterStatus): PrinterHealth {
  return statusProblem(s) ?? (s.paperNearEnd ? 'paper-near-end' : 'online');
}

/** The result of one attempt, which decides the job's next state. */
export type AttemptOutcome =
  | { kind: 'printed' }
  /** Nothing of the job reached the printer: safe to retry. */
  | { kind: 'not-sent'; detail: string }
  /** Some or all bytes may be on paper: a person decides (reprint or dismiss). */
  | { kind: 'may-have-printed'; reason: AttentionReason; detail: string; bytesWritten: number };

export interface AttemptDeps {
  transport: PrinterTransport;
  /** Durably records the job as `sending`; called right before the first content byte. */
  markSending(): Promise<void>;
  onHealth(health: PrinterHealth, detail: string | null): void;
  jobId?: string;
}

/** What a failed send says about itself (a `PrinterTransportError`, or the host's error). */
interface SendFailure {
  phase?: unknown;
  bytesWritten?: unknown;
  status?: unknown;
}

const text = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function written(e: SendFailure, whole: number): number {
  const n = e.bytesWritten;
  // Unknown progress counts as everything: never resend what may have printed.
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : whole;
}

function fromCompletion(c: PrintCompletion, bytes: number): AttemptOutcome {
  if (c.kind === 'printed') return { kind: 'printed' };
  if (c.kind === 'problem') {
    return { kind: 'may-have-printed', reason: 'printer-problem-after-send', detail: `printer reports ${statusProblem(c.status) ?? 'a problem'}`, bytesWritten: bytes };
  }
  return { kind: 'may-have-printed', reason: 'unconfirmed', detail: `no confirmation: ${c.detail}`, bytesWritten: bytes };
}

/**
 * One attempt to print a job, exactly as docs/printing.md describes (the transport's `send`:
 * connect, check the status, mark `sending`, write, wait for the printer's proof). Never throws.
 */
export async function attemptPrint(printer: PrinterDefinition, bytes: Uint8Array, deps: AttemptDeps): Promise<AttemptOutcome> {
  let sending = false;
  try {
    const completion = await deps.transport.send(printer, bytes, {
      statusQueries: printer.statusQueries,
      jobId: deps.jobId,
      beforeWrite: async () => {
        await deps.markSending();
        sending = true;
      },
    });
    if (completion.kind !== 'unconfirmed' && completion.status) deps.onHealth(healthOf(completion.status), null);
    return fromCompletion(completion, bytes.length);
  } catch (e) {
    const failure = (e ?? {}) as SendFailure;
    const status = PrinterStatusSchema.safeParse(failure.status);
    if (status.success) deps.onHealth(healthOf(status.data), null);
    else if (failure.phase === 'connect') deps.onHealth('unreachable', text(e));
    const n = written(failure, bytes.length);
    // Only a transport that knows nothing left (e.g. it could not even connect) says 0.
    if (!sending || n === 0) return { kind: 'not-sent', detail: failure.phase === 'status' && !status.success ? `no status answer: ${text(e)}` : text(e) };
    // Written, then the printer went silent: it may be printing still, or have stopped.
    const reason: AttentionReason = failure.phase === 'status' || failure.phase === 'confirm' ? 'unconfirmed' : 'connection-lost-after-send';
    return { kind: 'may-have-printed', reason, detail: reason === 'unconfirmed' ? `no confirmation: ${text(e)}` : text(e), bytesWritten: n };
  }
}
