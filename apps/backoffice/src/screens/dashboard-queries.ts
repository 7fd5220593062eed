import type { QueryClient } from '@tanstack/react-query';
import type { useTRPC } from '../api/client';
import { todayAndLastWeek } from '../lib/days';
import { formattingBranch, type ShellState } from '../shell/context';

type Trpc = ReturnType<typeof useTRPC>;

/**
 * What the dashboard reads at first paint: today and the same weekday last week in the branch's
 * zone and business day. One definition for the screen and for the prefetch the shell starts as
 * soon as the branches are known, in parallel with the dashboard's chunk.
 */
export function dashboardQueries(trpc: Trpc, shell: ShellState, now: number) {
  const zone = formattingBranch(shell);
  const timeZone = zone?.timeZone ?? 'UTC';
  const startHour = zone?.businessDayStartHour ?? 0;
  const { today, lastWeek } = todayAndLastWeek(now, timeZone, startHour);
  const scope = shell.branch ? { branchId: shell.branch.id } : {};
  const day = (date: string) => ({ ...scope, from: date, to: date });
  return {
    timeZone,
    startHour,
    byHourToday: trpc.reports.sales.queryOptions({ range: day(today), by: 'hour' }),
    byHourLastWeek: trpc.reports.sales.queryOptions({ range: day(lastWeek), by: 'hour' }),
    items: trpc.reports.sales.queryOptions({ range: day(today), by: 'item' }),
    payments: trpc.reports.sales.queryOptions({ range: day(today), by: 'paymentMethod' }),
    health: trpc.owner.syncHealth.queryOptions(
      shell.branch ? { branchId: shell.branch.id } : undefined,
    ),
  };
}

/** Starts the dashboard's first-paint queries (they land in the cache the screen reads). */
export function prefetchDashboard(
  queryClient: QueryClient,
  trpc: Trpc,
  shell: ShellState,
  now: number,
): void {
  const q = dashboardQueries(trpc, shell, now);
  for (const options of [q.byHourToday, q.byHourLastWeek, q.items, q.payments])
    void queryClient.prefetchQuery(options);
  void queryClient.prefetchQuery(q.health);
}
