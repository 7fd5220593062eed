/**
 * Inputs of the document builders. They are structural subsets of `@comanda/core`'s `BranchDoc`,
 * `OrderDoc` and `KitchenTicket`, so core's documents can be passed as they are (a type test
 * checks that) while this package stays usable on its own.
 */
import type { AllergenCode } from '@comanda/core/menu';

export interface BranchInfo {
  name: string;
  legalName?: string;
  address: { lines: string[]; postalCode?: string; city?: string; country: string };
  taxId?: string;
  timeZone: string;
  locale?: string;
  currency: string;
  receiptFooter?: string;
}

export interface ReceiptLineModifier {
  name: string;
  priceDelta: number;
}

export interface ReceiptOrderLine {
  id: string;
  name: string;
  unitPrice: number;
  modifiers: ReceiptLineModifier[];
  notes: string;
  quantity: number;
  voidedQuantity: number;
  seat?: number | null;
  /** The line's VAT rate: a refund slip's VAT table puts refunded lines at their rate. */
  taxRateBasisPoints?: number;
}

export interface ReceiptPayment {
  method: 'cash' | 'card' | 'other';
  amount: number;
  tip: number;
  tendered: number | null;
  change: number;
  label?: string | null;
  reference?: string | null;
}

export interface ReceiptTotals {
  subtotal: number;
  discountTotal: number;
  taxes: { rateBasisPoints: number; net: number; tax: number; gross: number }[];
  taxTotal: number;
  total: number;
  cashRounding: number;
  totalDue: number;
  paid: number;
  tips: number;
  change: number;
  refunded: number;
  due: number;
}

export interface ReceiptOrder {
  id: string;
  ticketNumber: number;
  /** The till's code: the ticket reads "A-12" (core's `ticketLabel`). */
  ticketCode?: string;
  type: 'dineIn' | 'takeaway';
  table: string | null;
  covers: number | null;
  customerName?: string | null;
  currency: string;
  createdAt: number;
  lines: ReceiptOrderLine[];
  payments: ReceiptPayment[];
  refunds: { id: string; amount: number; method: 'cash' | 'card' | 'other'; reason: string; lines: { lineId: string; quantity: number; amount: number }[]; at: number }[];
  totals: ReceiptTotals;
}

export interface KitchenTicketLineInput {
  lineId: string;
  name: string;
  quantity: number;
  modifiers: string[];
  notes: string;
  /** EU allergen codes of the line (core `AllergenCode`), printed in the ticket's language. */
  allergens?: readonly AllergenCode[];
  /** The menu's free-text allergen note. */
  allergenNote?: string;
  seat: number | null;
  course: number;
}

export interface KitchenTicketInput {
  stationId: string;
  kind: 'order' | 'void' | 'fire';
  ticketNumber: number;
  /** The till's code: the ticket reads "A-12" (core's `ticketLabel`). */
  ticketCode?: string;
  orderType: 'dineIn' | 'takeaway';
  table: string | null;
  covers: number | null;
  customerName?: string | null;
  course?: number | null;
  lines: KitchenTicketLineInput[];
  held?: KitchenTicketLineInput[];
  at: number;
  reprint?: boolean;
}
