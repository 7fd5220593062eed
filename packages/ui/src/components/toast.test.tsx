// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider, type Locale } from '../i18n';
import { ToastRegion, type ToastMessage } from './toast';

afterEach(cleanup);

const toasts: ToastMessage[] = [
  { id: 't1', text: { key: 'order.voidedToast', params: { number: 'A-4' } }, tone: 'success' },
];
const till = (locale: Locale) => (
  <I18nProvider locale={locale} currency="EUR" timeZone="Europe/Paris">
    <ToastRegion toasts={toasts} onDismiss={() => undefined} />
  </I18nProvider>
);

describe('ToastRegion', () => {
  it('translates an open notice again when the language changes', () => {
    const { rerender } = render(till('en'));
    expect(screen.getByRole('status').textContent).toContain('Ticket A-4 voided');
    rerender(till('fr'));
    expect(screen.getByRole('status').textContent).toContain('Ticket A-4 annulé');
    expect(screen.getByRole('button', { name: 'Fermer' })).toBeTruthy();
  });
});
