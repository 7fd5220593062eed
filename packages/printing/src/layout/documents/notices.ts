import type { LayoutDocument } from '../model';
import type { Labels } from '../labels';

/**
 * Adds a loud banner under the first line of a document ("REPRINT", "RE-ROUTED FROM Grill").
 * The queue uses it at send time, because only then is it known that a job is a reprint or went
 * to a backup printer.
 */
export function withNotice(doc: LayoutDocument, notice: string): LayoutDocument {
  const [first, ...rest] = doc.blocks;
  const banner = { kind: 'text' as const, text: notice, align: 'center' as const, style: { invert: true, bold: true } };
  return { ...doc, blocks: first ? [first, banner, ...rest] : [banner] };
}

/**
 * A document printed again from the print queue: marked as a copy ("COPY"/"DUPLICATA" on
 * customer documents, "REPRINT" on kitchen tickets) and without its drawer pulse, because only
 * the original cash payment may open the drawer.
 */
export function asCopy(doc: LayoutDocument, L: Labels): LayoutDocument {
  const withoutDrawer = { ...doc, blocks: doc.blocks.filter((b) => b.kind !== 'drawer') };
  return withNotice(withoutDrawer, doc.kind === 'kitchen' ? L.reprint : L.copy);
}
