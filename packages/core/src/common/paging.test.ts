import { describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE, pageRequestSchema } from './paging';

describe('pageRequestSchema', () => {
  const schema = pageRequestSchema(['name', 'at']);

  it('fills the defaults: the first sort field, newest first, the first page of 50', () => {
    expect(schema.parse({})).toEqual({ sort: 'name', dir: 'desc', offset: 0, size: 50 });
  });

  it('refuses a sort field outside the allowlist, naming the allowed ones', () => {
    const result = schema.safeParse({ sort: 'secret' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/"name".*"at"/);
  });

  it('bounds the page size to 1–200 and the offset to whole non-negative numbers', () => {
    for (const bad of [{ size: 0 }, { size: MAX_PAGE_SIZE + 1 }, { size: 2.5 }, { offset: -1 }])
      expect(schema.safeParse(bad).success).toBe(false);
    expect(schema.parse({ size: MAX_PAGE_SIZE, offset: 999 })).toMatchObject({
      size: 200,
      offset: 999,
    });
  });

  it('is strict: an unknown key is refused', () => {
    expect(schema.safeParse({ limit: 10 }).success).toBe(false);
  });
});
