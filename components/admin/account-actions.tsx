'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { adminRequest, anyAnswer } from '@/components/admin/admin-fetch';
import { AccountCheckResult } from '@/components/admin/account-check-result';
import { AccountFormFields, accountFormBody } from '@/components/admin/account-form-fields';
import { Dialog } from '@/components/ui/dialog';
import { accountCheckSchema, type AccountCheck, type ManagedAccount } from '@/lib/accounts/schema';

const small = 'rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50';
const primary = 'rounded bg-slate-900 px-2.5 py-1 text-xs font-medium text-white hover:bg-slate-700 disabled:opacity-50';

/** Check access, pause/resume, and — for accounts an admin added — edit and (before their first sync) remove. */
export function AccountActions({ account }: { account: ManagedAccount }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [check, setCheck] = useState<AccountCheck | null>(null);
  const [dialog, setDialog] = useState<'check' | 'edit' | 'remove' | null>(null);
  const url = `/api/admin/accounts/${encodeURIComponent(account.id)}`;
  const added = account.origin === 'admin';

  async function act(run: () => Promise<unknown>, refresh = true): Promise<boolean> {
    setPending(true);
    setError(null);
    try {
      await run();
      if (refresh) router.refresh();
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The change was refused.');
      return false;
    } finally {
      setPending(false);
    }
  }

  const runCheck = () => {
    setCheck(null);
    setDialog('check');
    void act(async () => setCheck(await adminRequest('/api/admin/accounts/check', 'POST', { accountId: account.id }, accountCheckSchema)), false);
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" className={small} disabled={pending} onClick={runCheck}>
        Check access
      </button>
      <button type="button" className={small} disabled={pending} onClick={() => void act(() => adminRequest(url, 'PATCH', { enabled: !account.enabled }, anyAnswer))}>
        {account.enabled ? 'Pause' : 'Resume'}
      </button>
      {added ? (
        <button type="button" className={small} disabled={pending} onClick={() => setDialog('edit')}>
          Edit
        </button>
      ) : null}
      {added && !account.synced ? (
        <button type="button" className={small} disabled={pending} onClick={() => setDialog('remove')}>
          Remove
        </button>
      ) : null}
      {error && dialog === null ? (
        <p role="alert" className="w-full text-xs text-red-700">
          {error}
        </p>
      ) : null}

      <Dialog open={dialog === 'check'} title={`Access to ${account.name}`} onClose={() => setDialog(null)} className="max-w-2xl">
        {check ? <AccountCheckResult check={check} /> : error ? <p role="alert" className="text-sm text-red-700">{error}</p> : <p className="text-sm text-slate-600">Reaching the account…</p>}
        <div className="mt-4 flex justify-end">
          <button type="button" className={small} onClick={() => setDialog(null)}>
            Close
          </button>
        </div>
      </Dialog>

      <Dialog open={dialog === 'edit'} title={`Edit ${account.name}`} onClose={() => setDialog(null)} className="max-w-2xl">
        <form
          aria-label={`Edit ${account.name}`}
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            const { externalId, ...rest } = accountFormBody(form);
            // Blank keeps the ExternalId; "remove" takes it away.
            const body = { ...rest, ...(form.get('removeExternalId') === 'on' ? { externalId: null } : externalId ? { externalId } : {}) };
            void act(() => adminRequest(url, 'PATCH', body, anyAnswer)).then((ok) => ok && setDialog(null));
          }}
        >
          <div className="grid gap-3 md:grid-cols-2">
            <AccountFormFields values={account} externalIdHint={account.externalIdSet ? 'set; leave blank to keep it' : 'none set'} />
          </div>
          {account.externalIdSet ? (
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input name="removeExternalId" type="checkbox" className="h-4 w-4 rounded border-slate-300" />
              Remove the ExternalId
            </label>
          ) : null}
          {error ? (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <button type="button" className={small} onClick={() => setDialog(null)}>
              Cancel
            </button>
            <button type="submit" disabled={pending} className={primary}>
              Save
            </button>
          </div>
        </form>
      </Dialog>

      <Dialog open={dialog === 'remove'} title={`Remove ${account.name}?`} onClose={() => setDialog(null)} className="max-w-md">
        <p className="text-sm text-slate-700">
          Warden has never synced account <span className="font-mono">{account.id}</span>, so nothing of it is stored. Removing it takes it out of the next sync.
        </p>
        {error ? (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" className={small} onClick={() => setDialog(null)}>
            Cancel
          </button>
          <button type="button" disabled={pending} className={primary} onClick={() => void act(() => adminRequest(url, 'DELETE', {}, anyAnswer)).then((ok) => ok && setDialog(null))}>
            Remove
          </button>
        </div>
      </Dialog>
    </div>
  );
}
