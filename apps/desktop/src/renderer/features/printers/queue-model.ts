import type { PrintQueueJob, PrintQueueView } from '../../till-ports';

/** Not on paper yet (or not known to be): what the queue screen lists per printer. */
export function isWaiting(job: PrintQueueJob): boolean {
  return job.state !== 'printed' && job.state !== 'dismissed' && job.state !== 'cancelled';
}

export interface QueueGroup {
  printerId: string | null;
  jobs: PrintQueueJob[];
}

/**
 * Waiting jobs grouped by the printer they print on now (printers in settings order, then jobs
 * whose station has no printer), and the recently printed or dismissed ones.
 */
export function groupQueue(view: PrintQueueView): {
  groups: QueueGroup[];
  recent: PrintQueueJob[];
  waiting: number;
} {
  const waiting = view.jobs.filter(isWaiting);
  const order = [...view.printers.map((p) => p.printerId), null];
  const groups = order
    .map((printerId) => ({ printerId, jobs: waiting.filter((j) => j.printerId === printerId) }))
    .filter((g) => g.jobs.length > 0);
  // A job whose printer was removed from settings since: still shown, under its own id.
  for (const job of waiting) {
    if (order.includes(job.printerId)) continue;
    const group = groups.find((g) => g.printerId === job.printerId);
    if (group) group.jobs.push(job);
    else groups.push({ printerId: job.printerId, jobs: [job] });
  }
  return { groups, recent: view.jobs.filter((j) => !isWaiting(j)), waiting: waiting.length };
}
