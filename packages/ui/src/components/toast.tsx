import { useI18n, type MessageKey, type MessageParams } from '../i18n';

/** A notice to translate when shown, so switching the language changes it too. */
export interface ToastText {
  key: MessageKey;
  params?: MessageParams;
}

export interface ToastMessage {
  id: string;
  /** Translated as it is shown: an open notice changes language with the till. */
  text: ToastText;
  /** Errors stay until dismissed; notices time out. */
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
        <div
          key={toast.id}
          className={`cmd-toast cmd-toast-${toast.tone}`}
          role={toast.tone === 'error' ? 'alert' : 'status'}
        >
          <span>{t(toast.text.key, toast.text.params)}</span>
          <button
            type="button"
            className="cmd-btn cmd-btn-ghost"
            aria-label={t('toast.dismiss')}
            onClick={() => onDismiss(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
