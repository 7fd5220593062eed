import { describe, expect, it } from 'vitest';
import { createI18n, localeOf } from './index';
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

  it('writes times on a 24-hour clock in both languages, with the date only when not today', () => {
    const at = Date.UTC(2026, 10, 23, 13, 2); // 14:02 in Paris
    for (const locale of ['fr', 'en'] as const) {
      const i18n = createI18n(locale, 'EUR', 'Europe/Paris');
      expect(i18n.time(at)).toBe('14:02');
      expect(i18n.when(at, at + 3_600_000)).toBe('14:02');
      expect(i18n.when(at, at + 86_400_000)).toBe('23/11/2026 14:02');
    }
    // Midnight in Paris is still the previous day in UTC: "today" is the branch's day.
    const late = Date.UTC(2026, 10, 23, 22, 30); // 23:30 Paris
    expect(createI18n('fr', 'EUR', 'Europe/Paris').when(late, late + 3_600_000)).toBe(
      '23/11/2026 23:30',
    );
  });

  it('has a French message for every English key', () => {
    for (const key of Object.keys(en)) expect(fr[key as keyof typeof en], key).toBeTruthy();
  });

  it('never gives two different English messages one French wording (Void and Cancel were both "Annuler")', () => {
    // Same meaning, same words: a heading and its button, two ways of saying "waiting".
    const sameMeaning = new Set([
      'common.close|toast.dismiss',
      'shift.open|shift.openTitle',
      'cart.held|queue.state.queued',
    ]);
    const keysByFrench = new Map<string, string[]>();
    for (const [key, text] of Object.entries(fr))
      keysByFrench.set(text, [...(keysByFrench.get(text) ?? []), key]);
    const collisions = [...keysByFrench.values()]
      .filter((keys) => new Set(keys.map((k) => en[k as keyof typeof en])).size > 1)
      .map((keys) => keys.sort().join('|'))
      .filter((pair) => !sameMeaning.has(pair));
    expect(collisions).toEqual([]);
    expect(fr['order.void']).not.toBe(fr['common.cancel']);
    expect(fr['order.voidOrder']).not.toBe(fr['common.cancel']);
  });

  it("maps a branch's BCP 47 locale to the till's language", () => {
    expect(localeOf('fr-FR')).toBe('fr');
    expect(localeOf('fr_CA')).toBe('fr');
    expect(localeOf('FR')).toBe('fr');
    expect(localeOf('en-GB')).toBe('en');
    expect(localeOf('de-DE')).toBe('en');
    expect(localeOf(null)).toBe('en');
  });
});
