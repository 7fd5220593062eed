import type { PrintedDocument } from '@comanda/printing/virtual-printer';

/** A kitchen ticket as a virtual printer decoded it: its station heading and ticket ("A-12"). */
export interface KitchenTicket {
  station: string;
  ticket: string;
  reprint: boolean;
}

const strip = (line: string) => line.replace(/\[\/?[A-Z0-9x ]+\]/g, '').trim();

/**
 * The kitchen tickets among printed documents: a station heading, then "#A-12  19:42" in double
 * size (receipts say "Ticket #A-12", bills "BILL - NOT A RECEIPT": neither matches).
 */
export function kitchenTickets(documents: readonly PrintedDocument[]): KitchenTicket[] {
  return documents.flatMap((doc) => {
    const lines = doc.text.split('\n').filter((l) => strip(l) !== '');
    const at = lines.findIndex((l) => /^\[B\]\[2x2\]#[A-Z]{1,2}-\d+\s/.test(l));
    if (at < 1) return [];
    const ticket = /#([A-Z]{1,2}-\d+)/.exec(lines[at]!)![1]!;
    return [{ station: strip(lines[0]!), ticket, reprint: /REPRINT|RÉIMPRESSION/.test(doc.text) }];
  });
}
