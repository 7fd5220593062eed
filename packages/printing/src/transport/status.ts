import { z } from 'zod';

/** What a printer told us about itself through `DLE EOT 1, 2, 4` (and 3 when offline). */
export const PrinterStatusSchema = z.object({
  online: z.boolean(),
  coverOpen: z.boolean(),
  paperEnd: z.boolean(),
  paperNearEnd: z.boolean(),
  error: z.boolean(),
  drawerOpen: z.boolean(),
});
export type PrinterStatus = z.infer<typeof PrinterStatusSchema>;

/** The status request sequences, in the order `parsePrinterStatus` expects their answers. */
export const STATUS_REQUESTS: readonly Uint8Array[] = [1, 2, 4].map((n) => Uint8Array.of(0x10, 0x04, n));

/** A byte that cannot be a `DLE EOT` answer (bits 1 and 4 set, bits 0 and 7 clear). */
export class InvalidStatusByteError extends Error {
  constructor(readonly byte: number, readonly request: number) {
    super(`printer answered DLE EOT ${request} with 0x${byte.toString(16).padStart(2, '0')}, which is not a status byte`);
    this.name = 'InvalidStatusByteError';
  }
}

const StatusByte = z
  .number()
  .int()
  .min(0)
  .max(255)
  .refine((b) => (b & 0b1001_0011) === 0b0001_0010, 'not an ESC/POS status byte');

/** Turns the three answers to `DLE EOT 1`, `2`, `4` into a validated status. */
export function parsePrinterStatus(bytes: readonly [number, number, number]): PrinterStatus {
  const requests = [1, 2, 4];
  bytes.forEach((b, i) => {
    if (!StatusByte.safeParse(b).success) throw new InvalidStatusByteError(b, requests[i] ?? 0);
  });
  const [printer, offlineCause, paper] = bytes;
  return PrinterStatusSchema.parse({
    online: (printer & 0x08) === 0,
    drawerOpen: (printer & 0x04) !== 0,
    coverOpen: (offlineCause & 0x04) !== 0,
    error: (offlineCause & 0x40) !== 0,
    paperEnd: (offlineCause & 0x20) !== 0 || (paper & 0x60) !== 0,
    paperNearEnd: (paper & 0x0c) !== 0,
  });
}

/** True when the printer can print right now. */
export function isReady(s: PrinterStatus): boolean {
  return s.online && !s.coverOpen && !s.paperEnd && !s.error;
}

/** A short, stable problem name for the UI, or null when ready. */
export function statusProblem(s: PrinterStatus): 'cover-open' | 'paper-out' | 'error' | 'offline' | null {
  if (s.coverOpen) return 'cover-open';
  if (s.paperEnd) return 'paper-out';
  if (s.error) return 'error';
  if (!s.online) return 'offline';
  return null;
}

/**
 * How a printer proves a job is on paper (docs/printing.md, "When a job is printed"):
 * - `process-id`: it answers `GS ( H` only after processing every byte before it;
 * - `status`: it only answers `DLE EOT` status, which real printers answer on arrival, before
 *   the buffered job is printed (a fault during printing is not seen);
 * - `none`: no answers at all; accepted bytes are all we know.
 */
export const ConfirmationSchema = z.enum(['process-id', 'status', 'none']);
export type Confirmation = z.infer<typeof ConfirmationSchema>;

/** What one job's send learnt after its bytes went out (validated where it crosses processes). */
export const PrintCompletionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('printed'), confirmation: ConfirmationSchema, status: PrinterStatusSchema.nullable() }),
  /** The printer reported a problem before it confirmed the job: part of it may be on paper. */
  z.object({ kind: z.literal('problem'), confirmation: ConfirmationSchema, status: PrinterStatusSchema }),
  /** No confirmation within the time allowed: nobody knows how much printed. */
  z.object({ kind: z.literal('unconfirmed'), confirmation: ConfirmationSchema, detail: z.string().max(2000) }),
]);
export type PrintCompletion = z.infer<typeof PrintCompletionSchema>;
