import { useState } from 'react';
import { useI18n } from '@comanda/ui';
import { useTill } from '../app/till-context';
import { OpenTabs } from './open-tabs';

/** Start a dine-in (table, covers) or takeaway order, or reopen a parked tab. */
export function NewOrderPanel() {
  const { order } = useTill();
  const { t } = useI18n();
  const [table, setTable] = useState('');
  const [covers, setCovers] = useState('2');
  const [name, setName] = useState('');
  return (
    <section className="cmd-new-order" aria-labelledby="new-order-title">
      <h2 id="new-order-title">{t('order.new')}</h2>
      <form
        className="cmd-card"
        onSubmit={(e) => {
          e.preventDefault();
          void order.getState().newOrder({ type: 'dineIn', table: table.trim() || null, covers: Math.max(1, Number(covers) || 1) });
        }}
      >
        <div className="cmd-field">
          <label htmlFor="new-table">{t('order.table')}</label>
          <input id="new-table" value={table} onChange={(e) => setTable(e.target.value)} />
        </div>
        <div className="cmd-field">
          <label htmlFor="new-covers">{t('order.covers')}</label>
          <input id="new-covers" inputMode="numeric" value={covers} onChange={(e) => setCovers(e.target.value.replace(/\D/g, '').slice(0, 3))} />
        </div>
        <button type="submit" className="cmd-btn cmd-btn-primary">{t('order.dineIn')}</button>
      </form>
      <form
        className="cmd-card"
        onSubmit={(e) => {
          e.preventDefault();
          void order.getState().newOrder({ type: 'takeaway', customerName: name.trim() || null });
        }}
      >
        <div className="cmd-field">
          <label htmlFor="new-name">{t('order.customerName')}</label>
          <input id="new-name" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" className="cmd-btn cmd-btn-primary">{t('order.takeaway')}</button>
      </form>
      <OpenTabs />
    </section>
  );
}
