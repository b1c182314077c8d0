'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { ConsoleCell, KeyAgeCell, KeyLastUsedCell, KeyStatusCell, MfaCell, PasswordUsedCell } from '@/components/credentials/cells';
import { Badge } from '@/components/ui/badge';
import { SortHeader, type SortState } from '@/components/ui/sort-header';
import { activityUserName } from '@/lib/credentials/display';
import type { CredentialRow, CredentialSortKey } from '@/lib/credentials/schema';

type Sort = SortState<CredentialSortKey>;

function UserLinks({ row }: { row: CredentialRow }) {
  const activity = `/activity?${new URLSearchParams({ user: activityUserName(row), account: row.accountId }).toString()}`;
  const findings = `/findings?${new URLSearchParams({ resource: row.arn, account: row.accountId }).toString()}`;
  const name = row.isRoot ? 'the root user' : row.user;
  return (
    <span className="mt-0.5 flex gap-2 text-xs">
      <Link className="text-sky-700 hover:underline" href={activity} aria-label={`CloudTrail activity of ${name} in ${row.accountName}`}>
        Activity
      </Link>
      <Link className="text-sky-700 hover:underline" href={findings} aria-label={`Access Analyzer findings for ${name} in ${row.accountName}`}>
        Findings
      </Link>
    </span>
  );
}

export function CredentialsTable({
  rows,
  sort,
  onSort,
  keyRotationDays,
  showAccount,
  caption,
  footer,
}: {
  rows: CredentialRow[];
  sort: Sort;
  onSort: (s: Sort) => void;
  keyRotationDays: number;
  showAccount: boolean;
  caption: string;
  footer?: ReactNode;
}) {
  const h = (label: string, key: CredentialSortKey, extra: { title?: string; className?: string } = {}) => (
    <SortHeader label={label} sortKey={key} current={sort} onSort={onSort} title={extra.title} className={`px-2 ${extra.className ?? ''}`} />
  );
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs text-slate-500">
          <tr>
            <th colSpan={showAccount ? 5 : 4} />
            <th colSpan={3} scope="colgroup" className="border-l border-slate-200 px-2 pt-2 text-center font-semibold uppercase tracking-wide text-slate-600">
              Access key 1
            </th>
            <th colSpan={3} scope="colgroup" className="border-l border-slate-200 px-2 pt-2 text-center font-semibold uppercase tracking-wide text-slate-600">
              Access key 2
            </th>
          </tr>
          <tr>
            {h('User', 'user', { className: 'pl-3' })}
            {showAccount ? h('Account', 'account') : null}
            {h('Console', 'console', { title: 'Console access: the user has a password' })}
            {h('Password used', 'passwordLastUsed', { title: 'When the console password was last used' })}
            {h('MFA', 'mfa')}
            {h('Status', 'key1Status', { className: 'border-l border-slate-200' })}
            {h('Age', 'key1Age', { title: 'Days since the key was created or last rotated; active keys first' })}
            {h('Last used', 'key1LastUsed')}
            {h('Status', 'key2Status', { className: 'border-l border-slate-200' })}
            {h('Age', 'key2Age', { title: 'Days since the key was created or last rotated; active keys first' })}
            {h('Last used', 'key2LastUsed')}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.accountId}/${row.user}`} className={`border-t border-slate-100 align-top ${row.isRoot ? 'bg-red-50/40' : 'hover:bg-slate-50'}`}>
              <th scope="row" className="py-2 pl-3 pr-2 text-left font-medium text-slate-900">
                <span className="flex items-center gap-1.5 whitespace-nowrap" title={row.arn}>
                  {row.user}
                  {row.isRoot ? <Badge tone="red">root</Badge> : null}
                </span>
                <UserLinks row={row} />
              </th>
              {showAccount ? (
                <td className="px-2 py-2">
                  <span className="whitespace-nowrap">{row.accountName}</span>
                  <span className="block font-mono text-[11px] text-slate-500">{row.accountId}</span>
                </td>
              ) : null}
              <td className="px-2 py-2">
                <ConsoleCell row={row} />
              </td>
              <td className="px-2 py-2">
                <PasswordUsedCell row={row} />
              </td>
              <td className="px-2 py-2">
                <MfaCell row={row} />
              </td>
              {row.keys.map((k) => (
                <KeyCells key={k.slot} k={k} limit={keyRotationDays} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {footer}
    </div>
  );
}

function KeyCells({ k, limit }: { k: CredentialRow['keys'][number]; limit: number }) {
  return (
    <>
      <td className="border-l border-slate-100 px-2 py-2">
        <KeyStatusCell k={k} />
      </td>
      <td className="px-2 py-2">
        <KeyAgeCell k={k} limit={limit} />
      </td>
      <td className="px-2 py-2">
        <KeyLastUsedCell k={k} />
      </td>
    </>
  );
}
