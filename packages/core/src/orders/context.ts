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
  /**
   * The till acting, when it is not the order's own (a shared table): the tiebreak of the
   * last-writer-wins clocks of the order merge (see `edits.ts`); the staff id stands in without it.
   */
  readonly tillId?: string;
  /**
   * Stations set to show tickets on kitchen screens only in this branch (`screenOnlyStations`): a
   * print request records them and makes no print job for them. Absent: every station prints.
   */
  readonly screenOnlyStations?: readonly string[];
}
