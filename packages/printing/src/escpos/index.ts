export { encodeDocument, encodePreview } from './render';
export type { EscPosProfile } from './render';
export { CodepageWriter, DEFAULT_CODEPAGES, escTNumber } from './codepages';
export type { CodepageName, PrinterFamily } from './codepages';
