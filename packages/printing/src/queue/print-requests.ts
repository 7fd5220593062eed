import { orderReadyAt } from '@comanda/core/kitchen';
import { receiptQrContent } from '@comanda/core/branch';
import { ticketLabel, type OrderDoc, type PrintRequest } from '@comanda/core/orders';
import { kitchenTicketLayout } from '../layout/documents/kitchen-ticket';
import { receiptLayout, refundLayout } from '../layout/documents/receipt';
import type { LayoutDocument, LogoBlock } from '../layout/model';
import type { BranchInfo } from '../layout/types';
import { PrintJobError, type NewPrintJob } from './types';

/** What the till knows besides the order when it materialises print jobs. */
export interface PrintRequestContext {
  branch: BranchInfo;
  /** Station id → name printed on the ticket ("Grill"). */
  stationNames: Readonly<Record<string, string>>;
  /** Staff id → name (cashier on receipts, server on tickets). */
  staffNames: Readonly<Record<string, string>>;
  logo?: LogoBlock;
  /** Footer QR for customer receipts (e.g. e-receipt link); none when omitted. */
  receiptQr?: (order: OrderDoc) => string | undefined;
}

/**
 * The branch's logo and receipt QR as every customer receipt gets them (printed jobs and the
 * till's preview alike); both come from the back office with the branch document.
 */
export function receiptBranding(branch: { logo?: LogoBlock | null; receiptQr?: string }): Pick<PrintRequestContext, 'logo' | 'receiptQr'> {
  const template = branch.receiptQr ?? '';
  return {
    ...(branch.logo ? { logo: branch.logo } : {}),
    receiptQr: (order) => receiptQrContent(template, order.id),
  };
}

/**
 * The print jobs of one outbox entry (`order.printRequests[i]`): one per kitchen ticket
 * (route = station) or one customer document (route = 'receipt'). Job ids are
 * `${request.id}:${target}`, so materialising the same request twice enqueues nothing new.
 * @throws {PrintJobError} NOT_FOUND when a reprint or refund points at something the order lacks
 */
export function jobsForPrintRequest(order: OrderDoc, request: PrintRequest, ctx: PrintRequestContext): NewPrintJob[] {
  const name = (staffId: string): string => ctx.staffNames[staffId] ?? staffId;
  if (request.tickets.length > 0) {
    // A screen-only station's ticket is shown on kitchen screens, never printed (see printRequestTargets).
    const printed = request.tickets.filter((ticket) => !request.screenOnly.includes(ticket.stationId));
    return printed.map((ticket) => ({
      id: `${request.id}:${ticket.stationId}`,
      route: ticket.stationId,
      document: kitchenTicketLayout({
        ticket,
        stationName: ctx.stationNames[ticket.stationId] ?? ticket.stationId,
        timeZone: ctx.branch.timeZone,
        locale: ctx.branch.locale,
        by: name(ticket.by),
      }),
    }));
  }
  const original = request.kind === 'reprint' ? order.printRequests.find((r) => r.id === request.reprintOf) : request;
  if (!original) throw new PrintJobError('NOT_FOUND', `print request ${request.reprintOf ?? '?'} is not on order #${ticketLabel(order)}`);
  const copy = request.kind === 'reprint' ? ('duplicate' as const) : ('original' as const);
  let document: LayoutDocument;
  switch (original.kind) {
    case 'refund': {
      const refundId = original.refundId ?? '';
      const refund = order.refunds.find((r) => r.id === refundId);
      if (!refund) throw new PrintJobError('NOT_FOUND', `refund ${refundId} is not on order #${ticketLabel(order)}`);
      document = refundLayout({ branch: ctx.branch, order, refundId, cashierName: name(refund.by), printedAt: request.at, copy, openDrawer: copy === 'original' && refund.method === 'cash' });
      break;
    }
    case 'bill':
    case 'receipt':
      document = receiptLayout({
        branch: ctx.branch,
        order,
        cashierName: name(order.payments.at(-1)?.by ?? request.by),
        printedAt: request.at,
        copy,
        bill: original.kind === 'bill',
        logo: ctx.logo,
        qrData: original.kind === 'receipt' ? ctx.receiptQr?.(order) : undefined,
        readyAt: orderReadyAt(order),
        // The drawer opens for the first receipt of a cash sale, never for copies.
        openDrawer: copy === 'original' && original.kind === 'receipt' && order.payments.some((p) => p.method === 'cash'),
      });
      break;
    default:
      return []; // a kitchen request without tickets prints nothing
  }
  return [{ id: `${request.id}:receipt`, route: 'receipt', document }];
}
