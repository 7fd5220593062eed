import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderUi } from '../testing/render';
import { Cart, type CartLineView } from './cart';

afterEach(cleanup);

const line = (over: Partial<CartLineView>): CartLineView => ({
  id: 'l1', name: 'Entrecôte', quantity: 1, amount: 2600, modifiers: [], notes: null, seat: null, course: null,
  kitchen: 'new', voided: false, ...over,
});

describe('Cart', () => {
  it('shows an empty state without lines', () => {
    renderUi(<Cart lines={[]} selectedId={null} onSelect={() => {}} />);
    expect(screen.getByText('Add items from the menu')).toBeTruthy();
  });

  it('calls the latest handlers and shows changed lines after a re-render (lines are memoized)', () => {
    const first = vi.fn();
    const latest = vi.fn();
    const increment = vi.fn();
    const lines = [line({}), line({ id: 'l2', name: 'Tarte Tatin', amount: 800 })];
    const { rerender } = renderUi(<Cart lines={lines} selectedId={null} onSelect={first} />);
    // New view-model objects, one line changed, new handler functions: as the order screen does.
    rerender(<Cart lines={[line({}), line({ id: 'l2', name: 'Tarte Tatin', amount: 1600, quantity: 2 })]} selectedId="l1" onSelect={latest} onIncrement={increment} onDecrement={() => {}} />);
    fireEvent.click(screen.getByText('Entrecôte'));
    expect(latest).toHaveBeenCalledWith('l1');
    expect(first).not.toHaveBeenCalled();
    const items = screen.getAllByRole('listitem');
    expect(items[0]!.querySelector('[aria-current="true"]')).not.toBeNull();
    expect(within(items[1]!).getByText('2×')).toBeTruthy();
    fireEvent.click(within(items[1]!).getByRole('button', { name: /One more/ }));
    expect(increment).toHaveBeenCalledWith('l2');
  });

  it('shows modifiers, notes, seat, course and kitchen state, and strikes voided lines', () => {
    renderUi(
      <Cart
        selectedId="l1"
        onSelect={() => {}}
        lines={[
          line({ modifiers: ['À point', 'Frites maison'], notes: 'sans sel', seat: 2, course: 2, kitchen: 'held' }),
          line({ id: 'l2', name: 'Tarte Tatin', amount: 800, voided: true, kitchen: 'sent' }),
        ]}
      />,
    );
    const items = screen.getAllByRole('listitem');
    const first = within(items[0]!);
    expect(first.getByText('À point, Frites maison')).toBeTruthy();
    expect(first.getByText('“sans sel”')).toBeTruthy();
    expect(first.getByText('Seat 2')).toBeTruthy();
    expect(first.getByText('Course 2')).toBeTruthy();
    expect(first.getByText('Held')).toBeTruthy();
    expect(items[1]!.querySelector('del')?.textContent).toBe('Tarte Tatin');
    expect(within(items[1]!).queryByRole('button', { name: /One more/ })).toBeNull();
  });

  it('changes quantity and selection through callbacks', () => {
    const onIncrement = vi.fn();
    const onSelect = vi.fn();
    renderUi(<Cart lines={[line({})]} selectedId={null} onSelect={onSelect} onIncrement={onIncrement} onDecrement={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'One more Entrecôte' }));
    fireEvent.click(screen.getByText('Entrecôte'));
    expect(onIncrement).toHaveBeenCalledWith('l1');
    expect(onSelect).toHaveBeenCalledWith('l1');
  });
});
