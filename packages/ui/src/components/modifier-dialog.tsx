import { useState } from 'react';
import { useI18n, type I18n } from '../i18n';
import { Dialog } from './dialog';

export interface ModifierOptionView {
  id: string;
  name: string;
  priceDelta: number;
}

export interface ModifierGroupView {
  id: string;
  name: string;
  min: number;
  max: number;
  options: readonly ModifierOptionView[];
}

/** Chosen option ids per group id. */
export type ModifierSelection = Record<string, string[]>;

/** A broken min/max rule, named for the cashier. */
export interface ModifierRuleError {
  groupId: string;
  message: string;
}

export interface ModifierDialogProps {
  itemName: string;
  basePrice: number;
  groups: readonly ModifierGroupView[];
  initial?: ModifierSelection;
  onConfirm: (selection: ModifierSelection) => void;
  onCancel: () => void;
  /**
   * The rule check (from `@comanda/core` in the till). Defaults to a min/max count per group;
   * the dialog refuses to confirm while it returns an error.
   */
  validate?: (selection: ModifierSelection) => ModifierRuleError | null;
}

/** Default min/max rule check, naming the group and the rule broken. */
export function checkModifierRules(
  groups: readonly ModifierGroupView[],
  selection: ModifierSelection,
  t: I18n['t'],
): ModifierRuleError | null {
  for (const g of groups) {
    const count = selection[g.id]?.length ?? 0;
    if (count >= g.min && count <= g.max) continue;
    const params = { group: g.name, min: g.min, max: g.max };
    const key =
      g.min === g.max ? 'modifiers.rule.exact' : count < g.min ? (g.max >= g.options.length ? 'modifiers.rule.min' : 'modifiers.rule.range') : 'modifiers.rule.max';
    return { groupId: g.id, message: t(key, params) };
  }
  return null;
}

/** Options dialog for an item: radios for single-choice groups, checkboxes otherwise, live price. */
export function ModifierDialog({ itemName, basePrice, groups, initial, onConfirm, onCancel, validate }: ModifierDialogProps) {
  const { t, money } = useI18n();
  const [selection, setSelection] = useState<ModifierSelection>(initial ?? {});
  const [attempted, setAttempted] = useState(false);
  const error = validate ? validate(selection) : checkModifierRules(groups, selection, t);
  const total =
    basePrice +
    groups.reduce(
      (sum, g) => sum + g.options.filter((o) => selection[g.id]?.includes(o.id)).reduce((s, o) => s + o.priceDelta, 0),
      0,
    );

  const toggle = (group: ModifierGroupView, optionId: string, checked: boolean) => {
    setSelection((prev) => {
      const current = prev[group.id] ?? [];
      if (group.max === 1) return { ...prev, [group.id]: checked ? [optionId] : [] };
      if (!checked) return { ...prev, [group.id]: current.filter((id) => id !== optionId) };
      if (current.length >= group.max) return prev;
      return { ...prev, [group.id]: [...current, optionId] };
    });
  };

  const confirm = () => {
    setAttempted(true);
    if (error) return;
    onConfirm(selection);
  };

  return (
    <Dialog
      title={t('modifiers.title', { item: itemName })}
      open
      onClose={onCancel}
      actions={
        <>
          <button type="button" className="cmd-btn cmd-btn-ghost" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="button" className="cmd-btn cmd-btn-primary" aria-disabled={error !== null} onClick={confirm}>
            {t('modifiers.add', { price: money(total) })}
          </button>
        </>
      }
    >
      {groups.map((g) => {
        const chosen = selection[g.id] ?? [];
        const single = g.max === 1;
        const groupError = attempted && error?.groupId === g.id;
        return (
          <fieldset key={g.id} className={groupError ? 'cmd-modgroup cmd-modgroup-invalid' : 'cmd-modgroup'}>
            <legend>
              {g.name} <span className="cmd-muted">({g.min === g.max ? g.min : `${g.min}–${g.max}`})</span>
            </legend>
            {g.options.map((o) => (
              <label key={o.id} className="cmd-option">
                <input
                  type={single ? 'radio' : 'checkbox'}
                  name={g.id}
                  checked={chosen.includes(o.id)}
                  disabled={!single && !chosen.includes(o.id) && chosen.length >= g.max}
                  onChange={(e) => toggle(g, o.id, e.target.checked)}
                />
                <span>{o.name}</span>
                {o.priceDelta !== 0 ? (
                  <span className="cmd-option-delta">
                    {o.priceDelta > 0 ? '+' : '−'}
                    {money(Math.abs(o.priceDelta))}
                  </span>
                ) : null}
              </label>
            ))}
          </fieldset>
        );
      })}
      {error ? (
        <p className={attempted ? 'cmd-field-error' : 'cmd-muted'} role={attempted ? 'alert' : undefined}>
          {error.message}
        </p>
      ) : null}
    </Dialog>
  );
}
