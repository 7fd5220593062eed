import { formatMoneyInput, parseMoneyInput } from '@comanda/core';
import { useState } from 'react';
import { useShell } from '../shell/context';
import { Field } from '../shell/field';
import { BASE, EditorFrame, optionalNumber, text, TextFields, type EditorProps } from './menu-form';
import { newMenuId, useMenuSave } from './menu-save';

/** A category: name, colour and place in the list. */
export function CategoryEditor({ original, onDone }: EditorProps) {
  const { i18n } = useShell();
  const save = useMenuSave(original, onDone);
  const [values, setValues] = useState({
    name: text(original?.name),
    color: text(original?.color),
    sort: text(original?.sort ?? 0),
  });
  const fields = ['name', 'color', 'sort'] as const;
  const title = original ? String(original.name) : i18n.t('bo.menu.newCategory');
  return (
    <EditorFrame
      title={title}
      save={save}
      fields={fields}
      onCancel={onDone}
      onSubmit={() =>
        void save.save({
          ...BASE,
          ...original,
          kind: 'category',
          id: original?.id ?? newMenuId('category'),
          name: values.name.trim(),
          color: values.color.trim() || undefined,
          sort: optionalNumber(values.sort),
        })
      }
    >
      <TextFields
        specs={[
          { name: 'name', label: 'bo.menu.name' },
          { name: 'color', label: 'bo.menu.color', hint: i18n.t('bo.menu.colorHint') },
          { name: 'sort', label: 'bo.menu.sort', mode: 'numeric' },
        ]}
        values={values}
        onChange={setValues}
        errors={save.error?.fields}
      />
    </EditorFrame>
  );
}

/** A modifier group: how many options to pick, and the options with their price deltas. */
export function ModifierGroupEditor({ original, onDone }: EditorProps) {
  const { i18n } = useShell();
  const save = useMenuSave(original, onDone);
  const money = (minor: number) =>
    minor < 0
      ? `-${formatMoneyInput(-minor, i18n.currency, i18n.numberLocale)}`
      : formatMoneyInput(minor, i18n.currency, i18n.numberLocale);
  const [values, setValues] = useState({
    name: text(original?.name),
    min: text(original?.min ?? 0),
    max: text(original?.max ?? 1),
  });
  const [options, setOptions] = useState(
    (Array.isArray(original?.options) ? (original.options as Record<string, unknown>[]) : []).map(
      (o) => ({ id: String(o.id), name: String(o.name), delta: money(Number(o.priceDelta)) }),
    ),
  );
  const fields = ['name', 'min', 'max', 'options'];
  const title = original ? String(original.name) : i18n.t('bo.menu.newGroup');

  function submit() {
    const parsed = [];
    for (const [i, o] of options.entries()) {
      try {
        const negative = o.delta.trim().startsWith('-');
        const minor =
          o.delta.trim() === ''
            ? 0
            : parseMoneyInput(o.delta.trim().replace(/^-/, ''), i18n.currency, i18n.numberLocale);
        parsed.push({ id: o.id, name: o.name.trim(), priceDelta: negative ? -minor : minor });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        return save.setError({ message, fields: { [`options.${i}.priceDelta`]: message } });
      }
    }
    void save.save({
      ...BASE,
      ...original,
      kind: 'modifierGroup',
      id: original?.id ?? newMenuId('group'),
      name: values.name.trim(),
      min: optionalNumber(values.min),
      max: optionalNumber(values.max),
      options: parsed,
    });
  }

  return (
    <EditorFrame
      title={title}
      save={save}
      fields={[
        ...fields,
        ...options.flatMap((_, i) => [`options.${i}.name`, `options.${i}.priceDelta`]),
      ]}
      onCancel={onDone}
      onSubmit={submit}
    >
      <TextFields
        specs={[
          { name: 'name', label: 'bo.menu.name' },
          { name: 'min', label: 'bo.menu.min', mode: 'numeric' },
          { name: 'max', label: 'bo.menu.max', mode: 'numeric' },
        ]}
        values={values}
        onChange={setValues}
        errors={save.error?.fields}
      />
      <fieldset>
        <legend>{i18n.t('bo.menu.options')}</legend>
        {save.error?.fields.options && (
          <p className="field-error" role="alert">
            {save.error.fields.options}
          </p>
        )}
        {options.map((o, i) => (
          <div className="option-row" key={o.id}>
            <Field
              label={i18n.t('bo.menu.optionName', { n: i + 1 })}
              error={save.error?.fields[`options.${i}.name`]}
            >
              {(p) => (
                <input
                  {...p}
                  value={o.name}
                  maxLength={200}
                  onChange={(e) =>
                    setOptions(
                      options.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)),
                    )
                  }
                />
              )}
            </Field>
            <Field
              label={i18n.t('bo.menu.optionDelta', { n: i + 1 })}
              error={save.error?.fields[`options.${i}.priceDelta`]}
            >
              {(p) => (
                <input
                  {...p}
                  value={o.delta}
                  inputMode="decimal"
                  onChange={(e) =>
                    setOptions(
                      options.map((x, j) => (j === i ? { ...x, delta: e.target.value } : x)),
                    )
                  }
                />
              )}
            </Field>
            <button type="button" onClick={() => setOptions(options.filter((_, j) => j !== i))}>
              {i18n.t('bo.menu.removeOption', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => setOptions([...options, { id: newMenuId('option'), name: '', delta: '' }])}
        >
          {i18n.t('bo.menu.addOption')}
        </button>
      </fieldset>
    </EditorFrame>
  );
}
