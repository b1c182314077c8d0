'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { adminRequest, anyAnswer } from '@/components/admin/admin-fetch';
import { AccountCheckResult } from '@/components/admin/account-check-result';
import { AccountFormFields, accountFormBody } from '@/components/admin/account-form-fields';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { ActionError } from '@/components/ui/action-error';
import { accountCheckSchema, type ManagedAccount } from '@/lib/accounts/schema';

const small = 'rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50';
const primary = 'rounded bg-slate-900 px-2.5 py-1 text-xs font-medium text-white hover:bg-slate-700 disabled:opacity-50';

/** Check access, pause/resume, and — for accounts an admin added — edit and (before their first sync) remove. */
export function AccountActions({ account }: { account: ManagedAccount }) {
  const router = useRouter();
  const [dialog, setDialog] = useState<'check' | 'edit' | 'remove' | null>(null);
  const url = `/api/admin/accounts/${encodeURIComponent(account.id)}`;
  const added = account.origin === 'admin';

  /** A change: on success the page shows the new state, and an open dialog closes. */
  const update = useMutation({
    mutationFn: ({ method, body }: { method: 'PATCH' | 'DELETE'; body: unknown }) => adminRequest(url, method, body, anyAnswer),
    onSuccess: () => {
      setDialog(null);
      router.refresh();
    },
  });
  const checkAccess = useMutation({
    mutationFn: () => adminRequest('/api/admin/accounts/check', 'POST', { accountId: account.id }, accountCheckSchema),
  });
  const pending = update.isPending || checkAccess.isPending;
  // One error line: the one of the request made last.
  const error = (update.error ?? checkAccess.error)?.message ?? null;
  const check = checkAccess.data ?? null;

  const change = (method: 'PATCH' | 'DELETE', body: unknown) => {
    checkAccess.reset();
    update.mutate({ method, body });
  };

  const runCheck = () => {
    update.reset();
    setDialog('check');
    checkAccess.mutate();
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" className={small} disabled={pending} onClick={runCheck}>
        Check access
      </button>
      <button type="button" className={small} disabled={pending} onClick={() => change('PATCH', { enabled: !account.enabled })}>
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
      {dialog === null ? <ActionError message={error} className="w-full text-xs" /> : null}

      <Dialog open={dialog === 'check'} title={`Access to ${account.name}`} onClose={() => setDialog(null)} className="max-w-2xl">
        {check ? <AccountCheckResult check={check} /> : error ? <ActionError message={error} /> : <p className="text-sm text-slate-600">Reaching the account…</p>}
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
            change('PATCH', { ...rest, ...(form.get('removeExternalId') === 'on' ? { externalId: null } : externalId ? { externalId } : {}) });
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
          <ActionError message={error} />
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

      <ConfirmDialog
        open={dialog === 'remove'}
        title={`Remove ${account.name}?`}
        confirmLabel="Remove"
        pending={pending}
        error={error}
        onClose={() => setDialog(null)}
        onConfirm={() => change('DELETE', {})}
      >
        Warden has never synced account <span className="font-mono">{account.id}</span>, so nothing of it is stored. Removing it takes it out of the next sync.
      </ConfirmDialog>
    </div>
  );
}
