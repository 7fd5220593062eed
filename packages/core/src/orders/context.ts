/**
 * What every order mutation needs from the outside world: the time, who acts,
 * and a source of fresh ids (UUIDv7 from {@link createUuidV7Factory} in
 * production, a counter in tests). Nothing in the core reads a clock or RNG.
 */
export interface OrderContext {
  /** Epoch ms of the action; becomes `updatedAt` and the `at` of records. */
  readonly at: number;
  /** Staff id of the person acting. */
  readonly by: string;
  /** Returns a new unique id (lines, payments, print requests…). */
  readonly newId: () => string;
}
