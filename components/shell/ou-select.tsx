'use client';

import { useId } from 'react';
import { useOus } from '@/lib/accounts/hooks';
import { ouName } from '@/lib/organization/ou-path';

// The OU filter every screen shares: an OU includes its sub-OUs. Shown only when Warden has
// discovered an organization (or the URL already names an OU).

const layouts = {
  stacked: 'flex flex-col gap-1 text-xs font-medium text-slate-600',
  inline: 'flex items-center gap-2 text-sm text-slate-700',
} as const;

export function OuSelect({ value, onChange, layout = 'stacked' }: { value: string | undefined; onChange: (ou: string | undefined) => void; layout?: keyof typeof layouts }) {
  const ous = useOus();
  const id = useId();
  const list = ous.data?.ous ?? [];
  if (list.length === 0 && value === undefined) return null;
  const known = value === undefined || list.some((o) => o.path === value);
  return (
    <div className={layouts[layout]}>
      <label htmlFor={id}>OU</label>
      <select
        id={id}
        className="max-w-64 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal text-slate-900"
        value={value ?? ''}
        title={value}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      >
        <option value="">All OUs</option>
        {known ? null : <option value={value}>{value} (no account)</option>}
        {list.map((o) => (
          <option key={o.path} value={o.path} title={o.path}>
            {`${'\u00a0\u00a0\u00a0'.repeat(o.depth)}${ouName(o.path)} (${o.accounts})`}
          </option>
        ))}
      </select>
    </div>
  );
}
