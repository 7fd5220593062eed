import { encodeLogoUpload, logoUploadProblem, type ReceiptLogo } from '@comanda/core';
import { logoToRgba } from '@comanda/printing/layout';
import { ReceiptPreview } from '@comanda/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../api/client';
import { formErrorOf, type FormError } from '../api/errors';
import { useShell } from '../shell/context';
import { Field, FormMessage } from '../shell/field';

/**
 * A branch's receipt logo: shows the dots tills print and uploads a new PNG or JPEG
 * (`owner.branches.setLogo`). The file is checked here with core's rule before it is sent; the
 * server checks it again and makes the 1-bit raster.
 */
export function BranchLogo({ branchId, logo }: { branchId: string; logo: ReceiptLogo | null }) {
  const { i18n } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setLogo = useMutation(trpc.owner.branches.setLogo.mutationOptions());
  const [error, setError] = useState<FormError | null>(null);
  const [saved, setSaved] = useState(false);

  async function send(image: string | null) {
    setSaved(false);
    setError(null);
    try {
      await setLogo.mutateAsync({ branchId, image });
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: trpc.owner.branches.list.queryKey() });
    } catch (e) {
      setError(formErrorOf(e));
    }
  }

  async function upload(file: File | undefined) {
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const problem = logoUploadProblem(bytes);
    if (problem) return setError({ message: problem, fields: { image: problem } });
    await send(encodeLogoUpload(bytes));
  }

  return (
    <div className="panel" aria-busy={setLogo.isPending}>
      {logo ? (
        <ReceiptPreview
          label={i18n.t('bo.branches.logo')}
          model={{ columns: 48, rows: [{ text: '[LOGO]', image: logoToRgba(logo) }] }}
        />
      ) : (
        <p>{i18n.t('bo.branches.logoNone')}</p>
      )}
      <Field
        label={i18n.t('bo.branches.logo')}
        hint={i18n.t('bo.branches.logoHint')}
        error={error?.fields.image}
      >
        {(p) => (
          <input
            {...p}
            type="file"
            accept="image/png,image/jpeg"
            disabled={setLogo.isPending}
            onChange={(e) => {
              const input = e.currentTarget;
              void upload(input.files?.[0]).finally(() => (input.value = ''));
            }}
          />
        )}
      </Field>
      {error && !error.fields.image && <FormMessage error>{error.message}</FormMessage>}
      {saved && <FormMessage>{i18n.t('bo.branches.logoSaved')}</FormMessage>}
      {logo && (
        <div className="buttons">
          <button type="button" disabled={setLogo.isPending} onClick={() => void send(null)}>
            {i18n.t('bo.branches.logoRemove')}
          </button>
        </div>
      )}
    </div>
  );
}
