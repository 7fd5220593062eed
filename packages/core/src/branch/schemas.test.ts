import { describe, expect, it } from 'vitest';
import { timeZoneSchema } from './schemas.js';

describe('timeZoneSchema', () => {
  it('accepts canonical IANA names and the aliases Intl knows', () => {
    for (const tz of ['Europe/Paris', 'America/Argentina/Buenos_Aires', 'Asia/Kolkata', 'Asia/Calcutta', 'UTC', 'Etc/GMT+2']) {
      expect(timeZoneSchema.safeParse(tz).success, tz).toBe(true);
    }
  });

  it('refuses names Intl does not know, with an actionable message', () => {
    for (const tz of ['Mars/Olympus_Mons', '', 'Europe/Paris ', 'paris', 'GMT+25']) {
      const result = timeZoneSchema.safeParse(tz);
      expect(result.success, JSON.stringify(tz)).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('expected an IANA time zone such as Europe/Paris');
    }
  });
});
