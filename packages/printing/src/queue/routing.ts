import type { Codepage } from '@point-of-sale/codepage-encoder';
import { z } from 'zod';
import { DEFAULT_CODEPAGES, type PrinterFamily } from '../escpos/codepages';
import { encodeDocument } from '../escpos/render';
import { testPageLayout } from '../layout/documents/test-page';
import type { LayoutDocument } from '../layout/model';

/** A configured printer (the settings screen edits these). */
export const PrinterDefinitionSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Network printers only (a serial printer's host is ignored and may be empty). */
  host: z.string(),
  port: z.number().int().min(1).max(65535).default(9100),
  /** Serial device instead of TCP (`/dev/ttyUSB0`); `host`/`port` are then ignored. */
  serialPath: z.string().min(1).nullable().default(null),
  baudRate: z.number().int().positive().default(9600),
  columns: z.union([z.literal(32), z.literal(42), z.literal(48)]).default(48),
  /** Code pages in order of preference; the default covers Western Europe, Greek, Turkish, Central Europe and Cyrillic. */
  codepages: z.array(z.string()).default([...DEFAULT_CODEPAGES]),
  /** Printer family for command and code-page numbering (encoder mapping name). */
  family: z.string().default('epson'),
  /**
   * Whether the printer answers `DLE EOT` status requests (most do). Without it a job counts as
   * printed once all bytes were accepted, and printer problems cannot be seen in advance.
   */
  statusQueries: z.boolean().default(true),
});
export type PrinterDefinition = z.infer<typeof PrinterDefinitionSchema>;

/**
 * Which printer prints what: a route key (station id, or 'receipt') → primary printer and an
 * optional backup that takes over after `failoverAfter` consecutive failures of the primary.
 */
export const RoutingConfigSchema = z
  .object({
    printers: z.array(PrinterDefinitionSchema),
    routes: z.record(z.string(), z.object({ primary: z.string(), backup: z.string().nullable().default(null) })),
    failoverAfter: z.number().int().min(1).default(3),
  })
  .superRefine((cfg, ctx) => {
    const ids = new Set(cfg.printers.map((p) => p.id));
    for (const [route, r] of Object.entries(cfg.routes)) {
      for (const id of [r.primary, r.backup]) {
        if (id !== null && !ids.has(id)) ctx.addIssue({ code: 'custom', message: `route "${route}" uses unknown printer "${id}"`, path: ['routes', route] });
      }
    }
  });
export type RoutingConfig = z.infer<typeof RoutingConfigSchema>;
export type RoutingConfigInput = z.input<typeof RoutingConfigSchema>;

/**
 * Builds routing from core's branch printer list (`stationIds`, `receipts`) plus backups chosen
 * per station in the settings screen.
 */
export function routingFromBranchPrinters(
  printers: readonly {
    id: string;
    name?: string;
    host: string;
    port?: number;
    serialPath?: string | null;
    baudRate?: number;
    columns?: number;
    stationIds?: string[];
    receipts?: boolean;
  }[],
  backups: Readonly<Record<string, string>> = {},
  failoverAfter = 3,
): RoutingConfig {
  const routes: Record<string, { primary: string; backup: string | null }> = {};
  for (const p of printers) {
    for (const s of p.stationIds ?? []) routes[s] = { primary: p.id, backup: backups[s] ?? null };
    if (p.receipts) routes.receipt = { primary: p.id, backup: backups.receipt ?? null };
  }
  return RoutingConfigSchema.parse({
    printers: printers.map((p) => ({ id: p.id, name: p.name || p.id, host: p.host, port: p.port, serialPath: p.serialPath, baudRate: p.baudRate, columns: p.columns })),
    routes,
    failoverAfter,
  });
}

/** A document as this printer prints it (its columns, code pages and command family). */
export function encodeFor(printer: PrinterDefinition, doc: LayoutDocument): Uint8Array {
  return encodeDocument(doc, {
    columns: printer.columns,
    codepages: printer.codepages as Codepage[],
    codepageMapping: printer.family as PrinterFamily,
  });
}

/**
 * The test page of one printer, encoded exactly as its jobs are (same columns and code pages),
 * so what it shows is what tickets will look like. The one test page the till prints.
 */
export function testPageBytes(printer: PrinterDefinition, at: Date): Uint8Array {
  const serial = printer.serialPath !== null;
  return encodeFor(
    printer,
    testPageLayout({
      printerName: printer.name,
      host: serial ? printer.serialPath! : printer.host,
      port: serial ? printer.baudRate : printer.port,
      columns: printer.columns,
      printedAt: at.toISOString(),
    }),
  );
}
