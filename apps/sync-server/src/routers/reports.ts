import type { TRPCRouterRecord } from '@trpc/server';

/** Sales reports (filled in once @comanda/core's aggregation functions land). */
export const reportsRouter = {} satisfies TRPCRouterRecord;
