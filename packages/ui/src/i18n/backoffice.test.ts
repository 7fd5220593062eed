import { describe, expect, it } from 'vitest';
import { backofficeEn } from './backoffice-en';
import { backofficeFr } from './backoffice-fr';
import { createBackofficeI18n, pluralCategory } from './backoffice';

describe('back-office catalogue', () => {
  it('picks plural forms by Intl.PluralRules: French 0 and 1 are singular, English only 1', () => {
    const en = createBackofficeI18n('en');
    const fr = createBackofficeI18n('fr');
    expect([0, 1, 2].map((n) => en.plural('bo.staff.count', n))).toEqual([
      '0 staff members',
      '1 staff member',
      '2 staff members',
    ]);
    expect([0, 1, 2].map((n) => fr.plural('bo.staff.count', n))).toEqual([
      '0 membre',
      '1 membre',
      '2 membres',
    ]);
    expect(pluralCategory('fr', 1.5)).toBe('one');
    expect(pluralCategory('en', 1.5)).toBe('other');
  });

  it('formats the count for the locale (thousands separators)', () => {
    expect(createBackofficeI18n('en').plural('bo.reports.rows', 1234)).toBe('1,234 rows');
    expect(createBackofficeI18n('fr').plural('bo.reports.rows', 1234).replace(/\s/g, ' ')).toBe(
      '1 234 lignes',
    );
  });

  it('formats money in the branch currency, exports plain decimals, days without zone shifts', () => {
    const fr = createBackofficeI18n('fr', 'EUR', 'Pacific/Kiritimati');
    expect(fr.money(123456).replace(/\s/g, ' ')).toBe('1 234,56 €');
    expect(fr.decimal(-5)).toBe('-0.05');
    expect(createBackofficeI18n('en', 'JPY').decimal(1200)).toBe('1200');
    expect(fr.day('2026-03-29')).toBe('29 mars 2026');
    expect(createBackofficeI18n('en', 'EUR', 'America/Los_Angeles').day('2026-01-01')).toBe(
      '1 Jan 2026',
    );
  });

  it('has the same keys in both languages and an `other` form for every plural', () => {
    expect(Object.keys(backofficeFr).sort()).toEqual(Object.keys(backofficeEn).sort());
    for (const key of Object.keys(backofficeEn).filter((k) => k.includes('#')))
      expect(backofficeEn, key).toHaveProperty([key.replace(/#\w+$/, '#other')]);
  });
});
