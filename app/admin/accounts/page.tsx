import type { Metadata } from 'next';
import Link from 'next/link';
import { AdminTable } from '@/components/admin/admin-table';
import { AccountActions } from '@/components/admin/account-actions';
import { AddAccountForm } from '@/components/admin/add-account-form';
import { OrganizationForm } from '@/components/admin/organization-form';
import { UtcTime } from '@/components/admin/utc-time';
import { Badge, type Tone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { listManagedAccounts } from '@/lib/accounts/admin';
import { matchesSearch } from '@/lib/accounts/queries';
import { adminAccountsPageSchema, type ManagedAccount } from '@/lib/accounts/schema';
import { requireRole } from '@/lib/auth/server';
import { withoutExternalId } from '@/lib/organization/schema';
import { organizationSettingsView } from '@/lib/organization/settings';

export const metadata: Metadata = { title: 'Accounts' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const origin: Record<ManagedAccount['origin'], string> = {
  credentials: 'configured credentials',
  file: 'WARDEN_ACCOUNTS_FILE',
  demo: 'demo organisation',
  admin: 'added here',
  organization: 'organization discovery',
};

const syncTone: Record<string, Tone> = { ok: 'green', failed: 'red', running: 'sky', skipped: 'amber' };

const pageSize = 100;

/** Where the organization lists the account, and why Warden does not read it — never shown as a pass. */
function OrganizationCell({ a }: { a: ManagedAccount }) {
  return (
    <>
      {a.ouPath !== null ? <div className="max-w-xs break-words">{a.ouPath}</div> : <div className="text-slate-500">not in an organization</div>}
      {a.orgStatus !== null ? (
        <div className="mt-0.5">
          <Badge tone={a.orgStatus === 'ACTIVE' ? 'slate' : 'red'}>{a.orgStatus.toLowerCase().replaceAll('_', ' ')}</Badge>
        </div>
      ) : null}
      {a.exclusion !== null ? (
        <div className="mt-1 max-w-xs text-xs font-medium text-red-700">
          Not read: <span className="break-words">{a.exclusion}</span>
        </div>
      ) : null}
      {a.lastReachError !== null ? (
        <div className="mt-1 max-w-xs text-xs font-medium text-red-700">
          {/member role .* is missing/.test(a.lastReachError) ? 'Not read: member role missing — ' : 'Not read: could not be reached — '}
          <span className="break-words font-normal">{a.lastReachError}</span>
        </div>
      ) : null}
    </>
  );
}

export default async function AccountsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole('admin', '/admin/accounts');
  const raw = await searchParams;
  const view = adminAccountsPageSchema.parse({ q: raw.q, page: raw.page, show: raw.show });
  const [{ accounts, mode, accountsFile }, organization] = await Promise.all([listManagedAccounts(), organizationSettingsView()]);
  const notRead = (a: ManagedAccount) => a.exclusion !== null || a.lastReachError !== null;
  const matching = accounts.filter((a) => matchesSearch(a, view.q) && (view.show === 'all' || notRead(a)));
  const pageCount = Math.max(1, Math.ceil(matching.length / pageSize));
  const shown = matching.slice((view.page - 1) * pageSize, view.page * pageSize);
  const unread = accounts.filter(notRead).length;
  const href = (change: Partial<typeof view>) => {
    const next = { ...view, ...change };
    const params = new URLSearchParams({ ...(next.q ? { q: next.q } : {}), ...(next.show !== 'all' ? { show: next.show } : {}), ...(next.page > 1 ? { page: String(next.page) } : {}) });
    const qs = params.toString();
    return `/admin/accounts${qs ? `?${qs}` : ''}`;
  };
  return (
    <>
      <PageHeader
        title="Accounts"
        description="The AWS accounts Warden reads. Discover an AWS Organization's accounts through one member role, add accounts reached with a role, check that Warden can read them, and pause one to stop syncing it — what is stored is kept."
      />
      <div className="space-y-6">
        <Card title="Organization discovery">
          {/* The ExternalId never reaches the browser: only whether one is set. */}
          <OrganizationForm initial={withoutExternalId(organization)} />
        </Card>
        <section aria-labelledby="accounts-heading" className="space-y-3">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <h2 id="accounts-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
              {accounts.length} {accounts.length === 1 ? 'account' : 'accounts'}
              {unread > 0 ? <span className="ml-2 font-medium normal-case tracking-normal text-red-700">{unread} not read</span> : null}
            </h2>
            <form method="get" action="/admin/accounts" className="flex flex-wrap items-end gap-3 text-sm" role="search" aria-label="Find accounts">
              <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
                Name, id or OU
                <input type="search" name="q" defaultValue={view.q} maxLength={128} className="w-56 rounded-md border border-slate-300 px-2 py-1.5 text-sm font-normal text-slate-900" />
              </label>
              <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
                Show
                <select name="show" defaultValue={view.show} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal text-slate-900">
                  <option value="all">every account</option>
                  <option value="not-read">accounts not read</option>
                </select>
              </label>
              <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50">
                Find
              </button>
            </form>
          </div>
          <AdminTable caption="Accounts" columns={['Account', 'Organization', 'Reached with', 'From', 'Last sync', 'Actions']}>
            {shown.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-4 py-6 text-center text-slate-500">
                  {accounts.length === 0 ? 'No account yet: the first sync adds the configured credentials’ account.' : 'No account matches.'}
                </td>
              </tr>
            ) : null}
            {shown.map((a) => (
              <tr key={a.id} className={a.enabled ? 'align-top' : 'bg-slate-50 align-top text-slate-500'}>
                <td className="px-4 py-2">
                  <div className="font-medium">
                    {a.name} {a.enabled ? null : <Badge tone="amber">paused</Badge>} {a.isOwn ? null : <Badge tone="violet">outside</Badge>}
                  </div>
                  <div className="font-mono text-xs text-slate-500">{a.id}</div>
                </td>
                <td className="px-4 py-2">
                  <OrganizationCell a={a} />
                </td>
                <td className="max-w-md px-4 py-2">
                  {a.access === 'credentials' ? (
                    <span>the configured credentials</span>
                  ) : a.roleArn !== null ? (
                    <>
                      <div className="whitespace-nowrap font-mono text-xs">{a.roleArn}</div>
                      <div className="text-xs text-slate-500">{a.externalIdSet ? 'with an ExternalId' : 'no ExternalId'}</div>
                    </>
                  ) : (
                    <span className="text-slate-500">no role (not read)</span>
                  )}
                </td>
                <td className="px-4 py-2">
                  <div>{origin[a.origin]}</div>
                  {a.addedBy ? <div className="text-xs text-slate-500">by {a.addedBy}</div> : null}
                  {a.noLongerConfigured ? (
                    <div className="mt-1 max-w-xs text-xs text-amber-800">no longer in the configuration: not synced; its data is kept and its passes age out</div>
                  ) : null}
                </td>
                <td className="px-4 py-2">
                  {a.lastSync.status ? (
                    <>
                      <Badge tone={syncTone[a.lastSync.status] ?? 'slate'}>{a.lastSync.status}</Badge> <UtcTime value={a.lastSync.at ? new Date(a.lastSync.at) : null} />
                      {a.lastSync.error ? <div className="mt-1 max-w-xs break-words text-xs text-red-700">{a.lastSync.error}</div> : null}
                    </>
                  ) : (
                    <span className="text-slate-500">not synced yet</span>
                  )}
                </td>
                <td className="px-4 py-2">
                  <AccountActions account={a} />
                </td>
              </tr>
            ))}
          </AdminTable>
          {pageCount > 1 ? (
            <nav aria-label="Pages of accounts" className="flex items-center justify-between text-sm text-slate-600">
              {view.page > 1 ? (
                <Link className="font-medium text-sky-700 hover:underline" href={href({ page: view.page - 1 })}>
                  ← Previous
                </Link>
              ) : (
                <span />
              )}
              <span>
                page {Math.min(view.page, pageCount)} of {pageCount} · {matching.length} accounts
              </span>
              {view.page < pageCount ? (
                <Link className="font-medium text-sky-700 hover:underline" href={href({ page: view.page + 1 })}>
                  Next →
                </Link>
              ) : (
                <span />
              )}
            </nav>
          ) : null}
        </section>
        <Card title="Add an account">
          <p className="mb-3 text-sm text-slate-600">
            Warden reaches other accounts with <code className="rounded bg-slate-100 px-1">sts:AssumeRole</code>: create a role there that trusts Warden&apos;s principal
            (with an <code className="rounded bg-slate-100 px-1">sts:ExternalId</code> condition) and has the read-only permissions listed in the README.
            {mode === 'aws' && accountsFile ? ` Accounts from ${accountsFile} are changed in that file.` : ''}
            {mode === 'demo' ? ' In demo mode only the built-in sandbox answers, so a role outside the demo organisation cannot be reached.' : ''}
          </p>
          <AddAccountForm />
        </Card>
      </div>
    </>
  );
}
