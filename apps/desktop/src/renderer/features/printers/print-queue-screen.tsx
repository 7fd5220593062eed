import { useState } from 'react';
import { EmptyState, useI18n } from '@comanda/ui';
import { useTill } from '../app/till-context';
import { usePort } from '../app/use-port';
import type { PrinterStatusView, PrintQueueJob, PrintQueueView } from '../../till-ports';
import { PrinterStateBadge } from './printer-state-badge';
import { groupQueue, isWaiting } from './queue-model';

const EMPTY: PrintQueueView = { jobs: [], printers: [], routes: [] };

/**
 * The print queue: every job not yet on paper, per printer, with what a person can do about it
 * (retry now, reprint marked REPRINT, confirm it is on paper, send the station elsewhere), then
 * the recently printed ones.
 */
export function PrintQueueScreen() {
  const { ports, menu } = useTill();
  const { t, time } = useI18n();
  const queue = usePort<PrintQueueView>(ports.printing.subscribeQueue, EMPTY);
  const statuses = usePort<PrinterStatusView[]>(ports.printing.subscribePrinters, []);
  const [feedback, setFeedback] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);

  const printerName = (id: string | null) =>
    queue.printers.find((p) => p.printerId === id)?.name ?? id ?? t('queue.noPrinter');
  const routeLabel = (route: string) =>
    route === 'receipt'
      ? t('printers.receipts')
      : route.startsWith('printer:')
        ? printerName(route.slice(8))
        : (menu.stations[route]?.name ?? route);

  async function run(action: () => Promise<void>, done: string = t('queue.done')): Promise<void> {
    try {
      await action();
      setFeedback({ tone: 'ok', text: done });
    } catch (e) {
      setFeedback({
        tone: 'bad',
        text: t('queue.failedAction', { message: e instanceof Error ? e.message : String(e) }),
      });
    }
  }

  const { groups, recent, waiting } = groupQueue(queue);
  const moved = queue.routes.filter((r) => r.rerouted && r.primaryId);
  const rowProps = { queue, routeLabel, printerName, time, run };

  return (
    <main className="cmd-screen" aria-labelledby="queue-title">
      <div className="cmd-screen-header">
        <h1 id="queue-title">{t('queue.title')}</h1>
        <span className={`cmd-badge ${waiting > 0 ? 'cmd-badge-warn' : 'cmd-badge-ok'}`}>
          {t('queue.pending', { count: waiting })}
        </span>
      </div>
      <div role="status" aria-live="polite">
        {feedback ? (
          <p className={feedback.tone === 'ok' ? 'cmd-ok-text' : 'cmd-field-error'}>
            {feedback.text}
          </p>
        ) : null}
      </div>
      {moved.length > 0 ? (
        <section className="cmd-card" aria-labelledby="queue-moved">
          <h2 id="queue-moved">{t('queue.reroutedRoutes')}</h2>
          <ul className="cmd-tabs-list">
            {moved.map((r) => (
              <li key={r.route} className="cmd-queue-job">
                <span>
                  {t('queue.routeMoved', {
                    route: routeLabel(r.route),
                    printer: printerName(r.printerId),
                    primary: printerName(r.primaryId),
                  })}
                </span>
                <button
                  type="button"
                  className="cmd-btn cmd-btn-small"
                  onClick={() => void run(() => ports.printing.reroute(r.route, null))}
                >
                  {t('queue.routeBack', { printer: printerName(r.primaryId) })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {waiting === 0 ? <EmptyState message={t('queue.empty')} /> : null}
      {groups.map((g) => (
        <section
          key={g.printerId ?? 'none'}
          className="cmd-card"
          aria-labelledby={`queue-${g.printerId ?? 'none'}`}
        >
          <div className="cmd-printer-head">
            <h2 id={`queue-${g.printerId ?? 'none'}`}>{printerName(g.printerId)}</h2>
            {g.printerId ? (
              <PrinterStateBadge status={statuses.find((s) => s.printerId === g.printerId)} />
            ) : null}
          </div>
          <JobList label={printerName(g.printerId)} jobs={g.jobs} {...rowProps} />
        </section>
      ))}
      {recent.length > 0 ? (
        <section className="cmd-card" aria-labelledby="queue-recent">
          <h2 id="queue-recent">{t('queue.recent')}</h2>
          <JobList label={t('queue.recent')} jobs={recent} {...rowProps} />
        </section>
      ) : null}
    </main>
  );
}

interface JobRowProps {
  job: PrintQueueJob;
  queue: PrintQueueView;
  routeLabel: (route: string) => string;
  printerName: (id: string | null) => string;
  time: (ms: number) => string;
  run: (action: () => Promise<void>, done?: string) => Promise<void>;
}

/** One list of jobs (a printer's waiting ones, or the recently printed), each with its actions. */
function JobList({
  label,
  jobs,
  ...rowProps
}: Omit<JobRowProps, 'job'> & { label: string; jobs: readonly PrintQueueJob[] }) {
  return (
    <ul className="cmd-tabs-list" aria-label={label}>
      {jobs.map((job) => (
        <JobRow key={job.id} job={job} {...rowProps} />
      ))}
    </ul>
  );
}

function JobRow({ job, queue, routeLabel, printerName, time, run }: JobRowProps) {
  const { ports } = useTill();
  const { t } = useI18n();
  const others = queue.printers.filter((p) => p.printerId !== job.printerId);
  const [target, setTarget] = useState('');
  const canReroute =
    isWaiting(job) &&
    job.state !== 'printing' &&
    !job.route.startsWith('printer:') &&
    others.length > 0;
  const selectId = `reroute-${job.id}`;
  const tone =
    job.state === 'failed'
      ? 'bad'
      : job.state === 'may-have-printed'
        ? 'warn'
        : job.state === 'printed' || job.state === 'dismissed'
          ? 'ok'
          : job.state === 'cancelled'
            ? 'warn'
            : 'busy';
  return (
    <li className="cmd-queue-job" aria-label={job.title} data-state={job.state}>
      <div>
        <strong>{job.title}</strong>{' '}
        {job.reprints > 0 ? (
          <span className="cmd-reprint-mark">{t('queue.reprintMark')}</span>
        ) : null}
        <div className="cmd-muted">
          {t('queue.route', { route: routeLabel(job.route) })} ·{' '}
          {time(job.printedAt ?? job.createdAt)}
          {job.attempts > 1 ? ` · ${t('queue.attempts', { count: job.attempts })}` : ''}
          {!isWaiting(job) && job.lastPrinterId ? ` · ${printerName(job.lastPrinterId)}` : ''}
        </div>
        {job.attention ? (
          <p className="cmd-field-error">
            {t(`queue.attention.${job.attention}` as 'queue.attention.unconfirmed')}
          </p>
        ) : null}
        {job.error && job.state === 'failed' ? (
          <p className="cmd-field-error">{job.error}</p>
        ) : null}
      </div>
      <span className={`cmd-badge cmd-badge-${tone}`}>{t(`queue.state.${job.state}`)}</span>
      <div className="cmd-actions">
        {job.state === 'failed' || job.state === 'queued' ? (
          <button
            type="button"
            className="cmd-btn cmd-btn-small"
            onClick={() => void run(() => ports.printing.retryJob(job.id))}
          >
            {t('queue.retry')}
          </button>
        ) : null}
        {job.state === 'may-have-printed' ||
        job.state === 'printed' ||
        job.state === 'dismissed' ? (
          <button
            type="button"
            className="cmd-btn cmd-btn-small"
            onClick={() => void run(() => ports.printing.reprintJob(job.id))}
          >
            {t('queue.reprint')}
          </button>
        ) : null}
        {job.state === 'may-have-printed' ? (
          <button
            type="button"
            className="cmd-btn cmd-btn-small"
            onClick={() => void run(() => ports.printing.dismissJob(job.id))}
          >
            {t('queue.dismiss')}
          </button>
        ) : null}
        {job.state === 'failed' || job.state === 'queued' ? (
          <button
            type="button"
            className="cmd-btn cmd-btn-small cmd-btn-danger"
            onClick={() => void run(() => ports.printing.cancelJob(job.id))}
          >
            {t('queue.cancel')}
          </button>
        ) : null}
        {canReroute ? (
          <span className="cmd-reroute">
            <label htmlFor={selectId}>
              {t('queue.rerouteTo', { route: routeLabel(job.route) })}
            </label>
            <select id={selectId} value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">—</option>
              {others.map((p) => (
                <option key={p.printerId} value={p.printerId}>
                  {p.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="cmd-btn cmd-btn-small"
              disabled={target === ''}
              onClick={() =>
                void run(
                  () => ports.printing.reroute(job.route, target),
                  t('queue.rerouted', {
                    route: routeLabel(job.route),
                    printer: printerName(target),
                  }),
                )
              }
            >
              {t('queue.reroute')}
            </button>
          </span>
        ) : null}
      </div>
    </li>
  );
}
