import { PrintJobSchema, type JobState, type PrintJob, type PrintJobStore } from './types';

/**
 * In-memory {@link PrintJobStore}. Jobs are copied in and out (as a database would serialise them)
 * and validated on the way out, so tests catch a worker that mutates or corrupts stored jobs.
 * Share one instance between two workers to simulate a host restart over the same disk.
 */
export class MemoryPrintJobStore implements PrintJobStore {
  private readonly jobs = new Map<string, PrintJob>();

  insertIfAbsent(job: PrintJob): Promise<PrintJob> {
    const existing = this.jobs.get(job.id);
    if (existing) return Promise.resolve(PrintJobSchema.parse(structuredClone(existing)));
    this.jobs.set(job.id, structuredClone(PrintJobSchema.parse(job)));
    return Promise.resolve(structuredClone(job));
  }

  put(job: PrintJob): Promise<void> {
    this.jobs.set(job.id, structuredClone(PrintJobSchema.parse(job)));
    return Promise.resolve();
  }

  get(id: string): Promise<PrintJob | null> {
    const job = this.jobs.get(id);
    return Promise.resolve(job ? PrintJobSchema.parse(structuredClone(job)) : null);
  }

  list(states?: readonly JobState[]): Promise<PrintJob[]> {
    const out = [...this.jobs.values()]
      .filter((j) => !states || states.includes(j.state))
      .sort((a, b) => a.seq - b.seq)
      .map((j) => PrintJobSchema.parse(structuredClone(j)));
    return Promise.resolve(out);
  }
}
