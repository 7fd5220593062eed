import type { LayoutDocument } from '../model';

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
