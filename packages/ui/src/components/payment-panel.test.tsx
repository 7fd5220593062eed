import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderUi } from '../testing/render';
import { PaymentPanel, quickTenders } from './payment-panel';

afterEach(cleanup);

describe('quickTenders', () => {
  it('offers exact and the notes that cover the amount, ascending, without duplicates', () => {
    expect(quickTenders(1730, [500, 1000, 2000, 5000])).toEqual([1730, 2000, 5000]);
    expect(quickTenders(2000, [500, 1000, 2000])).toEqual([2000]);
  });
});

describe('PaymentPanel', () => {
  it('computes change from cash tendered and pays the amount due', () => {
    const onPay = vi.fn();
    renderUi(<PaymentPanel due={1730} payments={[]} onPay={onPay} />);
    fireEvent.click(screen.getByRole('button', { name: '€20.00' }));
    expect(screen.getByText('€2.70')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Take €17.30' }));
    expect(onPay).toHaveBeenCalledWith({ method: 'cash', amount: 1730, tendered: 2000 });
  });

  it('refuses cash tendered below the amount', () => {
    const onPay = vi.fn();
    renderUi(<PaymentPanel due={1730} payments={[]} onPay={onPay} />);
    fireEvent.change(screen.getByLabelText('Cash tendered'), { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Take €17.30' }));
    expect(onPay).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Tendered cash is less than the amount');
  });

  it('requires a terminal reference for card and allows a partial (split) amount', () => {
    const onPay = vi.fn();
    renderUi(<PaymentPanel due={3000} payments={[]} onPay={onPay} />);
    fireEvent.click(screen.getByRole('tab', { name: 'Card' }));
    fireEvent.click(screen.getByRole('button', { name: '1/2' }));
    fireEvent.click(screen.getByRole('button', { name: 'Take €15.00' }));
    expect(onPay).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('Terminal reference'), { target: { value: ' A123 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Take €15.00' }));
    expect(onPay).toHaveBeenCalledWith({ method: 'card', amount: 1500, reference: 'A123' });
  });

  it('refuses an amount larger than what is due', () => {
    const onPay = vi.fn();
    renderUi(<PaymentPanel due={1000} payments={[]} onPay={onPay} />);
    fireEvent.change(screen.getByLabelText('Amount to pay'), { target: { value: '15' } });
    fireEvent.click(screen.getByRole('button', { name: 'Take €15.00' }));
    expect(onPay).not.toHaveBeenCalled();
  });

  it('says paid in full when nothing is due', () => {
    renderUi(<PaymentPanel due={0} payments={[{ id: 'p1', method: 'cash', amount: 1000 }]} onPay={() => {}} />);
    expect(screen.getByRole('status').textContent).toBe('Paid in full');
  });

  it('reads typed amounts as money: "50" tendered is €50.00, not €0.50', () => {
    const onPay = vi.fn();
    renderUi(<PaymentPanel due={1730} payments={[]} onPay={onPay} />);
    const tendered = screen.getByLabelText<HTMLInputElement>('Cash tendered');
    expect(screen.getByLabelText<HTMLInputElement>('Amount to pay').value).toBe('17.30');
    fireEvent.change(tendered, { target: { value: '50' } });
    expect(screen.getByText('€32.70')).toBeTruthy();
    fireEvent.blur(tendered);
    expect(tendered.value).toBe('50.00');
    fireEvent.click(screen.getByRole('button', { name: 'Take €17.30' }));
    expect(onPay).toHaveBeenCalledWith({ method: 'cash', amount: 1730, tendered: 5000 });
  });

  it('types with the keypad and the French decimal comma', () => {
    const onPay = vi.fn();
    renderUi(<PaymentPanel due={1730} payments={[]} onPay={onPay} />, 'fr');
    for (const key of ['2', '0', ',', '5']) fireEvent.click(screen.getByRole('button', { name: key === ',' ? 'Séparateur décimal' : key }));
    expect(screen.getByLabelText<HTMLInputElement>('Espèces reçues').value).toBe('20,5');
    fireEvent.click(screen.getByRole('button', { name: /^Encaisser/ }));
    expect(onPay).toHaveBeenCalledWith({ method: 'cash', amount: 1730, tendered: 2050 });
  });

  it('refuses text that is not an amount, saying why', () => {
    const onPay = vi.fn();
    renderUi(<PaymentPanel due={1730} payments={[]} onPay={onPay} />);
    fireEvent.change(screen.getByLabelText('Cash tendered'), { target: { value: '20,50' } });
    fireEvent.click(screen.getByRole('button', { name: 'Take €17.30' }));
    expect(onPay).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Not an amount: type it like 12.50');
  });
});
