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
    fireEvent.change(screen.getByLabelText('Cash tendered'), { target: { value: '1000' } });
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
    fireEvent.change(screen.getByLabelText('Amount to pay'), { target: { value: '1500' } });
    fireEvent.click(screen.getByRole('button', { name: 'Take €15.00' }));
    expect(onPay).not.toHaveBeenCalled();
  });

  it('says paid in full when nothing is due', () => {
    renderUi(<PaymentPanel due={0} payments={[{ id: 'p1', method: 'cash', amount: 1000 }]} onPay={() => {}} />);
    expect(screen.getByRole('status').textContent).toBe('Paid in full');
  });
});
