import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderUi } from '../testing/render';
import { PinPad } from './pin-pad';

afterEach(cleanup);

describe('PinPad', () => {
  it('submits once four digits are tapped and clears the field', () => {
    const onSubmit = vi.fn();
    renderUi(<PinPad onSubmit={onSubmit} />);
    for (const d of ['1', '3', '5', '7']) fireEvent.click(screen.getByRole('button', { name: d }));
    expect(onSubmit).toHaveBeenCalledWith('1357');
    expect(screen.getByLabelText<HTMLInputElement>('PIN').value).toBe('');
  });

  it('accepts typed digits and ignores other characters', () => {
    const onSubmit = vi.fn();
    renderUi(<PinPad onSubmit={onSubmit} />);
    fireEvent.change(screen.getByLabelText('PIN'), { target: { value: '24a6' } });
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('PIN'), { target: { value: '2468' } });
    expect(onSubmit).toHaveBeenCalledWith('2468');
  });

  it('backspace removes the last digit', () => {
    const onSubmit = vi.fn();
    renderUi(<PinPad onSubmit={onSubmit} />);
    fireEvent.click(screen.getByRole('button', { name: '1' }));
    fireEvent.click(screen.getByRole('button', { name: '2' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete last digit' }));
    expect(screen.getByLabelText<HTMLInputElement>('PIN').value).toBe('1');
  });

  it('is disabled during lockout and announces why', () => {
    const onSubmit = vi.fn();
    renderUi(
      <PinPad onSubmit={onSubmit} disabled message="Too many wrong PINs. Try again in 30 s." />,
    );
    fireEvent.click(screen.getByRole('button', { name: '1' }));
    expect(screen.getByLabelText<HTMLInputElement>('PIN').disabled).toBe(true);
    expect(screen.getByRole('alert').textContent).toContain('30 s');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('takes a six-digit PIN when the longest PIN in use has six, and a four-digit one with OK', () => {
    const onSubmit = vi.fn();
    renderUi(<PinPad onSubmit={onSubmit} length={6} maxLength={8} />);
    for (const d of ['7', '3', '0', '5']) fireEvent.click(screen.getByRole('button', { name: d }));
    expect(onSubmit).not.toHaveBeenCalled();
    for (const d of ['1', '9']) fireEvent.click(screen.getByRole('button', { name: d }));
    expect(onSubmit).toHaveBeenCalledWith('730519');
    for (const d of ['2', '4', '6', '8']) fireEvent.click(screen.getByRole('button', { name: d }));
    fireEvent.submit(screen.getByRole('form'));
    expect(onSubmit).toHaveBeenLastCalledWith('2468');
  });
});
