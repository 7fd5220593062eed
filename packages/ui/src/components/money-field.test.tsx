import { cleanup, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderUi } from '../testing/render';
import { MoneyField } from './money-field';

afterEach(cleanup);

/** A field owned by a parent, as the till's screens hold it. */
function Owner({ onChange, notes }: { onChange: (v: number | null) => void; notes?: number[] }) {
  const [value, setValue] = useState<number | null>(0);
  return (
    <>
      <MoneyField
        label="Float"
        value={value}
        notes={notes}
        onChange={(v) => {
          onChange(v);
          setValue(v);
        }}
      />
      <button type="button" onClick={() => setValue(0)}>
        reset
      </button>
    </>
  );
}

const input = () => screen.getByLabelText<HTMLInputElement>('Float');

describe('MoneyField', () => {
  it('reads "150" as 150.00 and shows it formatted, never as cents', () => {
    const onChange = vi.fn();
    renderUi(<Owner onChange={onChange} />);
    fireEvent.change(input(), { target: { value: '150' } });
    expect(onChange).toHaveBeenLastCalledWith(15000);
    expect(screen.getByText('€150.00')).toBeTruthy();
    fireEvent.blur(input());
    expect(input().value).toBe('150.00');
  });

  it('reads "12,50" in French', () => {
    const onChange = vi.fn();
    renderUi(<Owner onChange={onChange} />, 'fr');
    fireEvent.change(input(), { target: { value: '12,50' } });
    expect(onChange).toHaveBeenLastCalledWith(1250);
    expect(screen.getByText('12,50 €')).toBeTruthy();
  });

  it('says why text is not an amount and reports null', () => {
    const onChange = vi.fn();
    renderUi(<Owner onChange={onChange} />);
    fireEvent.change(input(), { target: { value: '12,50' } });
    expect(onChange).toHaveBeenLastCalledWith(null);
    expect(screen.getByRole('alert').textContent).toBe('Not an amount: type it like 12.50');
    expect(input().getAttribute('aria-invalid')).toBe('true');
    // The text being typed stays while it is not an amount ("1," on the way to "1,234").
    expect(input().value).toBe('12,50');
    fireEvent.change(input(), { target: { value: '1,234' } });
    expect(onChange).toHaveBeenLastCalledWith(123400);
    fireEvent.change(input(), { target: { value: '1.005' } });
    expect(screen.getByRole('alert').textContent).toBe('At most 2 decimals');
  });

  it('adds quick notes and follows a reset from outside', () => {
    const onChange = vi.fn();
    renderUi(<Owner onChange={onChange} notes={[2000, 5000]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add €50.00' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add €20.00' }));
    expect(onChange).toHaveBeenLastCalledWith(7000);
    expect(input().value).toBe('70.00');
    fireEvent.click(screen.getByRole('button', { name: 'reset' }));
    expect(input().value).toBe('');
  });
});
