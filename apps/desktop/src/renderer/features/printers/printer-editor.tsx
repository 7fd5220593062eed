import { useId } from 'react';
import { useStore } from 'zustand';
import { Dialog, useI18n } from '@comanda/ui';
import { PRINTER_CODEPAGES, SERIAL_BAUD_RATES } from '../../../host/contract';
import type { PrinterField } from './printer-form';
import type { PrinterSettingsStore } from './printer-settings-store';

export interface RouteOption {
  id: string;
  label: string;
}

/** The add / edit printer form, in a dialog: every field labelled, errors next to the field they concern. */
export function PrinterEditor({
  store,
  routes,
  onSaved,
}: {
  store: PrinterSettingsStore;
  routes: readonly RouteOption[];
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const formId = useId();
  const { draft, creating, errors, formError, saving } = useStore(store);
  if (!draft) return null;
  const s = store.getState();

  const errorId = (field: PrinterField) => `${formId}-${field}-error`;
  const fieldProps = (field: PrinterField) => ({
    id: `${formId}-${field}`,
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': errors[field] ? errorId(field) : undefined,
  });
  const fieldError = (field: PrinterField) => {
    const e = errors[field];
    return e ? (
      <p className="cmd-field-error" id={errorId(field)} title={e.detail}>
        {t(e.key)}
      </p>
    ) : null;
  };
  /** A typed address (host name, device path): no autocomplete or spell check. */
  const textField = (
    field: 'host' | 'serialPath',
    label: string,
    extra: { inputMode?: 'url'; placeholder?: string },
  ) => (
    <div className="cmd-field">
      <label htmlFor={`${formId}-${field}`}>{label}</label>
      <input
        {...fieldProps(field)}
        {...extra}
        value={draft[field]}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => s.change({ [field]: e.target.value })}
      />
      {fieldError(field)}
    </div>
  );

  const routeChecks = (list: 'stations' | 'backupStations', legend: string, help?: string) => (
    <fieldset className="cmd-field cmd-route-checks">
      <legend>{legend}</legend>
      {help ? <p className="cmd-muted">{help}</p> : null}
      {routes
        .filter((r) => list === 'stations' || !draft.stations.includes(r.id))
        .map((r) => (
          <label key={r.id} className="cmd-option">
            <input
              type="checkbox"
              checked={draft[list].includes(r.id)}
              onChange={() => s.toggle(list, r.id)}
            />
            {r.label}
          </label>
        ))}
      {list === 'stations' ? fieldError('stations') : null}
    </fieldset>
  );

  return (
    <Dialog
      title={
        creating && !draft.id
          ? t('printers.form.add')
          : t('printers.form.edit', { name: draft.name || draft.id })
      }
      open
      onClose={() => s.cancel()}
      actions={
        <>
          <button type="button" className="cmd-btn" onClick={() => s.cancel()}>
            {t('common.cancel')}
          </button>
          <button type="submit" form={formId} className="cmd-btn cmd-btn-primary" disabled={saving}>
            {saving ? t('printers.form.saving') : t('common.save')}
          </button>
        </>
      }
    >
      <form
        id={formId}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void s.save().then((ok) => ok && onSaved());
        }}
      >
        {Object.keys(errors).length > 0 ? (
          <p className="cmd-field-error" role="alert">
            {t('printers.form.fix')}
          </p>
        ) : null}
        {formError ? (
          <p className="cmd-field-error" role="alert">
            {formError}
          </p>
        ) : null}
        <div className="cmd-printer-form">
          <div className="cmd-field">
            <label htmlFor={`${formId}-name`}>{t('printers.form.name')}</label>
            <input
              {...fieldProps('name')}
              value={draft.name}
              autoComplete="off"
              onChange={(e) => s.change({ name: e.target.value })}
            />
            {fieldError('name')}
          </div>
          <div className="cmd-field">
            <label htmlFor={`${formId}-transport`}>{t('printers.form.transport')}</label>
            <select
              id={`${formId}-transport`}
              value={draft.transport}
              onChange={(e) => s.change({ transport: e.target.value as typeof draft.transport })}
            >
              <option value="tcp">{t('printers.form.transport.tcp')}</option>
              <option value="serial">{t('printers.form.transport.serial')}</option>
            </select>
          </div>
          {draft.transport === 'tcp' ? (
            <>
              {textField('host', t('printers.form.host'), { inputMode: 'url' })}
              <div className="cmd-field">
                <label htmlFor={`${formId}-port`}>{t('printers.form.port')}</label>
                <input
                  {...fieldProps('port')}
                  value={draft.port}
                  inputMode="numeric"
                  onChange={(e) => s.change({ port: e.target.value })}
                />
                {errors.port ? (
                  fieldError('port')
                ) : (
                  <p className="cmd-muted">{t('printers.form.portHelp')}</p>
                )}
              </div>
            </>
          ) : (
            <>
              {textField('serialPath', t('printers.form.serialPath'), {
                placeholder: '/dev/ttyUSB0',
              })}
              <div className="cmd-field">
                <label htmlFor={`${formId}-baudRate`}>{t('printers.form.baudRate')}</label>
                <select
                  {...fieldProps('baudRate')}
                  value={draft.baudRate}
                  onChange={(e) => s.change({ baudRate: e.target.value })}
                >
                  {SERIAL_BAUD_RATES.map((r) => (
                    <option key={r} value={String(r)}>
                      {r}
                    </option>
                  ))}
                </select>
                {fieldError('baudRate')}
              </div>
            </>
          )}
          <div className="cmd-field">
            <label htmlFor={`${formId}-columns`}>{t('printers.form.columns')}</label>
            <select
              {...fieldProps('columns')}
              value={draft.columns}
              onChange={(e) => s.change({ columns: e.target.value as typeof draft.columns })}
            >
              {(['32', '42', '48'] as const).map((c) => (
                <option key={c} value={c}>
                  {t(`printers.form.columns.${c}`)}
                </option>
              ))}
            </select>
            {fieldError('columns')}
          </div>
          <div className="cmd-field">
            <label htmlFor={`${formId}-codepage`}>{t('printers.form.codepage')}</label>
            <select
              {...fieldProps('codepage')}
              value={draft.codepage}
              onChange={(e) => s.change({ codepage: e.target.value })}
            >
              <option value="auto">{t('printers.form.codepage.auto')}</option>
              {PRINTER_CODEPAGES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            {fieldError('codepage')}
          </div>
        </div>
        {routeChecks('stations', t('printers.stations'))}
        {routeChecks('backupStations', t('printers.backupFor'), t('printers.backupHelp'))}
      </form>
    </Dialog>
  );
}
