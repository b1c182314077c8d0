'use client';

import { useAccounts, useSelectedAccount } from '@/lib/accounts/hooks';

export function AccountPicker() {
  const accounts = useAccounts();
  const [selected, select] = useSelectedAccount();
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <span>Account</span>
      <select
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        value={selected ?? ''}
        onChange={(e) => select(e.target.value === '' ? null : e.target.value)}
        disabled={accounts.isLoading}
      >
        <option value="">All accounts</option>
        {accounts.data?.accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name} ({a.id}){a.paused ? ' — paused' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
