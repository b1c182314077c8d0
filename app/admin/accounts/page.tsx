import type { Metadata } from 'next';
import { AdminTable } from '@/components/admin/admin-table';
import { AccountActions } from '@/components/admin/account-actions';
import { AddAccountForm } from '@/components/admin/add-account-form';
import { UtcTime } from '@/components/admin/utc-time';
import { Badge, type Tone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { listManagedAccounts } from '@/lib/accounts/admin';
import type { ManagedAccount } from '@/lib/accounts/schema';
import { requireRole } from '@/lib/auth/server';

export const metadata: Metadata = { title: 'Accounts' };

const origin: Record<ManagedAccount['origin'], string> = {
  credentials: 'configured credentials',
  file: 'WARDEN_ACCOUNTS_FILE',
  demo: 'demo organisation',
  admin: 'added here',
};

const syncTone: Record<string, Tone> = { ok: 'green', failed: 'red', running: 'sky', skipped: 'amber' };

export default async function AccountsPage() {
  await requireRole('admin', '/admin/accounts');
  const { accounts, mode, accountsFile } = await listManagedAccounts();
  return (
    <>
      <PageHeader
        title="Accounts"
        description="The AWS accounts Warden reads. Add accounts reached with a role, check that Warden can read them, and pause one to stop syncing it — what is stored is kept."
      />
      <div className="space-y-6">
        <AdminTable caption="Accounts" columns={['Account', 'Reached with', 'From', 'Last sync', 'Actions']}>
          {accounts.length === 0 ? (
            <tr>
              <td colSpan={5} className="px-4 py-6 text-center text-slate-500">
                No account yet: the first sync adds the configured credentials&apos; account.
              </td>
            </tr>
          ) : null}
          {accounts.map((a) => (
            <tr key={a.id} className={a.enabled ? 'align-top' : 'bg-slate-50 align-top text-slate-500'}>
              <td className="px-4 py-2">
                <div className="font-medium">
                  {a.name} {a.enabled ? null : <Badge tone="amber">paused</Badge>} {a.isOwn ? null : <Badge tone="violet">outside</Badge>}
                </div>
                <div className="font-mono text-xs text-slate-500">{a.id}</div>
              </td>
              <td className="max-w-md px-4 py-2">
                {a.access === 'credentials' ? (
                  <span>the configured credentials</span>
                ) : (
                  <>
                    <div className="whitespace-nowrap font-mono text-xs">{a.roleArn}</div>
                    <div className="text-xs text-slate-500">{a.externalIdSet ? 'with an ExternalId' : 'no ExternalId'}</div>
                  </>
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
                    <Badge tone={syncTone[a.lastSync.status] ?? 'slate'}>{a.lastSync.status}</Badge>{' '}
                    <UtcTime value={a.lastSync.at ? new Date(a.lastSync.at) : null} />
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
