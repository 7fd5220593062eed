import { MAX_RECEIPT_QR_LENGTH, branchDocSchema, receiptLogoSchema } from '@comanda/core';
import type { BackofficeKey } from '@comanda/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '../api/client';
import { formErrorOf, formErrorOfZod, type FormError } from '../api/errors';
import { formattingBranch, useShell } from '../shell/context';
import { ConflictNotice } from '../shell/conflict';
import { Field, FormMessage } from '../shell/field';
import { BranchLogo } from './branch-logo';
import { BranchStations } from './branch-stations';

/** The fields of a branch this screen edits (the rest of the document is kept as it is). */
const FIELDS = [
  ['name', 'bo.branches.name'],
  ['legalName', 'bo.branches.legalName'],
  ['taxId', 'bo.branches.taxId'],
  ['timeZone', 'bo.branches.timeZone'],
  ['currency', 'bo.branches.currency'],
  ['receiptFooter', 'bo.branches.footer'],
  ['receiptQr', 'bo.branches.receiptQr'],
] as const satisfies readonly (readonly [string, BackofficeKey])[];
type EditedField = (typeof FIELDS)[number][0];
const MAX_LENGTHS: Partial<Record<EditedField, number>> = {
  receiptFooter: 500,
  receiptQr: MAX_RECEIPT_QR_LENGTH,
};
const FIELD_HINTS: Partial<Record<EditedField, BackofficeKey>> = {
  timeZone: 'bo.branches.timeZoneHint',
  receiptQr: 'bo.branches.receiptQrHint',
};

/** A branch's name, receipt identity, time zone and currency (`owner.branches.upsert`). */
export function BranchesScreen() {
  const shell = useShell();
  const trpc = useTRPC();
  const list = useQuery(trpc.owner.branches.list.queryOptions());
  const target = formattingBranch(shell);
  // Kept here, not in the form: the form is remounted with the saved version, and "Saved" must
  // stay on screen across that remount.
  const [saved, setSaved] = useState(false);
  const doc = list.data?.find((d) => d.id === target?.id);
  if (!doc) return <p className="loading">{shell.i18n.t('bo.loading')}</p>;
  // A new key per version: the form starts again from what the server holds after a save.
  return (
    <BranchForm
      key={`${doc.id}:${String(doc.updatedAt)}`}
      doc={doc}
      saved={saved}
      onSaved={setSaved}
    />
  );
}

interface BranchFormProps {
  doc: Record<string, unknown> & { id: string };
  saved: boolean;
  onSaved: (saved: boolean) => void;
}

function BranchForm({ doc, saved, onSaved: setSaved }: BranchFormProps) {
  const { i18n } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const upsert = useMutation(trpc.owner.branches.upsert.mutationOptions());
  const [values, setValues] = useState<Record<EditedField, string>>(
    () =>
      Object.fromEntries(
        FIELDS.map(([f]) => [f, typeof doc[f] === 'string' ? doc[f] : '']),
      ) as Record<EditedField, string>,
  );
  const [error, setError] = useState<FormError | null>(null);

  async function submit(event: FormEvent | null, overwrite = false) {
    event?.preventDefault();
    setSaved(false);
    // The same schema the server validates the document with (time zone, currency code …).
    const checked = branchDocSchema.safeParse({ ...doc, ...values });
    if (!checked.success) return setError(formErrorOfZod(checked.error));
    setError(null);
    try {
      await upsert.mutateAsync({
        doc: checked.data,
        // From the version this form opened; overwriting on purpose sends none.
        ...(overwrite ? {} : { expectedUpdatedAt: Number(doc.updatedAt) }),
      });
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: trpc.owner.branches.list.queryKey() });
    } catch (e) {
      setError(formErrorOf(e, 'doc.'));
    }
  }

  const fieldless = error && !FIELDS.some(([f]) => error.fields[f]);
  return (
    <section aria-labelledby="branch-title">
      <h1 id="branch-title">
        {i18n.t('bo.branches.title')} · {String(doc.name)}
      </h1>
      <form className="panel" onSubmit={(e) => void submit(e)} noValidate>
        {FIELDS.map(([field, label]) => (
          <Field
            key={field}
            label={i18n.t(label)}
            error={error?.fields[field]}
            hint={FIELD_HINTS[field] && i18n.t(FIELD_HINTS[field])}
          >
            {(p) => (
              <input
                {...p}
                value={values[field]}
                maxLength={MAX_LENGTHS[field] ?? 200}
                onChange={(e) => {
                  setSaved(false);
                  setValues({ ...values, [field]: e.target.value });
                }}
              />
            )}
          </Field>
        ))}
        {error?.status === 409 ? (
          <ConflictNotice
            what={String(doc.name)}
            onReload={() =>
              void queryClient.invalidateQueries({ queryKey: trpc.owner.branches.list.queryKey() })
            }
            onOverwrite={() => void submit(null, true)}
          />
        ) : (
          fieldless && <FormMessage error>{error.message}</FormMessage>
        )}
        {saved && <FormMessage>{i18n.t('bo.saved')}</FormMessage>}
        <div className="buttons">
          <button type="submit" className="primary" disabled={upsert.isPending}>
            {i18n.t('bo.save')}
          </button>
        </div>
      </form>
      <BranchLogo branchId={doc.id} logo={receiptLogoOf(doc)} />
      <BranchStations doc={doc} />
    </section>
  );
}

/** The branch's logo as the server stored it (null when none or unreadable). */
function receiptLogoOf(doc: Record<string, unknown>) {
  const parsed = receiptLogoSchema.safeParse(doc.logo);
  return parsed.success ? parsed.data : null;
}
