export { startVirtualPrinter } from './server';
export type { VirtualPrinter, VirtualPrinterFaults, VirtualPrinterOptions, PrintedDocument, Interruption } from './server';
export { EscPosDecoder, decodeEscPos, EPSON_CODEPAGE_NUMBERS } from './decoder';
export type { DecoderEvent } from './decoder';
export { statusByte } from './status-bytes';
export type { PrinterCondition } from './status-bytes';
