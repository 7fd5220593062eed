import { z } from 'zod';
import { MAX_AMOUNT, listSchema, nameSchema, textSchema } from '../common/bounds';
import { documentBase, idSchema } from '../common/document';
import { currencyCodeSchema } from '../money/currency';
import { DEFAULT_STATION_PARALLELISM, MAX_STATION_PARALLELISM } from '../kitchen/estimate';
import { orderTypeSchema } from '../orders/schemas';
import { receiptLogoSchema, receiptQrSchema } from './logo';

/** Default {@link BranchDoc.cashVarianceLimit}: 500 minor units (€5.00). */
export const DEFAULT_CASH_VARIANCE_LIMIT = 500;

/** Default {@link BranchDoc.orderHistoryDays}: tills keep the last 2 days of closed orders. */
export const DEFAULT_ORDER_HISTORY_DAYS = 2;
/** Most days of closed orders a till pulls; older ones are searched on demand. */
export const MAX_ORDER_HISTORY_DAYS = 31;

/** Schema version of `branches` documents. */
export const BRANCH_SCHEMA_VERSION = 1;

/** A postal address as printed on receipts (lines in print order). */
export const addressSchema = z.strictObject({
  lines: listSchema(nameSchema.min(1), 10).min(1),
  postalCode: nameSchema.default(''),
  city: nameSchema.default(''),
  /** ISO 3166-1 alpha-2 country code, e.g. `FR`. */
  country: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO country code like FR'),
});
/** A postal address. */
export type Address = z.infer<typeof addressSchema>;

/** A till (counter terminal) of a branch. Ticket numbers are counted per till. */
export const tillSchema = z.strictObject({ id: idSchema, name: nameSchema.min(1) });
/** A till of a branch. */
export type Till = z.infer<typeof tillSchema>;

/**
 * A network ESC/POS printer of a branch: which stations' tickets it prints and
 * whether it prints customer receipts.
 */
export const printerConfigSchema = z.strictObject({
  id: idSchema,
  name: nameSchema.default(''),
  host: nameSchema.min(1),
  port: z.number().int().min(1).max(65_535).default(9100),
  /** Characters per line (48 for 80 mm paper with font A, 32 for 58 mm). */
  columns: z.number().int().min(16).max(96).default(48),
  stationIds: listSchema(idSchema, 100).default([]),
  receipts: z.boolean().default(false),
});
/** A printer configuration. */
export type PrinterConfig = z.infer<typeof printerConfigSchema>;

/** Where a station's kitchen tickets go: printed, shown on kitchen screens only, or both. */
export const stationOutputSchema = z.enum(['print', 'screen', 'both']);
/** A station output. */
export type StationOutput = z.infer<typeof stationOutputSchema>;

/**
 * How a station works in this branch: where its tickets go and how many tickets it prepares at
 * once (cooks, burners), which the preparation-time estimate divides the queue by. A station
 * without a setting prints and works one ticket at a time.
 */
export const stationSettingSchema = z.strictObject({
  stationId: idSchema,
  output: stationOutputSchema.default('print'),
  parallelism: z
    .number()
    .int()
    .min(1)
    .max(MAX_STATION_PARALLELISM)
    .default(DEFAULT_STATION_PARALLELISM),
});
/** A station setting of a branch. */
export type StationSetting = z.infer<typeof stationSettingSchema>;

/** Time zones `Intl` accepted: checking one costs milliseconds, and every branch read checks it. */
const knownTimeZones = new Set<string>();
/** Intl's canonical zone names, listed once (a few ms; building a formatter first costs ~50 ms). */
let canonicalTimeZones: ReadonlySet<string> | null = null;

