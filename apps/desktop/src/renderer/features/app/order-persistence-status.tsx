import { OrderStatusBadges, useI18n } from '@comanda/ui';
import { useTill } from './till-context';
import { useOrderPersistence } from './use-order-persistence';

/**
 * Saved / synced / printed badges of the order on screen, plus the one action a cashier has on a
 * print problem: retry the jobs that failed or may have printed (a person decided, so a copy is
 * acceptable).
 */
export function OrderPersistenceStatus() {
  const { ports } = useTill();
  const { t } = useI18n();
  const { status, problemJobs } = useOrderPersistence();
  return (
    <>
      <OrderStatusBadges status={status} />
      {problemJobs.length > 0 ? (
        <button
          type="button"
          className="cmd-btn cmd-btn-small"
          onClick={() => {
            for (const job of problemJobs) void ports.printing.retryJob(job.id).catch(() => undefined);
          }}
        >
          {t('status.retryPrint', { count: problemJobs.length })}
        </button>
      ) : null}
    </>
  );
}
