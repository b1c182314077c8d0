'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent, type ReactNode } from 'react';
import { UtcTime } from '@/components/admin/utc-time';
import { Badge } from '@/components/ui/badge';
import { ApiError, fetchJson } from '@/lib/fetch-json';
import {
  organizationFieldNames,
  organizationSettingsPublicViewSchema,
  organizationSettingsUpdateSchema,
  splitList,
  type OrganizationSettings,
  type OrganizationSettingsPublicView,
} from '@/lib/organization/schema';

// Organization discovery's settings on the Accounts screen: the role Warden assumes in every member
// account, its ExternalId (only whether one is set is ever shown: type a new one to replace it),
// and the accounts and OUs left out. A field an environment variable pins is shown, not editable.

type Field = keyof OrganizationSettings;
type Update = Partial<Record<Field, unknown>>;

const input = 'mt-1 block w-full max-w-md rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm disabled:bg-slate-100 disabled:text-slate-500 aria-[invalid=true]:border-red-500';

const labels: Record<Field, string> = {
  memberRoleName: 'Member role name',
  externalId: 'ExternalId',
  excludedAccounts: 'Excluded account ids',
  excludedOus: 'Excluded OU ids',
};

/** The field a refusal is about: "excludedAccounts.3" is about excludedAccounts. */
function fieldOf(path: string | null | undefined): Field | null {
  const head = (path ?? '').split('.')[0];
  return (Object.keys(labels) as Field[]).find((f) => f === head) ?? null;
}

