import type { TillPorts } from '../till-ports/index.js';

type PrintingPorts = TillPorts['printing'];
type Subscription = 'subscribeOrderJobs' | 'subscribePrinters' | 'subscribeQueue';

/**
 * Ports usable before `ready` resolves: calls wait for it, subscriptions start once it has.
 * Printing starts after the first screen is painted, and the screens are built before that.
 */
export function whenReady(ready: Promise<PrintingPorts>): PrintingPorts {
  function call<K extends Exclude<keyof PrintingPorts, Subscription>>(key: K): PrintingPorts[K] {
    return (async (...args: unknown[]) => ((await ready)[key] as (...a: unknown[]) => unknown)(...args)) as PrintingPorts[K];
  }
  function subscribe<K extends Subscription>(key: K): PrintingPorts[K] {
    const start = (...args: unknown[]) => {
      let stop: (() => void) | null = null;
      let stopped = false;
      void ready.then((ports) => {
        if (!stopped) stop = (ports[key] as (...a: unknown[]) => () => void)(...args);
      });
      return () => {
        stopped = true;
        stop?.();
      };
    };
    return start;
  }
  return {
    subscribeOrderJobs: subscribe('subscribeOrderJobs'),
    subscribePrinters: subscribe('subscribePrinters'),
    subscribeQueue: subscribe('subscribeQueue'),
    retryJob: call('retryJob'),
    openCashDrawer: call('openCashDrawer'),
    printReport: call('printReport'),
    reprintJob: call('reprintJob'),
    dismissJob: call('dismissJob'),
    cancelJob: call('cancelJob'),
    reroute: call('reroute'),
    loadPrinterSettings: call('loadPrinterSettings'),
    savePrinterSettings: call('savePrinterSettings'),
    printTestPage: call('printTestPage'),
    checkPrinter: call('checkPrinter'),
  };
}
