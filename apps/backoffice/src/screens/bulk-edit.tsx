import { parseMoneyInput } from '@comanda/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../api/client';
import { formErrorOf, type FormError } from '../api/errors';
import { useShell } from '../shell/context';
import { BranchChecks } from '../shell/branch-checks';
import { Field, FormMessage } from '../shell/field';

type PriceMode = 'keep' | 'set' | 'inherit';
type Availability = 'keep' | 'available' | 'soldOut' | 'inherit';
const AVAILABILITY: Record<Availability, boolean | null | undefined> = {
  keep: undefined,
  available: true,
  soldOut: false,
  inherit: null,
};

/**
 * Sets a price and/or availability (86) for the selected items in the chosen branches, in one
 * server transaction (`owner.overrides.bulkSet`): all of them or none.
 */
export function BulkEdit({ itemIds }: { itemIds: readonly string[] }) {
  const { i18n, branches } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const bulk = useMutation(trpc.owner.overrides.bulkSet.mutationOptions());
  const [branchIds, setBranchIds] = useState<string[]>(() => branches.map((b) => b.id));
  const [priceMode, setPriceMode] = useState<PriceMode>('keep');
  const [price, setPrice] = useState('');
  const [availability, setAvailability] = useState<Availability>('soldOut');
  const [error, setError] = useState<FormError | null>(null);
  const [written, setWritten] = useState<number | null>(null);

  async function apply() {
    setError(null);
    setWritten(null);
    let amount: number | null | undefined = priceMode === 'inherit' ? null : undefined;
    if (priceMode === 'set') {
      try {
        amount = parseMoneyInput(price, i18n.currency, i18n.numberLocale);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        return setError({ message, fields: { price: message } });
      }
    }
    try {
      const done = await bulk.mutateAsync({
        itemIds: [...itemIds],
        branchIds,
        ...(amount !== undefined ? { price: amount } : {}),
        ...(AVAILABILITY[availability] !== undefined
          ? { available: AVAILABILITY[availability] }
          : {}),
      });
      setWritten(done.written);
      await queryClient.invalidateQueries({ queryKey: trpc.owner.overrides.list.queryKey() });
    } catch (e) {
      setError(formErrorOf(e));
    }
  }

  return (
    <form
      className="panel wide"
      aria-label={i18n.t('bo.bulk.title')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void apply();
      }}
    >
      <h2>{i18n.t('bo.bulk.title')}</h2>
      <p role="status">{i18n.plural('bo.bulk.selected', itemIds.length)}</p>
      <BranchChecks
        legend={i18n.t('bo.bulk.branches')}
        branches={branches}
        selected={branchIds}
        onChange={setBranchIds}
        error={error?.fields.branchIds}
      />
      <div className="form-grid">
        <Field label={i18n.t('bo.bulk.price')}>
          {(p) => (
            <select
              {...p}
              value={priceMode}
              onChange={(e) => setPriceMode(e.target.value as PriceMode)}
            >
              <option value="keep">{i18n.t('bo.bulk.priceKeep')}</option>
              <option value="set">{i18n.t('bo.bulk.priceSet')}</option>
              <option value="inherit">{i18n.t('bo.bulk.priceInherit')}</option>
            </select>
          )}
        </Field>
        {priceMode === 'set' && (
          <Field label={i18n.t('bo.bulk.priceSet')} error={error?.fields.price}>
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                value={price}
                onChange={(e) => setPrice(e.target.value)}
              />
            )}
          </Field>
        )}
        <Field label={i18n.t('bo.bulk.availability')}>
          {(p) => (
            <select
              {...p}
              value={availability}
              onChange={(e) => setAvailability(e.target.value as Availability)}
            >
              <option value="keep">{i18n.t('bo.bulk.availabilityKeep')}</option>
              <option value="available">{i18n.t('bo.menu.available')}</option>
              <option value="soldOut">{i18n.t('bo.menu.soldOut')}</option>
              <option value="inherit">{i18n.t('bo.bulk.priceInherit')}</option>
            </select>
          )}
        </Field>
      </div>
      {error && !error.fields.price && !error.fields.branchIds && (
        <FormMessage error>{error.message}</FormMessage>
      )}
      {written !== null && <FormMessage>{i18n.plural('bo.bulk.done', written)}</FormMessage>}
      <div className="buttons">
        <button type="submit" className="primary" disabled={bulk.isPending}>
          {i18n.t('bo.bulk.apply')}
        </button>
      </div>
    </form>
  );
}
