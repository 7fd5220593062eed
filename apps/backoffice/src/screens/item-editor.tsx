import { formatMoneyInput, parseMoneyInput } from '@comanda/core';
import { ALLERGEN_CODES, allergenLabel, type AllergenCode } from '@comanda/core/menu';
import type { BackofficeKey } from '@comanda/ui';
import { useState } from 'react';
import { useShell } from '../shell/context';
import { Field } from '../shell/field';
import { BASE, EditorFrame, optionalNumber, text, TextField, type EditorProps } from './menu-form';
import { newMenuId, useMenuSave } from './menu-save';

const ITEM_FIELDS = [
  'name',
  'categoryId',
  'price',
  'taxClassId',
  'stationId',
  'barcode',
  'prepMinutes',
  'sort',
  'color',
  'course',
  'modifierGroupIds',
  'allergens',
  'allergenNote',
] as const;

/** The server's messages about a list field (`allergens.2`…), shown at the top of its fieldset. */
function ListErrors({
  errors,
  field,
}: {
  errors: Readonly<Record<string, string>>;
  field: string;
}) {
  return Object.entries(errors)
    .filter(([f]) => f === field || f.startsWith(`${field}.`))
    .map(([f, message]) => (
      <p key={f} className="field-error" role="alert">
        {message}
      </p>
    ));
}

/** An item with every field the till uses: price, tax class, station, barcode, modifiers … */
export function ItemEditor({ original, menu, onDone }: EditorProps) {
  const { i18n } = useShell();
  const save = useMenuSave(original, onDone);
  const ofKind = (kind: string) => menu.filter((d) => d.kind === kind);
  const price = original ? Number(original.price) : null;
  const [values, setValues] = useState({
    name: text(original?.name),
    categoryId: text(original?.categoryId ?? ofKind('category')[0]?.id),
    price: price === null ? '' : formatMoneyInput(price, i18n.currency, i18n.numberLocale),
    taxClassId: text(original?.taxClassId ?? ofKind('taxClass')[0]?.id),
    stationId: text(original?.stationId),
    barcode: text(original?.barcode),
    prepMinutes: text(original?.prepMinutes),
    sort: text(original?.sort ?? 0),
    color: text(original?.color),
    course: text(original?.course ?? 1),
    allergenNote: text(original?.allergenNote),
  });
  const [allergens, setAllergens] = useState<AllergenCode[]>(
    Array.isArray(original?.allergens)
      ? ALLERGEN_CODES.filter((c) => (original.allergens as unknown[]).includes(c))
      : [],
  );
  const [groups, setGroups] = useState<string[]>(
    Array.isArray(original?.modifierGroupIds) ? original.modifierGroupIds.map(String) : [],
  );
  const title = original ? String(original.name) : i18n.t('bo.menu.newItem');
  const errors = save.error?.fields ?? {};

  function submit() {
    let minor: number;
    try {
      // One rule for typed amounts, the till's: "150" is 150.00, "12,50" in French.
      minor = parseMoneyInput(values.price, i18n.currency, i18n.numberLocale);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return save.setError({ message, fields: { price: message } });
    }
    void save.save({
      ...BASE,
      available: true,
      ...original,
      kind: 'item',
      id: original?.id ?? newMenuId('item'),
      name: values.name.trim(),
      categoryId: values.categoryId,
      price: minor,
      taxClassId: values.taxClassId,
      stationId: values.stationId || null,
      barcode: values.barcode.trim() || undefined,
      prepMinutes: optionalNumber(values.prepMinutes),
      sort: optionalNumber(values.sort),
      color: values.color.trim() || undefined,
      course: optionalNumber(values.course),
      modifierGroupIds: groups,
      // Left out when empty, so an item without allergens stays as it was.
      allergens: allergens.length > 0 ? allergens : undefined,
      allergenNote: values.allergenNote.trim() || undefined,
    });
  }

  const select = (
    name: 'categoryId' | 'taxClassId' | 'stationId',
    label: BackofficeKey,
    kind: string,
    none?: boolean,
  ) => (
    <Field label={i18n.t(label)} error={errors[name]}>
      {(p) => (
        <select
          {...p}
          value={values[name]}
          onChange={(e) => setValues({ ...values, [name]: e.target.value })}
        >
          {none && <option value="">{i18n.t('bo.menu.noStation')}</option>}
          {ofKind(kind).map((d) => (
            <option key={d.id} value={d.id}>
              {String(d.name)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const field = (
    name: Exclude<keyof typeof values, 'categoryId' | 'taxClassId' | 'stationId'>,
    label: BackofficeKey,
    mode?: 'decimal' | 'numeric',
    hint?: string,
  ) => (
    <TextField
      name={name}
      label={label}
      inputMode={mode}
      hint={hint}
      values={values}
      onChange={setValues}
      error={errors[name]}
    />
  );
  return (
    <EditorFrame
      title={title}
      save={save}
      fields={[
        ...ITEM_FIELDS,
        ...groups.map((_, i) => `modifierGroupIds.${i}`),
        ...allergens.map((_, i) => `allergens.${i}`),
      ]}
      onCancel={onDone}
      onSubmit={submit}
    >
      <div className="form-grid">
        {field('name', 'bo.menu.name')}
        {select('categoryId', 'bo.menu.category', 'category')}
        {field('price', 'bo.menu.basePrice', 'decimal')}
        {select('taxClassId', 'bo.menu.taxClass', 'taxClass')}
        {select('stationId', 'bo.menu.station', 'station', true)}
        {field('barcode', 'bo.menu.barcode')}
        {field('prepMinutes', 'bo.menu.prepMinutes', 'numeric')}
        {field('course', 'bo.menu.course', 'numeric')}
        {field('sort', 'bo.menu.sort', 'numeric')}
        {field('color', 'bo.menu.color', undefined, i18n.t('bo.menu.colorHint'))}
      </div>
      <fieldset>
        <legend>{i18n.t('bo.menu.modifierGroups')}</legend>
        <ListErrors errors={errors} field="modifierGroupIds" />
        {ofKind('modifierGroup').map((g) => (
          <label key={g.id} className="check">
            <input
              type="checkbox"
              checked={groups.includes(g.id)}
              onChange={(e) =>
                setGroups(e.target.checked ? [...groups, g.id] : groups.filter((x) => x !== g.id))
              }
            />
            {String(g.name)}
          </label>
        ))}
      </fieldset>
      <fieldset data-testid="item-allergens">
        <legend>{i18n.t('bo.menu.allergens')}</legend>
        <ListErrors errors={errors} field="allergens" />
        {ALLERGEN_CODES.map((code) => (
          <label key={code} className="check">
            <input
              type="checkbox"
              checked={allergens.includes(code)}
              onChange={(e) =>
                setAllergens(
                  ALLERGEN_CODES.filter((c) =>
                    c === code ? e.target.checked : allergens.includes(c),
                  ),
                )
              }
            />
            {allergenLabel(code, i18n.locale)}
          </label>
        ))}
        {field(
          'allergenNote',
          'bo.menu.allergenNote',
          undefined,
          i18n.t('bo.menu.allergenNoteHint'),
        )}
      </fieldset>
    </EditorFrame>
  );
}
