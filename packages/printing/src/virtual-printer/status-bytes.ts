/** The mechanical state a virtual printer reports through `DLE EOT n`. */
export interface PrinterCondition {
  offline: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  /** An unrecoverable error (cutter jam, head overheated…). */
  error: boolean;
  /** Drawer-kick connector pin 3 (drawer open sensor). */
  drawerOpen: boolean;
}

/**
 * The one-byte answer to `DLE EOT n` as an Epson TM printer sends it: bits 1 and 4 are always
 * set, bits 0 and 7 always clear (that is how a host tells a status byte from other data).
 */
export function statusByte(n: number, c: PrinterCondition): number {
  const fixed = 0b0001_0010;
  // A printer that lacks paper or has its cover open is offline as well (Epson behaviour).
  const offline = c.offline || c.paperOut || c.coverOpen || c.error;
  switch (n) {
    case 1: // printer status
      return fixed | (c.drawerOpen ? 0x04 : 0) | (offline ? 0x08 : 0);
    case 2: // offline cause
      return fixed | (c.coverOpen ? 0x04 : 0) | (c.paperOut ? 0x20 : 0) | (c.error ? 0x40 : 0);
    case 3: // error cause: bit 5 unrecoverable
      return fixed | (c.error ? 0x20 : 0);
    case 4: // roll paper sensor: bits 2-3 near end, bits 5-6 paper end
      return fixed | (c.paperNearEnd || c.paperOut ? 0x0c : 0) | (c.paperOut ? 0x60 : 0);
    default:
      return fixed;
  }
}
