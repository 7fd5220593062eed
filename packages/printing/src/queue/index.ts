export { PrintWorker } from './worker';
export type { PrintEvent, PrinterHealth, PrintWorkerOptions, BackoffOptions } from './worker';
export { MemoryPrintJobStore } from './memory-store';
export {
  PrintJobSchema,
  NewPrintJobSchema,
  JobStateSchema,
  SETTLED_JOB_STATES,
  AttentionReasonSchema,
  PrintJobError,
  CANCELLED_BEFORE_SENDING,
  EXPIRED_BEFORE_SENDING,
} from './types';
export type { PrintJob, NewPrintJob, JobState, AttentionReason, PrintJobStore } from './types';
export {
  PrinterDefinitionSchema,
  RoutingConfigSchema,
  routingFromBranchPrinters,
  encodeFor,
  testPageBytes,
} from './routing';
export type { PrinterDefinition, RoutingConfig, RoutingConfigInput } from './routing';
export { jobsForPrintRequest, receiptBranding } from './print-requests';
export { remoteTransport, RemotePrinterError } from './remote-transport';
export type { HostPrinterApi } from './remote-transport';
export type { PrintRequestContext } from './print-requests';