function Row({ field, pinned, help, error, children }: { field: Field; pinned: boolean; help: ReactNode; error: string | null; children: ReactNode }) {
  return (
    <div className="grid gap-2 py-4 first:pt-0 last:pb-0 md:grid-cols-[14rem_minmax(0,1fr)]">
      <div>
        <label htmlFor={`org-${field}`} className="text-sm font-medium text-slate-900">
          {labels[field]}
        </label>
        {pinned ? (
          <p className="mt-1">
            <Badge tone="amber">set by {organizationFieldNames[field]}</Badge>
          </p>
        ) : null}
      </div>
      <div>
        {children}
        <p id={`org-${field}-help`} className="mt-1 text-xs text-slate-500">
          {pinned ? `Set by ${organizationFieldNames[field]}; change it there. The environment wins over this screen. ` : null}
          {help}
        </p>
        {error ? (
          <p id={`org-${field}-error`} className="mt-1 text-xs text-red-700">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}

export function OrganizationForm({ initial }: { initial: OrganizationSettingsPublicView }) {
  const router = useRouter();
  const [view, setView] = useState(initial);
  const [roleName, setRoleName] = useState(initial.settings.memberRoleName ?? '');
  const [externalId, setExternalId] = useState('');
  const [clearExternalId, setClearExternalId] = useState(false);
  const [accounts, setAccounts] = useState(initial.settings.excludedAccounts.join('\n'));
  const [ous, setOus] = useState(initial.settings.excludedOus.join('\n'));
  const [invalid, setInvalid] = useState<{ message: string; field: Field | null } | null>(null);
  const pinned = (f: Field) => view.envPinned.includes(f);

  const save = useMutation({
    mutationFn: (update: Update) => fetchJson('/api/admin/organization', organizationSettingsPublicViewSchema, { method: 'PUT', body: JSON.stringify(update) }),
    onSuccess: (answer) => {
      setView(answer);
      setRoleName(answer.settings.memberRoleName ?? '');
      setExternalId('');
      setClearExternalId(false);
      setAccounts(answer.settings.excludedAccounts.join('\n'));
      setOus(answer.settings.excludedOus.join('\n'));
      router.refresh();
    },
  });

  // Only what changed is sent: a pinned field is never sent (the server would refuse it).
  const update: Update = {};
  if (!pinned('memberRoleName') && roleName.trim() !== (view.settings.memberRoleName ?? '')) update.memberRoleName = roleName.trim() === '' ? null : roleName.trim();
  if (!pinned('externalId') && clearExternalId) update.externalId = null;
  else if (!pinned('externalId') && externalId !== '') update.externalId = externalId;
  if (!pinned('excludedAccounts') && splitList(accounts).join(',') !== view.settings.excludedAccounts.join(',')) update.excludedAccounts = splitList(accounts);
  if (!pinned('excludedOus') && splitList(ous).join(',') !== view.settings.excludedOus.join(',')) update.excludedOus = splitList(ous);
  const dirty = Object.keys(update).length > 0;

  const serverField = save.error instanceof ApiError ? fieldOf(save.error.field) : null;
  const errorFor = (f: Field) => (invalid?.field === f ? invalid.message : serverField === f ? (save.error?.message ?? null) : null);
  const describedBy = (f: Field) => [`org-${f}-help`, errorFor(f) ? `org-${f}-error` : null].filter(Boolean).join(' ');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.reset();
    const parsed = organizationSettingsUpdateSchema.safeParse(update);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = fieldOf(issue?.path.join('.'));
      setInvalid({ message: issue?.message ?? 'not a valid value', field });
      return;
    }
    setInvalid(null);
    save.mutate(parsed.data);
  }

  const { settings } = view;
  return (
    <form onSubmit={submit} noValidate aria-label="Organization discovery" className="space-y-4">
      <p className="text-sm text-slate-600">
        From the management account or a delegated administrator, every sync lists the organization&apos;s accounts with their OUs and reads each active one
        through the member role (deployed in every account, in practice by a StackSet). Accounts listed below, or in the OUs below, are left out and shown as
        such. Changes apply from the next sync.
      </p>
      <div className="divide-y divide-slate-100">
        <Row
          field="memberRoleName"
          pinned={pinned('memberRoleName')}
          error={errorFor('memberRoleName')}
          help={
            settings.memberRoleName === null && !pinned('memberRoleName')
              ? 'Not set: discovered accounts are listed but not read.'
              : 'The role name (with its path, if any) Warden assumes in each member account, e.g. WardenReadOnly or security/WardenReadOnly.'
          }
        >
          <input
            id="org-memberRoleName"
            type="text"
            autoComplete="off"
            spellCheck={false}
            className={`${input} font-mono`}
            value={roleName}
            placeholder="WardenReadOnly"
            disabled={pinned('memberRoleName') || save.isPending}
            aria-invalid={errorFor('memberRoleName') ? true : undefined}
            aria-describedby={describedBy('memberRoleName')}
            onChange={(e) => setRoleName(e.target.value)}
          />
        </Row>
        <Row
          field="externalId"
          pinned={pinned('externalId')}
          error={errorFor('externalId')}
          help="The sts:ExternalId the member roles' trust policy requires. It is never shown again: type a new value to replace it."
        >
          <p className="text-sm text-slate-700">{settings.externalIdSet ? <Badge tone="green">an ExternalId is set</Badge> : <Badge tone="slate">no ExternalId</Badge>}</p>
          <input
            id="org-externalId"
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            className={`${input} font-mono`}
            value={externalId}
            placeholder={settings.externalIdSet ? 'type a new ExternalId to replace it' : 'type an ExternalId to require one'}
            disabled={pinned('externalId') || clearExternalId || save.isPending}
            aria-invalid={errorFor('externalId') ? true : undefined}
            aria-describedby={describedBy('externalId')}
            onChange={(e) => setExternalId(e.target.value)}
          />
          {settings.externalIdSet && !pinned('externalId') ? (
            <label className="mt-1 flex items-center gap-2 text-xs text-slate-700">
              <input type="checkbox" checked={clearExternalId} disabled={save.isPending} onChange={(e) => setClearExternalId(e.target.checked)} />
              Remove the ExternalId (the member roles then must not require one)
            </label>
          ) : null}
        </Row>
        <Row
          field="excludedAccounts"
          pinned={pinned('excludedAccounts')}
          error={errorFor('excludedAccounts')}
          help="12-digit account ids, separated by commas, spaces or lines."
        >
          <textarea
            id="org-excludedAccounts"
            rows={3}
            spellCheck={false}
            className={`${input} font-mono`}
            value={accounts}
            placeholder="123456789012"
            disabled={pinned('excludedAccounts') || save.isPending}
            aria-invalid={errorFor('excludedAccounts') ? true : undefined}
            aria-describedby={describedBy('excludedAccounts')}
            onChange={(e) => setAccounts(e.target.value)}
          />
        </Row>
        <Row
          field="excludedOus"
          pinned={pinned('excludedOus')}
          error={errorFor('excludedOus')}
          help="OU ids (ou-…) or the root's id (r-…): every account in them and below them is left out."
        >
          <textarea
            id="org-excludedOus"
            rows={3}
            spellCheck={false}
            className={`${input} font-mono`}
            value={ous}
            placeholder="ou-ab12-cd34ef56"
            disabled={pinned('excludedOus') || save.isPending}
            aria-invalid={errorFor('excludedOus') ? true : undefined}
            aria-describedby={describedBy('excludedOus')}
            onChange={(e) => setOus(e.target.value)}
          />
        </Row>
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" disabled={!dirty || save.isPending} className="rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50">
          {save.isPending ? 'Saving…' : 'Save discovery settings'}
        </button>
        {invalid ? (
          <p role="alert" className="text-sm text-red-700">
            Not saved: {invalid.message}.
          </p>
        ) : save.error ? (
          <p role="alert" className="text-sm text-red-700">
            Not saved: {save.error.message}
          </p>
        ) : save.isSuccess && !dirty ? (
          <p role="status" className="text-sm text-emerald-800">
            Saved. The next sync discovers the organization with these settings.
          </p>
        ) : null}
        {view.updatedAt ? (
          <p className="text-xs text-slate-500">
            Last changed by {view.updatedBy ?? 'unknown'}, <UtcTime value={new Date(view.updatedAt)} />
          </p>
        ) : null}
      </div>
    </form>
  );
}
