import type { BackofficeKey } from '@comanda/ui';
import type { FormEvent, ReactNode } from 'react';
import { ConflictNotice } from '../shell/conflict';
import { useShell } from '../shell/context';
import { Field, FormMessage } from '../shell/field';
import type { MenuRecord, useMenuSave } from './menu-save';

export const BASE = { schemaVersion: 1, branchId: null, updatedAt: 0 } as const;

export interface EditorProps {
  original: MenuRecord | null;
  menu: readonly MenuRecord[];
  onDone: () => void;
}

/** "" → absent, anything else → a number (the schema says whether it is a good one). */
export function optionalNumber(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

export function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** The frame of every menu form: title, fields, the form's message or conflict, save/cancel. */
export function EditorFrame(props: {
  title: string;
  save: ReturnType<typeof useMenuSave>;
  fields: readonly string[];
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { i18n } = useShell();
  const { save, fields } = props;
  const fieldless = save.error && !fields.some((f) => save.error?.fields[f]);
  return (
    <form
      className="panel wide"
      aria-label={props.title}
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <h2>{props.title}</h2>
      {props.children}
      {save.conflict ? (
        <ConflictNotice
          what={props.title}
          onReload={save.conflict.reload}
          onOverwrite={save.conflict.overwrite}
        />
      ) : (
        fieldless && <FormMessage error>{save.error?.message}</FormMessage>
      )}
      <div className="buttons">
        <button type="submit" className="primary" disabled={save.pending}>
          {i18n.t('bo.save')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {i18n.t('bo.cancel')}
        </button>
      </div>
    </form>
  );
}

/** A text input bound to one field of the form's values, with its error under it. */
export function TextField<V extends Record<string, string>>(props: {
  name: keyof V & string;
  label: BackofficeKey;
  values: V;
  onChange: (values: V) => void;
  error: string | undefined;
  inputMode?: 'decimal' | 'numeric';
  hint?: string;
}) {
  const { i18n } = useShell();
  return (
    <Field label={i18n.t(props.label)} error={props.error} hint={props.hint}>
      {(p) => (
        <input
          {...p}
          value={props.values[props.name]}
          maxLength={200}
          inputMode={props.inputMode}
          onChange={(e) => props.onChange({ ...props.values, [props.name]: e.target.value })}
        />
      )}
    </Field>
  );
}

/** Several text fields in a row of the form, one per spec. */
export function TextFields<V extends Record<string, string>>(props: {
  specs: readonly {
    name: keyof V & string;
    label: BackofficeKey;
    mode?: 'decimal' | 'numeric';
    hint?: string;
  }[];
  values: V;
  onChange: (values: V) => void;
  errors: Readonly<Record<string, string>> | undefined;
}) {
  return props.specs.map((spec) => (
    <TextField
      key={spec.name}
      name={spec.name}
      label={spec.label}
      inputMode={spec.mode}
      hint={spec.hint}
      values={props.values}
      onChange={props.onChange}
      error={props.errors?.[spec.name]}
    />
  ));
}
