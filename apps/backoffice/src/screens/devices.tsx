import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTRPC } from '../api/client';
import { formErrorOf, type FormError } from '../api/errors';
import { useShell } from '../shell/context';
import { FormMessage } from '../shell/field';
import { TableHead } from '../shell/table-head';
import { deviceHealth, type DeviceHealth } from '../lib/health';

/** How often "silent for 10 minutes" is judged again: a local clock, no request. */
const CLOCK_TICK_MS = 30_000;

/** The current time, renewed every `everyMs` so time-based flags appear without new data. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Paired tills: pair a new one with a code (and its QR code), revoke, health per till. */
export function DevicesScreen() {
  const { i18n, branch, branches } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Read again on each device signal of `owner.live` (heartbeat, pairing, revocation): no polling.
  const health = useQuery(
    trpc.owner.syncHealth.queryOptions(branch ? { branchId: branch.id } : undefined),
  );
  const revoke = useMutation(trpc.owner.devices.revoke.mutationOptions());
  const [error, setError] = useState<FormError | null>(null);
  const now = useNow(CLOCK_TICK_MS);
  const devices: DeviceHealth[] = (health.data ?? []).map((d) => deviceHealth(d, now));
  const branchName = (id: string) => branches.find((b) => b.id === id)?.name ?? id;
  const when = (at: number | null) =>
    at === null ? i18n.t('bo.devices.never') : i18n.dateTime(at);

  async function revokeDevice(device: DeviceHealth) {
    if (!window.confirm(i18n.t('bo.devices.revokeConfirm', { name: device.name }))) return;
    setError(null);
    try {
      await revoke.mutateAsync({ deviceId: device.deviceId });
    } catch (e) {
      setError(formErrorOf(e));
    }
    await queryClient.invalidateQueries({ queryKey: trpc.owner.syncHealth.queryKey() });
  }

  return (
    <section aria-labelledby="devices-title">
      <h1 id="devices-title">{i18n.t('bo.devices.title')}</h1>
      <Pairing branchId={branch?.id ?? branches[0]?.id ?? null} />
      <p role="status">{i18n.plural('bo.devices.count', devices.length)}</p>
      {error && <FormMessage error>{error.message}</FormMessage>}
      <table className="data">
        <TableHead
          columns={[
            'bo.devices.name',
            'bo.branch',
            'bo.devices.status',
            'bo.devices.lastSeen',
            'bo.devices.lastPush',
            'bo.devices.lastPull',
            { label: i18n.t('bo.devices.behind'), numeric: true },
            { label: i18n.t('bo.devices.conflicts'), numeric: true },
            { label: i18n.t('bo.devices.unsynced'), numeric: true },
            { label: i18n.t('bo.devices.printQueue'), numeric: true },
            'bo.devices.printer',
            'bo.devices.version',
            { label: i18n.t('bo.staff.actions'), hidden: true },
          ]}
        />
        <tbody>
          {devices.map((d) => (
            <tr key={d.deviceId}>
              <th scope="row">{d.name}</th>
              <td>{branchName(d.branchId)}</td>
              <td>
                <span className={d.status === 'ok' ? 'badge good' : 'badge bad'}>
                  {i18n.t(`bo.devices.${d.status}`)}
                </span>
              </td>
              <td>{when(d.lastSeenAt)}</td>
              <td>{when(d.lastPushAt)}</td>
              <td>{when(d.lastPullAt)}</td>
              <td className="num">{d.behind}</td>
              <td className="num">{d.conflicts}</td>
              <Reported device={d} />
              <td>
                {d.status !== 'revoked' && (
                  <button type="button" className="danger" onClick={() => void revokeDevice(d)}>
                    {i18n.t('bo.devices.revoke', { name: d.name })}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The till's own report (unsynced orders, print queue, printers, version), as cells. */
function Reported({ device: d }: { device: DeviceHealth }) {
  const { i18n } = useShell();
  if (!d.reported) {
    return <td colSpan={4}>{i18n.t('bo.devices.noHeartbeat')}</td>;
  }
  return (
    <>
      <td className="num">{d.reported.unsyncedOrders}</td>
      <td className="num">{d.reported.printQueue}</td>
      <td title={d.reported.printers.map((p) => `${p.name}: ${p.state}`).join('\n')}>
        {d.printerProblems === 0 ? (
          i18n.t('bo.devices.printersOk')
        ) : (
          <span className="badge bad">
            {i18n.plural('bo.devices.printersProblem', d.printerProblems)}
          </span>
        )}
      </td>
      <td>{d.reported.appVersion}</td>
    </>
  );
}

/** The kinds of device a code can be made for, in the dialog's order. */
const PAIR_KINDS = ['till', 'kitchen', 'board', 'hub'] as const;
type PairKind = (typeof PAIR_KINDS)[number];

/**
 * Creates a single-use pairing code for one kind of device (till, kitchen screen, ready board,
 * hub: another kind is refused by the server) and shows it large, with a QR code of it and where
 * to type it.
 */
function Pairing({ branchId }: { branchId: string | null }) {
  const { i18n } = useShell();
  const trpc = useTRPC();
  const create = useMutation(trpc.owner.devices.createPairingCode.mutationOptions());
  const [kind, setKind] = useState<PairKind>('till');
  const [qr, setQr] = useState<string | null>(null);
  const code = create.data?.code ?? null;
  useEffect(() => {
    setQr(null);
    if (code) void QRCode.toDataURL(code, { margin: 1, width: 192 }).then(setQr);
  }, [code]);
  if (!branchId) return null;
  const made = create.variables?.kind ?? 'till';
  return (
    <div className="pairing">
      <label htmlFor="pairing-kind">{i18n.t('bo.devices.kind')}</label>{' '}
      <select
        id="pairing-kind"
        value={kind}
        onChange={(e) => {
          setKind(e.target.value as PairKind);
          create.reset();
        }}
      >
        {PAIR_KINDS.map((k) => (
          <option key={k} value={k}>
            {i18n.t(`bo.devices.kind.${k}`)}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="primary"
        disabled={create.isPending}
        onClick={() => create.mutate({ branchId, kind })}
      >
        {i18n.t(kind === 'till' ? 'bo.devices.pair' : `bo.devices.pair.${kind}`)}
      </button>
      {create.error && <FormMessage error>{formErrorOf(create.error).message}</FormMessage>}
      {create.data && (
        <div className="pairing-code" role="status">
          <p>{i18n.t('bo.devices.code')}</p>
          <output className="code" data-testid="pairing-code">
            {create.data.code}
          </output>
          {qr && (
            <img
              src={qr}
              width={192}
              height={192}
              alt={i18n.t('bo.devices.qr', { code: create.data.code })}
            />
          )}
          <p data-testid="pairing-hint">
            {made === 'till'
              ? i18n.t('bo.devices.codeHint', { time: i18n.time(create.data.expiresAt) })
              : i18n.t(`bo.devices.codeHint.${made}`, {
                  time: i18n.time(create.data.expiresAt),
                  url: `${location.origin}/board`,
                })}
          </p>
        </div>
      )}
    </div>
  );
}
