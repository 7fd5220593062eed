import { z } from 'zod';
import { listSchema, nameSchema } from '../common/bounds';
import { documentBase, idSchema } from '../common/document';

/** Schema version of `staff` documents. */
export const STAFF_SCHEMA_VERSION = 1;

/** Roles that exist on a till. Owners log in to the server with passwords and are not staff documents. */
export const staffRoleSchema = z.enum(['cashier', 'manager']);
/** A till role. */
export type StaffRole = z.infer<typeof staffRoleSchema>;

/** Format of an encoded PIN hash, see `hashPin` (`pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`). */
export const pinHashSchema = z
  .string()
  .max(300)
  .regex(
    /^pbkdf2-sha256\$\d+\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/,
    'expected an encoded PBKDF2 PIN hash',
  );

/**
 * A staff member who can log in to tills (`staff` collection, org-wide so
 * `branchId` is null; `branchIds` lists where they may work). Only a PIN hash
 * is replicated: never a PIN, never an owner password.
 */
export const staffDocSchema = z.object({
  ...documentBase(STAFF_SCHEMA_VERSION),
  name: nameSchema.min(1),
  role: staffRoleSchema,
  branchIds: listSchema(idSchema, 500).min(1),
  pinHash: pinHashSchema,
  /**
   * Digits in the PIN, recorded when it is set, so the PIN pad knows when to submit by itself
   * (see `pinPadLengths`). Absent on PINs set before it was recorded. It tells a copied till no
   * more than the hash does: 4–8 digits fall to brute force either way (decision 0015).
   */
  pinLength: z.number().int().min(4).max(8).optional(),
  active: z.boolean().default(true),
});
/** A staff document. */
export type StaffDoc = z.infer<typeof staffDocSchema>;

/** A PIN as typed on the till: 4 to 8 digits. */
export const pinSchema = z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits');
