import { kitchenStationsSchema } from '@comanda/core/sync';
import { z } from 'zod';
import type { TillDatabase } from '../data/database.js';

const KEY = 'device:kitchen';
const settingSchema = z.strictObject({ stations: kitchenStationsSchema });

/**
 * Remembers that this device was paired as a kitchen screen (and for which stations; none: expo),
 * so it starts as one; null when it was paired as a till. Kept in the local store like the mode.
 */
export async function saveKitchenSetting(db: TillDatabase, kitchen: { readonly stations: readonly string[] } | null, now: number): Promise<void> {
  await db.settings.upsert({ id: KEY, value: kitchen ? { stations: [...kitchen.stations] } : null, updatedAt: now });
}

/** The stations of this kitchen screen (empty: expo), or null when the device is a till. */
export async function loadKitchenSetting(db: TillDatabase): Promise<{ stations: string[] } | null> {
  const doc = await db.settings.findOne(KEY).exec();
  const parsed = settingSchema.safeParse(doc?.toJSON().value);
  return parsed.success ? parsed.data : null;
}
