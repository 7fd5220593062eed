import { useI18n } from '../i18n';

export interface ToastMessage {
  id: string;
  text: string;
  tone: 'info' | 'success' | 'error';
}

export interface ToastRegionProps {
  toasts: readonly ToastMessage[];
  onDismiss: (id: string) => void;
}

/** Live region for short notices; errors are announced assertively. */
export function ToastRegion({ toasts, onDismiss }: ToastRegionProps) {
  const { t } = useI18n();
  return (
    <div className="cmd-toasts" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`cmd-toast cmd-toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
          <span>{toast.text}</span>
          <button type="button" className="cmd-btn cmd-btn-ghost" aria-label={t('toast.dismiss')} onClick={() => onDismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
