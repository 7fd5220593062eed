import { pinSchema, staffRoleSchema, type StaffRole } from '@comanda/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { useTRPC } from '../api/client';
import { formErrorOf, formErrorOfZod, type FormError } from '../api/errors';
import { useShell } from '../shell/context';
import { ConflictNotice } from '../shell/conflict';
import { BranchChecks } from '../shell/branch-checks';
import { Field, FormMessage } from '../shell/field';
import { Pager, usePaging } from '../shell/paging';
import { TableHead } from '../shell/table-head';

interface StaffMember {
  id: string;
  name: string;
  role: StaffRole;
  branchIds: string[];
  active: boolean;
  /** The version read: a save from it over a newer one is a 409. */
  updatedAt: number;
}

// The till's PIN policy and roles come from core, as on the server (`owner.staff.upsert`).
const staffFormSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(100),
  role: staffRoleSchema,
  branchIds: z.array(z.string().min(1)).min(1, 'Pick at least one branch').max(100),
  pin: pinSchema.optional(),
});

/** Cashiers and managers: add, edit, (de)activate, set a PIN. */
export function StaffScreen() {
  const { i18n, branches, branch } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const paging = usePaging<'name' | 'role' | 'active' | 'updatedAt'>('name', 'asc');
  const [search, setSearch] = useState('');
  const list = useQuery({
    ...trpc.owner.staff.page.queryOptions({
      filter: {
        ...(branch ? { branchId: branch.id } : {}),
        ...(search.trim() ? { search: search.trim() } : {}),
      },
      page: paging.page,
    }),
    placeholderData: keepPreviousData,
  });
  const upsert = useMutation(trpc.owner.staff.upsert.mutationOptions());
  const [editing, setEditing] = useState<StaffMember | 'new' | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  // Filtered, sorted and paged by the server.
  const members: StaffMember[] = (list.data?.rows ?? []).map((d) => ({
    id: d.id,
    name: String(d.name),
    role: staffRoleSchema.catch('cashier').parse(d.role),
    branchIds: Array.isArray(d.branchIds) ? d.branchIds.map(String) : [],
    active: d.active !== false,
    updatedAt: Number(d.updatedAt),
  }));
  const branchName = (id: string) => branches.find((b) => b.id === id)?.name ?? id;
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.owner.staff.pathKey() });

  return (
    <section aria-labelledby="staff-title">
      <h1 id="staff-title">{i18n.t('bo.staff.title')}</h1>
      <div className="toolbar">
        <p role="status">{i18n.plural('bo.staff.count', list.data?.total ?? 0)}</p>
        <Field label={i18n.t('bo.staff.search')}>
          {(p) => (
            <input
              {...p}
              type="search"
              value={search}
              maxLength={100}
              onChange={(e) => {
                setSearch(e.target.value);
                paging.firstPage();
              }}
            />
          )}
        </Field>
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {i18n.t('bo.staff.add')}
        </button>
      </div>
      {listError && <FormMessage error>{listError}</FormMessage>}
      {editing && (
        <StaffForm
          member={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null);
            void refresh();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <table className="data">
        <TableHead
          columns={[
            paging.heading(i18n.t('bo.staff.name'), 'name'),
            paging.heading(i18n.t('bo.staff.role'), 'role'),
            'bo.staff.branches',
            paging.heading(i18n.t('bo.staff.status'), 'active'),
            'bo.staff.actions',
          ]}
        />
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.name}</th>
              <td>{i18n.t(`bo.staff.role.${m.role}`)}</td>
              <td>{m.branchIds.map(branchName).join(', ')}</td>
              <td>
                <span className={m.active ? 'badge good' : 'badge'}>
                  {i18n.t(m.active ? 'bo.staff.active' : 'bo.staff.inactive')}
                </span>
              </td>
              <td>
                <div className="actions">
                  <button type="button" onClick={() => setEditing(m)}>
                    {i18n.t('bo.staff.edit', { name: m.name })}
                  </button>
                  <button
                    type="button"
                    disabled={upsert.isPending}
                    onClick={() =>
                      void upsert
                        .mutateAsync({
                          id: m.id,
                          name: m.name,
                          role: m.role,
                          branchIds: m.branchIds,
                          active: !m.active,
                          expectedUpdatedAt: m.updatedAt,
                        })
                        .then(refresh, (e: unknown) => setListError(formErrorOf(e).message))
                    }
                  >
                    {i18n.t(m.active ? 'bo.staff.deactivate' : 'bo.staff.activate', {
                      name: m.name,
                    })}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={paging.page} total={list.data?.total ?? 0} onGo={paging.goTo} />
    </section>
  );
}

