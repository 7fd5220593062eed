import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

export function EmptyState({ message, children }: { message?: string; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="cmd-state cmd-state-empty">
      <p>{message ?? t('common.empty')}</p>
      {children}
    </div>
  );
}

export interface ErrorStateProps {
  message: string;
  title?: string;
  onRetry?: () => void;
}

/** An error a person can act on: what went wrong and, when possible, a retry. */
export function ErrorState({ message, title, onRetry }: ErrorStateProps) {
  const { t } = useI18n();
  return (
    <div className="cmd-state cmd-state-error" role="alert">
      <p className="cmd-state-title">{title ?? t('common.error')}</p>
      <p>{message}</p>
      {onRetry ? (
        <button type="button" className="cmd-btn" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** Loading indicator; pass `progress` (0–1) for long work such as the initial sync. */
export function Loading({ label, progress }: { label?: string; progress?: number }) {
  const { t } = useI18n();
  const text = label ?? t('common.loading');
  return (
    <div className="cmd-state cmd-state-loading" role="status" aria-live="polite">
      <p>{text}</p>
      {progress !== undefined ? (
        <progress max={1} value={progress} aria-label={text}>
          {Math.round(progress * 100)}%
        </progress>
      ) : null}
    </div>
  );
}
