import {
  DEFAULT_STATION_PARALLELISM,
  MAX_STATION_PARALLELISM,
  branchDocSchema,
  stationDocSchema,
  stationOutputSchema,
  withStationSetting,
  type StationSetting,
} from '@comanda/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../api/client';
import { formErrorOf, formErrorOfZod, type FormError } from '../api/errors';
import { useShell } from '../shell/context';
import { FormMessage } from '../shell/field';

const OUTPUT_LABELS = {
  print: 'bo.stations.print',
  screen: 'bo.stations.screen',
  both: 'bo.stations.both',
} as const;

/**
 * Per station of the menu, in this branch: where its tickets go (print, kitchen screen or both)
 * and how many tickets it prepares at once (the preparation-time estimate divides its queue by
 * it). Each change is saved at once (`owner.branches.upsert`), checked by core's branch schema.
 */
export function BranchStations({ doc }: { doc: Record<string, unknown> & { id: string } }) {
  const { i18n } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const menu = useQuery(trpc.owner.menu.list.queryOptions());
  const upsert = useMutation(trpc.owner.branches.upsert.mutationOptions());
  const [error, setError] = useState<FormError | null>(null);
  const [saved, setSaved] = useState(false);
  const branch = branchDocSchema.safeParse(doc);
  if (!branch.success) return null;
  const stations = (menu.data ?? []).flatMap((d) => {
    const station = stationDocSchema.safeParse(d);
    return station.success ? [station.data] : [];
  });
  const settingOf = (stationId: string): StationSetting =>
    branch.data.stationSettings.find((s) => s.stationId === stationId) ?? {
      stationId,
      output: 'print',
      parallelism: DEFAULT_STATION_PARALLELISM,
    };

  async function save(setting: StationSetting) {
    setSaved(false);
    const checked = branchDocSchema.safeParse({
      ...doc,
      stationSettings: withStationSetting(branch.data!.stationSettings, setting),
    });
    if (!checked.success) return setError(formErrorOfZod(checked.error));
    setError(null);
    try {
      await upsert.mutateAsync({ doc: checked.data, expectedUpdatedAt: Number(doc.updatedAt) });
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: trpc.owner.branches.list.queryKey() });
    } catch (e) {
      setError(formErrorOf(e, 'doc.'));
    }
  }

  if (stations.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="stations-title" aria-busy={upsert.isPending}>
      <h2 id="stations-title">{i18n.t('bo.stations.title')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{i18n.t('bo.stations.station')}</th>
            <th scope="col">{i18n.t('bo.stations.output')}</th>
            <th scope="col">{i18n.t('bo.stations.parallelism')}</th>
          </tr>
        </thead>
        <tbody>
          {stations.map((station) => {
            const setting = settingOf(station.id);
            return (
              <tr key={station.id}>
                <th scope="row">{station.name}</th>
                <td>
                  <select
                    aria-label={`${i18n.t('bo.stations.output')} · ${station.name}`}
                    value={setting.output}
                    disabled={upsert.isPending}
                    onChange={(e) =>
                      void save({ ...setting, output: stationOutputSchema.parse(e.target.value) })
                    }
                  >
                    {stationOutputSchema.options.map((output) => (
                      <option key={output} value={output}>
                        {i18n.t(OUTPUT_LABELS[output])}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="number"
                    aria-label={`${i18n.t('bo.stations.parallelism')} · ${station.name}`}
                    min={1}
                    max={MAX_STATION_PARALLELISM}
                    step={1}
                    defaultValue={setting.parallelism}
                    disabled={upsert.isPending}
                    onBlur={(e) => {
                      const parallelism = Number(e.target.value);
                      if (parallelism !== setting.parallelism)
                        void save({ ...setting, parallelism });
                    }}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="hint">{i18n.t('bo.stations.hint')}</p>
      {error && <FormMessage error>{error.message}</FormMessage>}
      {saved && <FormMessage>{i18n.t('bo.saved')}</FormMessage>}
    </section>
  );
}
