// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { bumpTicket, stationTickets } from '@comanda/core/kitchen';
import { voidLine, type OrderDoc } from '@comanda/core/orders';
import { I18nProvider, type Locale } from '@comanda/ui';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KitchenDisplay, type KitchenDisplayProps } from './kitchen-display';
import { kitchenCtx, sentTwoStationOrder, T0 } from '../testing/kitchen-orders';
import type { KitchenScope } from './kitchen-view';

afterEach(cleanup);

const grill: KitchenScope = { kind: 'stations', stations: ['grill'] };

function setup(orders: OrderDoc[], props: Partial<KitchenDisplayProps> = {}, locale: Locale = 'en') {
  const actions = { onBump: vi.fn(), onServe: vi.fn(), onRecall: vi.fn(), sound: vi.fn() };
  const view = (o: OrderDoc[], p: Partial<KitchenDisplayProps> = {}) => (
    <I18nProvider locale={locale} currency="EUR" timeZone="Europe/Paris">
      <KitchenDisplay orders={o} scope={grill} now={T0 + 6 * 60_000} alarm={false} {...actions} {...props} {...p} />
    </I18nProvider>
  );
  const result = render(view(orders));
  return { ...actions, rerender: (o: OrderDoc[], p: Partial<KitchenDisplayProps> = {}) => result.rerender(view(o, p)) };
}

describe('KitchenDisplay', () => {
  it('shows its station’s tickets with modifiers, notes and a yellow timer; digit keys pick then bump', () => {
    const a = sentTwoStationOrder('a', T0);
    const b = sentTwoStationOrder('b', T0 + 60_000, { ticketNumber: 2 });
    const { onBump, sound } = setup([a, b]);
    const cards = screen.getAllByTestId('kitchen-card');
    expect(cards.map((c) => c.dataset.order)).toEqual(['a', 'b']);
    expect(within(cards[0]!).getByText('Saignant')).toBeTruthy();
    expect(within(cards[0]!).getByText('no onions')).toBeTruthy();
    expect(within(cards[0]!).getByTestId('kitchen-age').dataset.level).toBe('warn');
    expect(within(cards[0]!).getByText('Table 7')).toBeTruthy();
    expect(screen.queryByText('Soup')).toBeNull();
    expect(screen.getByTestId('kitchen-all-day').textContent).toContain('4 Burger');
    fireEvent.keyDown(window, { key: '2' });
    expect(onBump).not.toHaveBeenCalled();
    fireEvent.keyDown(window, { key: '2' });
    expect(onBump).toHaveBeenCalledWith(expect.objectContaining({ orderId: 'b', stationId: 'grill' }));
    fireEvent.click(within(cards[0]!).getByTestId('kitchen-bump'));
    expect(onBump).toHaveBeenLastCalledWith(expect.objectContaining({ orderId: 'a' }));
    // The first list is not "new": no beep until a ticket arrives.
    expect(sound).not.toHaveBeenCalled();
  });

  it('beeps for a new ticket, strikes a voided line at once, recalls by key and button', () => {
    const a = sentTwoStationOrder('a', T0);
    const { rerender, sound, onRecall } = setup([a]);
    const c = sentTwoStationOrder('c', T0 + 1000, { ticketNumber: 3 });
    rerender([a, c]);
    expect(sound).toHaveBeenCalledTimes(1);
    const voided = voidLine(c, { lineId: 'c-burger', quantity: 2, approvedBy: 'mgr' }, kitchenCtx(T0 + 2000));
    rerender([a, voided]);
    const card = screen.getAllByTestId('kitchen-card')[1]!;
    expect(card.dataset.voided).toBe('true');
    expect(within(card).getByTestId('kitchen-line').dataset.struck).toBe('all');
    expect(within(card).getByText('VOID')).toBeTruthy();
    expect(sound).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(window, { key: 'r' });
    fireEvent.click(screen.getByTestId('kitchen-recall'));
    expect(onRecall).toHaveBeenCalledTimes(2);
  });

  it('shows a line’s allergens loudly in the screen’s language, and nothing where the menu says none', () => {
    const a = sentTwoStationOrder('a', T0, { burgerAllergens: { allergens: ['milk', 'gluten'], allergenNote: 'traces of nuts' } });
    const b = sentTwoStationOrder('b', T0 + 1000, { ticketNumber: 2 });
    setup([a, b], {}, 'fr');
    const [first, second] = screen.getAllByTestId('kitchen-card');
    expect(within(first!).getByTestId('kitchen-allergens').textContent).toBe('Allergènes : Gluten, Lait — traces of nuts');
    expect(within(second!).queryByTestId('kitchen-allergens')).toBeNull();
  });

  it('expo: an order turns green when every station is ready; the alarm says the screen may be stale (fr)', () => {
    let order = sentTwoStationOrder('a', T0);
    const { rerender, onServe } = setup([order], { scope: { kind: 'expo' } }, 'fr');
    const card = () => screen.getByTestId('expo-card');
    expect(card().dataset.complete).toBe('false');
    for (const t of stationTickets(order)) order = bumpTicket(order, t, kitchenCtx(T0 + 1000), 'ready');
    rerender([order], { scope: { kind: 'expo' }, alarm: true });
    expect(card().dataset.complete).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(/Aucune nouvelle du hub ni du serveur depuis plus de 10/);
    act(() => void fireEvent.keyDown(window, { key: '1' }));
    expect(onServe).not.toHaveBeenCalled();
    act(() => void fireEvent.keyDown(window, { key: '1' }));
    expect(onServe).toHaveBeenCalledWith(expect.objectContaining({ orderId: 'a', complete: true }));
    // Expo recalls too (the order served last), by key and by touch.
    const { onRecall } = setup([], { scope: { kind: 'expo' } });
    fireEvent.keyDown(window, { key: 'r' });
    fireEvent.click(screen.getAllByTestId('kitchen-recall').at(-1)!);
    expect(onRecall).toHaveBeenCalledTimes(2);
  });
});
