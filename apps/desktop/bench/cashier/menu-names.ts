// Deterministic, varied item names so searches hit a realistic spread of matches.
const DISHES = ['Salade', 'Soupe', 'Tartine', 'Burger', 'Pizza', 'Risotto', 'Pâtes', 'Poulet', 'Saumon', 'Bœuf', 'Tarte', 'Crème', 'Gâteau', 'Jus', 'Thé', 'Café', 'Bière', 'Vin', 'Wrap', 'Bowl'];
const STYLES = ['maison', 'du jour', 'grillé', 'fumé', 'épicé', 'vegan', 'au four', 'glacé', 'rôti', 'frais', 'bio', 'truffé'];
const EXTRAS = ['citron', 'basilic', 'chèvre', 'miel', 'tomate', 'champignons', 'poivre', 'noisette', 'mangue', 'curry', 'sésame', 'olive', 'pistache', 'vanille'];

/** The `i`-th generated item name, e.g. "Risotto truffé champignons 123". */
export function benchItemName(i: number): string {
  return `${DISHES[i % DISHES.length]!} ${STYLES[Math.floor(i / DISHES.length) % STYLES.length]!} ${EXTRAS[i % EXTRAS.length]!} ${i + 1}`;
}

/** Search queries a cashier might type: partial words, accents dropped, some with two words. */
export function benchQueries(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const dish = DISHES[(i * 7) % DISHES.length]!;
    const extra = EXTRAS[(i * 5) % EXTRAS.length]!;
    const variants = [dish.slice(0, 3), `${dish.slice(0, 4)} ${extra.slice(0, 3)}`, extra.slice(0, 4), String(100 + ((i * 13) % 1900)), 'zzz'];
    out.push(variants[i % variants.length]!.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase());
  }
  return out;
}
