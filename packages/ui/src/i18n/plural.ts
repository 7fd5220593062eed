/** Plural categories of `Intl.PluralRules` (cardinal). */
export type PluralCategory = Intl.LDMLPluralRule;

const rules = new Map<string, Intl.PluralRules>();

/**
 * The plural category of `count` in `locale` (`one`, `other`, …), from `Intl.PluralRules`: French
 * puts 0 and 1 in `one`, English only 1. Rules objects are cached per locale.
 */
export function pluralCategory(locale: string, count: number): PluralCategory {
  let rule = rules.get(locale);
  if (!rule) {
    rule = new Intl.PluralRules(locale);
    rules.set(locale, rule);
  }
  return rule.select(count);
}

/**
 * Picks `${base}#${category}` from a catalogue, falling back to `${base}#other` (every plural
 * message has an `other` form).
 */
export function pluralKey<K extends string>(
  catalog: Readonly<Record<K, string>>,
  locale: string,
  base: string,
  count: number,
): K {
  const exact = `${base}#${pluralCategory(locale, count)}`;
  return (exact in catalog ? exact : `${base}#other`) as K;
}
