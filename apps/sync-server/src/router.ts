import { authRouter } from './routers/auth';
import { hubRouter } from './routers/hub';
import { ownerRouter } from './routers/owner/index';
import { reportsRouter } from './routers/reports';
import { syncRouter } from './routers/sync';
import { createTRPCRouter } from './trpc';

/** The sync server's API: `auth.*` (sign-in, pairing), `sync.*` (tills), `owner.*` and `reports.*` (back office), `hub.*` (branch hubs). */
export const appRouter = createTRPCRouter({
  auth: authRouter,
  sync: syncRouter,
  owner: ownerRouter,
  reports: reportsRouter,
  hub: hubRouter,
});

export type AppRouter = typeof appRouter;
