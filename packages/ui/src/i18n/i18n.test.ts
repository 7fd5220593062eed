import { describe, expect, it } from 'vitest';
import { createI18n } from './index';
import { en } from './messages-en';
import { fr } from './messages-fr';

describe('i18n', () => {
  it('formats money per locale through core', () => {
    expect(createI18n('en', 'EUR').money(123456)).toBe('€1,234.56');
    // fr-FR uses a narrow no-break space as group separator and a comma for decimals.
    expect(createI18n('fr', 'EUR').money(123456).replace(/\s/g, ' ')).toBe('1 234,56 €');
  });

  it('fills placeholders and keeps unknown ones visible', () => {
    const { t } = createI18n('fr');
    expect(t('pin.locked', { seconds: 30 })).toBe('Trop de codes erronés. Réessayez dans 30 s.');
    expect(t('status.pending')).toBe('{count} en attente de synchronisation');
  });

  it('formats dates in the branch time zone', () => {
    const at = Date.UTC(2026, 10, 23, 23, 30);
    expect(createI18n('fr', 'EUR', 'Europe/Paris').dateTime(at)).toBe('24/11/2026 00:30');
  });

  it('has a French message for every English key', () => {
    for (const key of Object.keys(en)) expect(fr[key as keyof typeof en], key).toBeTruthy();
  });
});
