import { MoneyError } from '@comanda/core';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing/index';
import { createCallerFactory, createTRPCRouter, publicProcedure } from './trpc';

describe('error mapping', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ inMemory: true, demo: false });
  });
  afterAll(() => server?.close());

  it('a domain error escaping the checks (MoneyError) is a 422 with its message, not a 500', async () => {
    const router = createTRPCRouter({
      overflow: publicProcedure.query(() => {
        throw new MoneyError('MONEY_UNSAFE', 'sum 18014398509481982 is beyond safe integers');
      }),
    });
    const services = server.server.services;
    const caller = createCallerFactory(router)({
      services,
      log: services.logger,
      requestId: 'test',
      ip: '127.0.0.1',
      token: null,
    });
    const error = await caller.overflow().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('UNPROCESSABLE_CONTENT');
    expect((error as TRPCError).message).toMatch(/beyond safe integers/);
  });
});
