export {
  openTcpSession,
  sendConfirmed,
  queryPrinterStatus,
  tcpTransport,
  PrinterTransportError,
  TcpEndpointSchema,
  DEFAULT_TIMEOUTS,
} from './tcp';
export type { PrinterSession, PrinterTransport, PrinterEndpoint, TcpEndpoint, TcpTimeouts, TransportPhase } from './tcp';
export { openSerialSession, printerTransport, SerialEndpointSchema } from './serial';
export type { SerialEndpoint } from './serial';
export { streamSession } from './session';
export {
  parsePrinterStatus,
  isReady,
  statusProblem,
  PrinterStatusSchema,
  InvalidStatusByteError,
  STATUS_REQUESTS,
} from './status';
export type { PrinterStatus } from './status';