interface StaffFormProps {
  member: StaffMember | null;
  onDone: () => void;
  onCancel: () => void;
}

function StaffForm({ member, onDone, onCancel }: StaffFormProps) {
  const { i18n, branches, branch } = useShell();
  const trpc = useTRPC();
  const upsert = useMutation(trpc.owner.staff.upsert.mutationOptions());
  const [name, setName] = useState(member?.name ?? '');
  const [role, setRole] = useState<StaffRole>(member?.role ?? 'cashier');
  const [branchIds, setBranchIds] = useState<string[]>(
    member?.branchIds ?? (branch ? [branch.id] : []),
  );
  const [pin, setPin] = useState('');
  const [error, setError] = useState<FormError | null>(null);

  async function submit(event: FormEvent | null, overwrite = false) {
    event?.preventDefault();
    const checked = staffFormSchema.safeParse({
      name,
      role,
      branchIds,
      pin: pin === '' ? undefined : pin,
    });
    if (!checked.success) return setError(formErrorOfZod(checked.error));
    if (!member && !checked.data.pin)
      return setError({
        message: 'A new staff member needs a PIN',
        fields: { pin: 'A new staff member needs a PIN' },
      });
    setError(null);
    try {
      await upsert.mutateAsync({
        ...(member ? { id: member.id } : {}),
        ...checked.data,
        active: member?.active ?? true,
        // From the version this form opened; overwriting on purpose sends none.
        ...(overwrite ? {} : { expectedUpdatedAt: member?.updatedAt ?? null }),
      });
      onDone();
    } catch (e) {
      setError(formErrorOf(e));
    }
  }

  const fieldless = error && !['name', 'role', 'branchIds', 'pin'].some((f) => error.fields[f]);
  return (
    <form
      className="panel"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="staff-form-title"
    >
      <h2 id="staff-form-title">
        {member ? i18n.t('bo.staff.edit', { name: member.name }) : i18n.t('bo.staff.add')}
      </h2>
      <Field label={i18n.t('bo.staff.name')} error={error?.fields.name}>
        {(p) => (
          <input {...p} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        )}
      </Field>
      <Field label={i18n.t('bo.staff.role')} error={error?.fields.role}>
        {(p) => (
          <select {...p} value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
            {staffRoleSchema.options.map((r) => (
              <option key={r} value={r}>
                {i18n.t(`bo.staff.role.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <BranchChecks
        legend={i18n.t('bo.staff.branches')}
        branches={branches}
        selected={branchIds}
        onChange={setBranchIds}
        error={error?.fields.branchIds}
      />
      <Field
        label={member ? i18n.t('bo.staff.newPin') : i18n.t('bo.staff.pin')}
        hint={i18n.t('bo.staff.pinHint')}
        error={error?.fields.pin}
      >
        {(p) => (
          <input
            {...p}
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
          />
        )}
      </Field>
      {error?.status === 409 ? (
        <ConflictNotice
          what={member?.name ?? name}
          onReload={onDone}
          onOverwrite={() => void submit(null, true)}
        />
      ) : (
        fieldless && <FormMessage error>{error.message}</FormMessage>
      )}
      <div className="buttons">
        <button type="submit" className="primary" disabled={upsert.isPending}>
          {i18n.t('bo.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {i18n.t('bo.cancel')}
        </button>
      </div>
    </form>
  );
}
