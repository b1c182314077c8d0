'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { adminRequest, anyAnswer } from '@/components/admin/admin-fetch';
import { Dialog } from '@/components/ui/dialog';
import { ActionError } from '@/components/ui/action-error';
import { roles, type Role } from '@/lib/auth/roles';

const small = 'rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50';

/** Role (local accounts; single sign-on roles come from groups), enable/disable, password reset. */
export function UserActions({ user, minLength }: { user: { id: string; name: string; source: 'local' | 'oidc'; role: Role; disabled: boolean }; minLength: number }) {
  const router = useRouter();
  const [resetOpen, setResetOpen] = useState(false);
  const update = useMutation({
    mutationFn: (body: Record<string, unknown>) => adminRequest(`/api/admin/users/${encodeURIComponent(user.id)}`, 'PATCH', body, anyAnswer),
    onSuccess: () => router.refresh(),
  });
  const pending = update.isPending;

  return (
    <div className="flex flex-wrap items-center gap-2">
      {user.source === 'local' ? (
        <label className="flex items-center gap-1 text-xs text-slate-600">
          <span className="sr-only">Role of {user.name}</span>
          <select
            aria-label={`Role of ${user.name}`}
            className="rounded border border-slate-300 bg-white px-1.5 py-1 text-xs"
            value={user.role}
            disabled={pending}
            onChange={(e) => update.mutate({ role: e.target.value })}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <button type="button" className={small} disabled={pending} onClick={() => update.mutate({ disabled: !user.disabled })}>
        {user.disabled ? 'Enable' : 'Disable'}
      </button>
      {user.source === 'local' ? (
        <button type="button" className={small} disabled={pending} onClick={() => setResetOpen(true)}>
          Reset password
        </button>
      ) : null}
      <ActionError message={update.error?.message} className="w-full text-xs" />
      <Dialog open={resetOpen} title={`New password for ${user.name}`} onClose={() => setResetOpen(false)} className="max-w-sm">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const password = new FormData(e.currentTarget).get('password');
            update.mutate({ password }, { onSuccess: () => setResetOpen(false) });
          }}
          className="space-y-3"
        >
          <label className="block text-sm font-medium text-slate-700">
            Password <span className="font-normal text-slate-500">(≥ {minLength} characters)</span>
            <input name="password" type="password" required minLength={minLength} autoComplete="new-password" className="mt-1 block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm" />
          </label>
          <p className="text-xs text-slate-500">Their sessions end; they sign in again with the new password.</p>
          <div className="flex justify-end gap-2">
            <button type="button" className={small} onClick={() => setResetOpen(false)}>
              Cancel
            </button>
            <button type="submit" disabled={pending} className="rounded bg-slate-900 px-2.5 py-1 text-xs font-medium text-white hover:bg-slate-700 disabled:opacity-50">
              Set password
            </button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
