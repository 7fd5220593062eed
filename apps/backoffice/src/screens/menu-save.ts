import { menuDocSchema, type MenuDoc } from '@comanda/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../api/client';
import { formErrorOf, formErrorOfZod, type FormError } from '../api/errors';

/** A menu document as `owner.menu.list` returns it. */
export type MenuRecord = Record<string, unknown> & { id: string; kind?: unknown };

/** The version an editor read: a newer one on the server turns the save into a 409. */
function versionOf(original: MenuRecord | null): number | null {
  return original ? Number(original.updatedAt) : null;
}

/**
 * Saving and removing menu documents from a form: checked first with core's `menuDocSchema` (the
 * server's schema), then sent with the version the form was opened from. Errors come back keyed
 * by field (`price`, `options.1.name`); a 409 keeps the candidate so the owner can overwrite it.
 */
export function useMenuSave(original: MenuRecord | null, onDone: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const upsert = useMutation(trpc.owner.menu.upsert.mutationOptions());
  const remove = useMutation(trpc.owner.menu.remove.mutationOptions());
  const [error, setError] = useState<FormError | null>(null);
  const [conflict, setConflict] = useState<(() => Promise<void>) | null>(null);

  const reload = async () => {
    setError(null);
    setConflict(null);
    await queryClient.invalidateQueries({ queryKey: trpc.owner.menu.list.queryKey() });
    onDone();
  };

  async function run(send: (expected: boolean) => Promise<unknown>, overwrite: boolean) {
    setError(null);
    setConflict(null);
    try {
      await send(!overwrite);
      await reload();
    } catch (e) {
      const failure = formErrorOf(e, 'docs.0.');
      setError(failure);
      if (failure.status === 409) setConflict(() => () => run(send, true));
    }
  }

  /** Validates and saves `candidate`; false when the page's own check refused it. */
  async function save(candidate: unknown): Promise<void> {
    const checked = menuDocSchema.safeParse(candidate);
    if (!checked.success) return setError(formErrorOfZod(checked.error));
    const doc: MenuDoc = checked.data;
    await run(
      (expected) =>
        upsert.mutateAsync({
          docs: [doc],
          ...(expected ? { expected: [{ id: doc.id, updatedAt: versionOf(original) }] } : {}),
        }),
      false,
    );
  }

  async function removeIt(): Promise<void> {
    if (!original) return;
    await run(
      (expected) =>
        remove.mutateAsync({
          ids: [original.id],
          ...(expected ? { expected: [{ id: original.id, updatedAt: versionOf(original) }] } : {}),
        }),
      false,
    );
  }

  return {
    error,
    setError,
    pending: upsert.isPending || remove.isPending,
    save,
    remove: removeIt,
    /** Set after a 409: reload drops the edit, overwrite sends it again without a version. */
    conflict: conflict && { reload: () => void reload(), overwrite: () => void conflict() },
  };
}

/** A new document id: the kind and a random part (ids are opaque to tills and reports). */
export function newMenuId(kind: string): string {
  return `${kind}-${crypto.randomUUID().slice(0, 8)}`;
}
