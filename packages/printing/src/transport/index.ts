export {
  openTcpSession,
  queryPrinterStatus,
  tcpTransport,
  PrinterTransportError,
  TcpEndpointSchema,
  DEFAULT_TIMEOUTS,
} from './tcp';
export type { PrinterSession, PrinterTransport, TcpEndpoint, TcpTimeouts, TransportPhase } from './tcp';
export {
  parsePrinterStatus,
  isReady,
  statusProblem,
  PrinterStatusSchema,
  InvalidStatusByteError,
  STATUS_REQUESTS,
} from './status';
export type { PrinterStatus } from './status';
