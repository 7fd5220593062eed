import type { PrinterStatusView } from '../till-ports/printing.js';

/**
 * A printer's health as the till shows it (and reports it to the server). Its own module: the
 * device report (runtime, start-up path) needs it without loading the print queue.
 */
export const HEALTH_VIEW: Record<string, PrinterStatusView['state']> = {
  online: 'online',
  'paper-near-end': 'online',
  'paper-out': 'paper-out',
  'cover-open': 'cover-open',
  error: 'error',
  offline: 'offline',
  unreachable: 'offline',
};
