import type { PrinterSession, PrinterTransport } from '../transport/tcp';
import { statusProblem, type PrinterStatus } from '../transport/status';
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
}

class NotSent extends Error {}

const text = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * One attempt to print a job, exactly as docs/printing.md describes: connect, check the status,
 * mark `sending`, write, confirm with a status answer on the same connection. Never throws.
 */
export async function attemptPrint(printer: PrinterDefinition, bytes: Uint8Array, deps: AttemptDeps): Promise<AttemptOutcome> {
  let session: PrinterSession | null = null;
  const mayHavePrinted = (reason: AttentionReason, detail: string): AttemptOutcome => ({
    kind: 'may-have-printed',
    reason,
    detail,
    bytesWritten: session?.bytesWritten ?? 0,
  });
  try {
    try {
      session = await deps.transport.open(printer);
    } catch (e) {
      deps.onHealth('unreachable', text(e));
      throw new NotSent(text(e));
    }
    if (printer.statusQueries) {
      const before = await session.status().catch((e: unknown) => {
        throw new NotSent(`no status answer: ${text(e)}`);
      });
      deps.onHealth(healthOf(before), null);
      const problem = statusProblem(before);
      if (problem) throw new NotSent(`printer reports ${problem}`);
    }
    // From here on a crash leaves the job `sending`, which a restart turns into "may have printed".
    await deps.markSending();
    try {
      await session.write(bytes);
    } catch (e) {
      // Only a transport that knows nothing left (e.g. the host could not even connect) says 0.
      if (session.bytesWritten === 0) throw new NotSent(text(e));
      return mayHavePrinted('connection-lost-after-send', text(e));
    }
    // Without status support, accepted bytes are the best confirmation this printer can give.
    if (!printer.statusQueries) return { kind: 'printed' };
    let after: PrinterStatus;
    try {
      after = await session.status();
    } catch (e) {
      return mayHavePrinted('unconfirmed', `no confirmation: ${text(e)}`);
    }
    deps.onHealth(healthOf(after), null);
    const problem = statusProblem(after);
    return problem ? mayHavePrinted('printer-problem-after-send', `printer reports ${problem}`) : { kind: 'printed' };
  } catch (e) {
    if (!(e instanceof NotSent) && (session?.bytesWritten ?? 0) > 0) return mayHavePrinted('unconfirmed', text(e));
    return { kind: 'not-sent', detail: text(e) };
  } finally {
    session?.close();
  }
}
