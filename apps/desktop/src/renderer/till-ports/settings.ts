/**
 * Small values of this device that must survive a restart (e.g. the PIN lockout). Never
 * replicated. Values are JSON; readers validate what they get back (it may be from an older app).
 */
export interface SettingsPorts {
  /** The stored value, or `null` when the key was never set. */
  get: (key: string) => Promise<unknown>;
  /** Replaces the value; resolves once committed durably. Rejects with `PortError('storage')`. */
  set: (key: string, value: unknown) => Promise<void>;
}
