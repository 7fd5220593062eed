import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderUi } from '../testing/render';
import { ModifierDialog, type ModifierGroupView } from './modifier-dialog';

const groups: ModifierGroupView[] = [
  {
    id: 'doneness', name: 'Cuisson', min: 1, max: 1,
    options: [ { id: 'saignant', name: 'Saignant', priceDelta: 0 }, { id: 'a-point', name: 'À point', priceDelta: 0 } ],
  },
  {
    id: 'extras', name: 'Extras', min: 0, max: 2,
    options: [ { id: 'bacon', name: 'Bacon', priceDelta: 150 }, { id: 'cheddar', name: 'Cheddar', priceDelta: 100 }, { id: 'egg', name: 'Œuf', priceDelta: 100 } ],
  },
];

afterEach(cleanup);

describe('ModifierDialog', () => {
  it('refuses to confirm under a group minimum and names the broken rule', () => {
    const onConfirm = vi.fn();
    renderUi(<ModifierDialog itemName="Burger" basePrice={1500} groups={groups} onConfirm={onConfirm} onCancel={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: /Add/ }));
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Cuisson: choose exactly 1');
  });

  it('shows price deltas, updates the total and confirms a valid selection', () => {
    const onConfirm = vi.fn();
    renderUi(<ModifierDialog itemName="Burger" basePrice={1500} groups={groups} onConfirm={onConfirm} onCancel={() => {}} />);
    expect(screen.getByText('+€1.50')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('À point'));
    fireEvent.click(screen.getByLabelText(/Bacon/));
    fireEvent.click(screen.getByLabelText(/Cheddar/));
    const add = screen.getByRole('button', { name: 'Add · €17.50' });
    fireEvent.click(add);
    expect(onConfirm).toHaveBeenCalledWith({ doneness: ['a-point'], extras: ['bacon', 'cheddar'] });
  });

  it('blocks choosing more than the group maximum', () => {
    renderUi(<ModifierDialog itemName="Burger" basePrice={1500} groups={groups} onConfirm={() => {}} onCancel={() => {}} />);
    fireEvent.click(screen.getByLabelText(/Bacon/));
    fireEvent.click(screen.getByLabelText(/Cheddar/));
    const egg = screen.getByLabelText<HTMLInputElement>(/Œuf/);
    expect(egg.disabled).toBe(true);
  });

  it('uses the injected core validator when given', () => {
    const onConfirm = vi.fn();
    renderUi(
      <ModifierDialog
        itemName="Burger" basePrice={1500} groups={groups} onConfirm={onConfirm} onCancel={() => {}}
        validate={() => ({ groupId: 'extras', message: 'Extras: rule from core' })}
      />,
    );
    fireEvent.click(screen.getByLabelText('Saignant'));
    fireEvent.click(screen.getByRole('button', { name: /Add/ }));
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Extras: rule from core');
  });

  it('closes on Escape', () => {
    const onCancel = vi.fn();
    renderUi(<ModifierDialog itemName="Burger" basePrice={1500} groups={groups} onConfirm={() => {}} onCancel={onCancel} />);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledOnce();
  });
});
