export {
  openTcpSession,
  sendConfirmed,
  queryPrinterStatus,
  tcpTransport,
  sessionTransport,
  PrinterTransportError,
  PrinterNotReadyError,
  TcpEndpointSchema,
  DEFAULT_TIMEOUTS,
} from './tcp';
export type {
  Confirmation,
  PrintCompletion,
  PrinterSession,
  PrinterTransport,
  OpenSession,
  PrinterEndpoint,
  SendOptions,
  TcpEndpoint,
  TcpTimeouts,
  TransportPhase,
} from './tcp';
export { openSerialSession, openPrinterSession, printerTransport, SerialEndpointSchema } from './serial';
export type { SerialEndpoint } from './serial';
export { streamSession, processIdRequest } from './session';
export {
  parsePrinterStatus,
  isReady,
  statusProblem,
  PrinterStatusSchema,
  InvalidStatusByteError,
  STATUS_REQUESTS,
  ConfirmationSchema,
  PrintCompletionSchema,
} from './status';
export type { PrinterStatus } from './status';
