import { useId, type ReactElement, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  /** The message of the server or of the page's check for this field. */
  error?: string | undefined;
  hint?: string | undefined;
  /** Renders the control with the ids that tie it to its label, hint and error. */
  children: (props: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => ReactElement;
}

/** A labelled form control with its hint and, when set, its error right below it. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': described || undefined })}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** A form-level message (errors that name no field, confirmations). */
export function FormMessage({ error, children }: { error?: boolean; children: ReactNode }) {
  return (
    <p className={error ? 'form-error' : 'form-note'} role={error ? 'alert' : 'status'}>
      {children}
    </p>
  );
}

/** A from–to pair of date inputs (`YYYY-MM-DD`), each with its own error next to it. */
export function DateRangeFields({
  from,
  to,
  onChange,
  errors,
  fromLabel,
  toLabel,
}: {
  from: string;
  to: string;
  onChange: (range: { from: string; to: string }) => void;
  errors?: { from?: string | undefined; to?: string | undefined } | undefined;
  fromLabel: string;
  toLabel: string;
}) {
  return (
    <>
      <Field label={fromLabel} error={errors?.from}>
        {(p) => (
          <input
            {...p}
            type="date"
            value={from}
            onChange={(e) => onChange({ from: e.target.value, to })}
          />
        )}
      </Field>
      <Field label={toLabel} error={errors?.to}>
        {(p) => (
          <input
            {...p}
            type="date"
            value={to}
            onChange={(e) => onChange({ from, to: e.target.value })}
          />
        )}
      </Field>
    </>
  );
}
