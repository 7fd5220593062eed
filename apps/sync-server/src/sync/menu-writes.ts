import {
  menuDocSchema,
  menuReferenceProblems,
  menuRemovalProblems,
  type MenuDoc,
} from '@comanda/core';
import { TRPCError } from '@trpc/server';
import type { Queryable } from '../db/tx';
import type { WireDocument } from './documents';
import { listDocuments } from './owner-writes';

/** Issues with paths from the request root (`docs.2.categoryId`), for the error formatter. */
class MenuIssues extends Error {
  constructor(readonly issues: { path: string[]; message: string }[]) {
    super('broken menu references');
  }
}

function asMenuDoc(doc: WireDocument): MenuDoc | null {
  const { _deleted, ...fields } = doc;
  const parsed = menuDocSchema.safeParse(fields);
  return parsed.success ? parsed.data : null;
}

/**
 * Refuses a menu write that would leave a reference dangling: an item whose category, tax class,
 * station or modifier group is missing, or a removal of something items still use. Runs inside
 * the write's transaction, after its writes, over the whole menu as it would commit; one menu
 * writer per org at a time (a transaction lock), so two concurrent writes cannot each pass the
 * check and together break it (say, removing a category while an item is moved into it).
 * A problem in a written document is a 400 naming its field (`docs.<i>.<field>`); a removal still
 * in use is a 422 naming the items.
 */
export async function assertMenuWhole(
  tx: Queryable,
  orgId: string,
  written: readonly WireDocument[],
): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`comanda.menu:${orgId}`]);
  const menu = (await listDocuments(tx, orgId, 'menu'))
    .map(asMenuDoc)
    .filter((d): d is MenuDoc => d !== null);
  const removed = written.filter((d) => d._deleted);
  if (removed.length > 0) {
    const before = [...menu, ...removed.map(asMenuDoc).filter((d): d is MenuDoc => d !== null)];
    const [refused] = menuRemovalProblems(
      before,
      removed.map((d) => d.id),
    );
    if (refused) throw new TRPCError({ code: 'UNPROCESSABLE_CONTENT', message: refused.message });
  }
  const index = new Map(written.map((d, i) => [d.id, i]));
  // Only what this write breaks: a menu already inconsistent elsewhere does not block every edit.
  const problems = menuReferenceProblems(menu).filter(
    (p) => index.has(p.id) || index.has(p.refersTo),
  );
  const inRequest = problems.filter((p) => index.has(p.id));
  if (inRequest.length > 0) {
    const issues = inRequest.map((p) => ({
      path: ['docs', String(index.get(p.id)), ...p.field.split('.')],
      message: p.message,
    }));
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: issues[0]!.message,
      cause: new MenuIssues(issues),
    });
  }
  const [other] = problems;
  if (other)
    throw new TRPCError({
      code: 'UNPROCESSABLE_CONTENT',
      message: `${other.id}: ${other.message}`,
    });
}
