import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderUi } from '../testing/render';
import { ReceiptPreview } from './receipt-preview';

afterEach(cleanup);

describe('ReceiptPreview', () => {
  it('draws a picture row as a labelled image at its printed width (12 dots per column)', () => {
    const image = { width: 96, height: 8, data: new Uint8ClampedArray(96 * 8 * 4) };
    renderUi(<ReceiptPreview model={{ columns: 48, rows: [{ text: '[LOGO]', image }, { text: 'Café' }] }} />);
    const logo = screen.getByRole('img', { name: 'Branch logo' });
    expect(logo.getAttribute('width')).toBe('96');
    expect(logo.style.width).toBe('8ch');
    expect(screen.queryByText('[LOGO]')).toBeNull();
    expect(screen.getByText('Café')).toBeTruthy();
  });
});
