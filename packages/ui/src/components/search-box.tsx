import { forwardRef, useId, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n';

export interface SearchBoxProps {
  value: string;
  onChange: (value: string) => void;
  /** Enter pressed: a barcode scanner (keyboard wedge) ends its input with Enter. */
  onSubmit?: (value: string) => void;
  label?: string;
}

/** Search field that also receives keyboard-wedge barcode scans. */
export const SearchBox = forwardRef<HTMLInputElement, SearchBoxProps>(function SearchBox(
  { value, onChange, onSubmit, label },
  ref,
) {
  const { t } = useI18n();
  const id = useId();
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onSubmit?.(e.currentTarget.value);
    } else if (e.key === 'Escape') {
      onChange('');
    }
  };
  return (
    <div className="cmd-search" role="search">
      <label htmlFor={id}>{label ?? t('search.label')}</label>
      <input
        ref={ref}
        id={id}
        type="search"
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
      />
    </div>
  );
});