/**
 * Validates an IANA time zone name with `Intl` (e.g. `Europe/Paris`). Canonical names are looked up
 * in `Intl.supportedValuesOf`; anything else (aliases such as `Asia/Calcutta`, `UTC` on some
 * engines) is tried on a date formatter, which loads far more of ICU.
 */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine(
    (tz) => {
      if (knownTimeZones.has(tz)) return true;
      canonicalTimeZones ??= new Set(
        typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [],
      );
      try {
        if (!canonicalTimeZones.has(tz)) new Intl.DateTimeFormat('en', { timeZone: tz });
        knownTimeZones.add(tz);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'expected an IANA time zone such as Europe/Paris' },
  );

/**
 * A branch (restaurant location) of the organization (`branches` collection).
 * `branchId` equals `id` so replication can filter branch docs like any other.
 */
export const branchDocSchema = z.object({
  ...documentBase(BRANCH_SCHEMA_VERSION),
  branchId: idSchema,
  name: nameSchema.min(1),
  /** Legal name printed on receipts, defaults to the organization name. */
  legalName: nameSchema.default(''),
  address: addressSchema,
  /** VAT / tax registration number printed on receipts. */
  taxId: nameSchema.default(''),
  timeZone: timeZoneSchema,
  /** BCP 47 locale for formatting, e.g. `fr-FR`. */
  locale: z.string().min(2).max(35).default('en'),
  currency: currencyCodeSchema,
  /** Smallest cash step in minor units (1 = no rounding, 5 = round cash to 0.05). */
  cashRoundingStep: z.number().int().positive().max(100_000).default(1),
  /** Hour (local time) at which the business day starts, so 01:00 sales belong to the previous day. */
  businessDayStartHour: z.number().int().min(0).max(23).default(4),
  /** Discounts above these limits need a manager's approval. */
  discountApproval: z
    .strictObject({
      maxPercentBasisPoints: z.number().int().min(0).max(10_000).default(1000),
      maxAmount: z.number().int().nonnegative().max(MAX_AMOUNT).default(1000),
    })
    .default({ maxPercentBasisPoints: 1000, maxAmount: 1000 }),
  /**
   * Largest over/short (|counted − expected cash|) that closes a shift without a manager's
   * approval, in minor units (default 5.00).
   */
  cashVarianceLimit: z
    .number()
    .int()
    .nonnegative()
    .max(MAX_AMOUNT)
    .default(DEFAULT_CASH_VARIANCE_LIMIT),
  /**
   * The order an item tap starts when no order is open (table and covers can be set later):
   * takeaway by default, dine-in for a table-service room.
   */
  defaultOrderType: orderTypeSchema.default('takeaway'),
  receiptFooter: textSchema.default(''),
  /**
   * Days of closed (paid, voided, refunded) orders every till of the branch pulls besides the open
   * ones, for refunds and reprints; older orders are fetched on demand by search.
   */
  orderHistoryDays: z
    .number()
    .int()
    .min(0)
    .max(MAX_ORDER_HISTORY_DAYS)
    .default(DEFAULT_ORDER_HISTORY_DAYS),
  /** Printed above the receipt header; set by uploading a file (`owner.branches.setLogo`). */
  logo: receiptLogoSchema.nullable().default(null),
  /** Printed as a QR code under customer receipts when not empty (see `receiptQrContent`). */
  receiptQr: receiptQrSchema.default(''),
  tills: listSchema(tillSchema, 100).default([]),
  printers: listSchema(printerConfigSchema, 100).default([]),
  /** Per station: print, screen or both, and its parallelism; one entry per station at most. */
  stationSettings: listSchema(stationSettingSchema, 100)
    .refine((list) => new Set(list.map((s) => s.stationId)).size === list.length, {
      message: 'each station can have one setting only',
    })
    .default([]),
});
/** A branch document. */
export type BranchDoc = z.infer<typeof branchDocSchema>;

/** Where `stationId`'s tickets go in this branch (`print` unless set). */
export function stationOutput(
  branch: Pick<BranchDoc, 'stationSettings'>,
  stationId: string,
): StationOutput {
  return branch.stationSettings.find((s) => s.stationId === stationId)?.output ?? 'print';
}

/** The stations whose tickets only go to kitchen screens: no print job is made for them. */
export function screenOnlyStations(branch: Pick<BranchDoc, 'stationSettings'>): string[] {
  return branch.stationSettings.filter((s) => s.output === 'screen').map((s) => s.stationId);
}

/** Tickets `stationId` prepares at once in this branch (see `estimateReadyMinutes`). */
export function stationParallelism(
  branch: Pick<BranchDoc, 'stationSettings'>,
  stationId: string,
): number {
  return (
    branch.stationSettings.find((s) => s.stationId === stationId)?.parallelism ??
    DEFAULT_STATION_PARALLELISM
  );
}

/** `settings` with `setting` for its station, replacing the previous one (stations keep their order). */
export function withStationSetting(
  settings: readonly StationSetting[],
  setting: StationSetting,
): StationSetting[] {
  const at = settings.findIndex((s) => s.stationId === setting.stationId);
  return at < 0 ? [...settings, setting] : settings.map((s, i) => (i === at ? setting : s));
}
