import { useState } from 'react';
import type { OrderServiceInput } from '@comanda/core/orders';
import { Dialog, useI18n } from '@comanda/ui';
import type { Order } from '../../till-ports';

export interface ServiceDialogProps {
  order: Order;
  onSave: (input: OrderServiceInput) => void;
  onClose: () => void;
}

/** Table and covers (dine-in) or a name (takeaway) for an order an item tap started. */
export function ServiceDialog({ order, onSave, onClose }: ServiceDialogProps) {
  const { t } = useI18n();
  const [table, setTable] = useState(order.table ?? '');
  const [covers, setCovers] = useState(String(order.covers ?? 2));
  const [name, setName] = useState(order.customerName ?? '');
  return (
    <Dialog
      title={t('order.service')}
      open
      onClose={onClose}
      actions={
        <>
          <button type="button" className="cmd-btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="cmd-btn" onClick={() => onSave({ type: 'takeaway', customerName: name.trim() || null })}>
            {t('order.takeaway')}
          </button>
          <button
            type="button"
            className="cmd-btn cmd-btn-primary"
            onClick={() => onSave({ type: 'dineIn', table: table.trim() || null, covers: Math.max(1, Number(covers) || 1), customerName: name.trim() || null })}
          >
            {t('order.dineIn')}
          </button>
        </>
      }
    >
      <div className="cmd-field">
        <label htmlFor="service-table">{t('order.table')}</label>
        <input id="service-table" maxLength={40} value={table} onChange={(e) => setTable(e.target.value)} />
      </div>
      <div className="cmd-field">
        <label htmlFor="service-covers">{t('order.covers')}</label>
        <input id="service-covers" inputMode="numeric" value={covers} onChange={(e) => setCovers(e.target.value.replace(/\D/g, '').slice(0, 3))} />
      </div>
      <div className="cmd-field">
        <label htmlFor="service-name">{t('order.customerName')}</label>
        <input id="service-name" maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
    </Dialog>
  );
}
