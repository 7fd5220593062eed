import { z } from 'zod';
import { listSchema } from '../common/bounds';
import { idSchema } from '../common/document';

/**
 * What a paired device is: a `till`; a branch `hub` (replicates for the branch's tills); a
 * `kitchen` screen, which may only add kitchen bumps to the branch's orders (see
 * `docs/kitchen-display.md`); a customer ready `board`, which only reads the branch's orders (see
 * `docs/ready-board.md`).
 */
export const deviceKindSchema = z.enum(['till', 'hub', 'kitchen', 'board']);
/** A device kind. */
export type DeviceKind = z.infer<typeof deviceKindSchema>;

/** Most stations one kitchen screen shows. */
export const MAX_KITCHEN_STATIONS = 20;

/** The stations a kitchen screen shows and bumps; empty: every station (an expo screen). */
export const kitchenStationsSchema = listSchema(idSchema, MAX_KITCHEN_STATIONS);
