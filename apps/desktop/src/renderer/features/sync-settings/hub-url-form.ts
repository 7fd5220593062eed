import type { MessageKey } from '@comanda/ui';
import { hubUrlSchema } from '../../../host/contract';

/** What the manager typed in the hub field, read as the device setting (null: no hub). */
export type HubUrlInput = { ok: true; hubUrl: string | null } | { ok: false; key: MessageKey; detail: string };

/**
 * Reads the hub field: blank removes the hub; a trailing slash is dropped (the sync client adds
 * its own paths); anything else must pass the host's own schema, so the host never refuses it.
 */
export function readHubUrl(typed: string): HubUrlInput {
  const trimmed = typed.trim().replace(/\/+$/, '');
  if (trimmed === '') return { ok: true, hubUrl: null };
  const parsed = hubUrlSchema.safeParse(trimmed);
  if (parsed.success) return { ok: true, hubUrl: parsed.data };
  return { ok: false, key: 'syncSettings.hubInvalid', detail: parsed.error.issues[0]?.message ?? '' };
}
