/** Words printed on documents, per language. Amounts and dates follow the branch locale separately. */
export interface Labels {
  taxId: string;
  ticket: string;
  table: string;
  covers: string;
  takeaway: string;
  servedBy: string;
  /** Takeaway receipts: when the guest was told the order would be ready. */
  readyAround: string;
  printed: string;
  duplicate: string;
  reprint: string;
  /** Banner on a customer document printed again from the print queue. */
  copy: string;
  bill: string;
  subtotal: string;
  discounts: string;
  total: string;
  cashRounding: string;
  toPay: string;
  vat: string;
  net: string;
  tax: string;
  gross: string;
  tendered: string;
  inclTip: string;
  change: string;
  stillDue: string;
  method: Record<'cash' | 'card' | 'other', string>;
  refund: string;
  forTicket: string;
  reason: string;
  refunded: string;
  paidBackBy: string;
  signature: string;
  void: string;
  fireCourse: string;
  course: string;
  seat: string;
  held: string;
  by: string;
  reroutedFrom: string;
  xReport: string;
  zReport: string;
  interim: string;
  endOfShift: string;
  till: string;
  businessDay: string;
  opened: string;
  closed: string;
  taken: string;
  sales: string;
  orders: string;
  grossSales: string;
  refunds: string;
  netSales: string;
  /** Sum of the VAT rows of a report. */
  taxTotal: string;
  /** Net sales without their VAT. */
  netOfTax: string;
  voids: string;
  tips: string;
  noSales: string;
  taxes: string;
  payments: string;
  cashDrawer: string;
  openingFloat: string;
  cashSales: string;
  payIns: string;
  payOuts: string;
  cashRefunds: string;
  expected: string;
  counted: string;
  over: string;
  short: string;
  /** Kitchen tickets: the line's allergens, printed inverted. */
  allergens: string;
}

const en: Labels = {
  taxId: 'Tax ID',
  ticket: 'Ticket',
  table: 'Table',
  covers: 'covers',
  takeaway: 'Takeaway',
  servedBy: 'Served by',
  readyAround: 'Ready around',
  printed: 'Printed',
  duplicate: 'DUPLICATE',
  reprint: 'REPRINT',
  copy: 'COPY',
  bill: 'BILL - NOT A RECEIPT',
  subtotal: 'Subtotal',
  discounts: 'Discounts',
  total: 'TOTAL',
  cashRounding: 'Cash rounding',
  toPay: 'To pay',
  vat: 'VAT',
  net: 'Net',
  tax: 'Tax',
  gross: 'Gross',
  tendered: 'Tendered',
  inclTip: 'incl. tip',
  change: 'CHANGE',
  stillDue: 'STILL DUE',
  method: { cash: 'Cash', card: 'Card', other: 'Other' },
  refund: 'REFUND',
  forTicket: 'For ticket',
  reason: 'Reason',
  refunded: 'REFUNDED',
  paidBackBy: 'Paid back by',
  signature: 'Signature',
  void: '*** VOID ***',
  fireCourse: 'FIRE COURSE',
  course: 'Course',
  seat: 'Seat',
  held: 'HELD - do not start',
  by: 'by',
  reroutedFrom: 'RE-ROUTED FROM',
  xReport: 'X REPORT',
  zReport: 'Z REPORT',
  interim: 'Interim - shift remains open',
  endOfShift: 'End of shift',
  till: 'Till',
  businessDay: 'Business day',
  opened: 'Opened',
  closed: 'Closed',
  taken: 'Taken',
  sales: 'SALES',
  orders: 'Orders',
  grossSales: 'Gross sales',
  refunds: 'Refunds',
  netSales: 'NET SALES',
  taxTotal: 'Total VAT',
  netOfTax: 'Net sales excl. VAT',
  voids: 'Voids',
  tips: 'Tips',
  noSales: 'No-sale drawer opens',
  taxes: 'TAXES',
  payments: 'PAYMENTS',
  cashDrawer: 'CASH DRAWER',
  openingFloat: 'Opening float',
  cashSales: 'Cash sales',
  payIns: 'Pay-ins',
  payOuts: 'Pay-outs',
  cashRefunds: 'Cash refunds',
  expected: 'EXPECTED IN DRAWER',
  counted: 'Counted',
  over: 'Over',
  short: 'SHORT',
  allergens: 'ALLERGENS',
};

const fr: Labels = {
  taxId: 'N° TVA',
  ticket: 'Ticket',
  table: 'Table',
  covers: 'couverts',
  takeaway: 'À emporter',
  servedBy: 'Servi par',
  readyAround: 'Prête vers',
  printed: 'Imprimé le',
  duplicate: 'DUPLICATA',
  reprint: 'RÉIMPRESSION',
  copy: 'DUPLICATA',
  bill: 'ADDITION - PAS UN REÇU',
  subtotal: 'Sous-total',
  discounts: 'Remises',
  total: 'TOTAL',
  cashRounding: 'Arrondi espèces',
  toPay: 'À payer',
  vat: 'TVA',
  net: 'HT',
  tax: 'TVA',
  gross: 'TTC',
  tendered: 'Reçu',
  inclTip: 'dont pourboire',
  change: 'RENDU',
  stillDue: 'RESTE DÛ',
  method: { cash: 'Espèces', card: 'Carte', other: 'Autre' },
  refund: 'REMBOURSEMENT',
  forTicket: 'Ticket',
  reason: 'Motif',
  refunded: 'REMBOURSÉ',
  paidBackBy: 'Rendu en',
  signature: 'Signature',
  void: '*** ANNULÉ ***',
  fireCourse: 'ENVOI SERVICE',
  course: 'Service',
  seat: 'Place',
  held: 'EN ATTENTE - ne pas lancer',
  by: 'par',
  reroutedFrom: 'REDIRIGÉ DEPUIS',
  xReport: 'RAPPORT X',
  zReport: 'RAPPORT Z',
  interim: 'Intermédiaire - service ouvert',
  endOfShift: 'Clôture du service',
  till: 'Caisse',
  businessDay: 'Journée',
  opened: 'Ouverture',
  closed: 'Clôture',
  taken: 'Édité',
  sales: 'VENTES',
  orders: 'Commandes',
  grossSales: 'Ventes brutes',
  refunds: 'Remboursements',
  netSales: 'VENTES NETTES',
  taxTotal: 'Total TVA',
  netOfTax: 'Ventes nettes HT',
  voids: 'Annulations',
  tips: 'Pourboires',
  noSales: 'Ouvertures tiroir sans vente',
  taxes: 'TAXES',
  payments: 'RÈGLEMENTS',
  cashDrawer: 'TIROIR-CAISSE',
  openingFloat: 'Fond de caisse',
  cashSales: 'Ventes espèces',
  payIns: 'Entrées',
  payOuts: 'Sorties',
  cashRefunds: 'Remboursements espèces',
  expected: 'ATTENDU EN CAISSE',
  counted: 'Compté',
  over: 'Excédent',
  short: 'MANQUANT',
  allergens: 'ALLERGÈNES',
};

/** Labels for a BCP 47 locale: French for `fr*`, English otherwise. */
export function labelsFor(locale: string | undefined): Labels {
  return locale?.toLowerCase().startsWith('fr') ? fr : en;
}
