import { Fragment } from 'react';
import { Badge } from '@/components/ui/badge';
import { describeConsole, describeDay, describePasswordLastUsed, describeText, keyStatus } from '@/lib/credentials/display';
import type { AccessKeyView, CredentialRow, DateCell } from '@/lib/credentials/schema';

// Table cells of the credential report. Values from AWS are rendered as text; sentinels as words.

export function daysAgo(days: number): string {
  if (days <= 0) return 'today';
  if (days === 1) return '1 day ago';
  return `${days} days ago`;
}

export function DayCell({ cell }: { cell: DateCell }) {
  if (cell.at === null) return <span className="text-slate-500">{describeDay(cell)}</span>;
  return (
    <span title={cell.at}>
      <span className="whitespace-nowrap">{describeDay(cell)}</span>
      {cell.days !== null ? <span className="block text-xs text-slate-500">{daysAgo(cell.days)}</span> : null}
    </span>
  );
}

export function PasswordUsedCell({ row }: { row: CredentialRow }) {
  if (row.passwordLastUsed.at !== null) return <DayCell cell={row.passwordLastUsed} />;
  return <span className="text-slate-500">{describePasswordLastUsed(row)}</span>;
}

export function ConsoleCell({ row }: { row: CredentialRow }) {
  const text = describeConsole(row);
  return <span className={row.console.enabled === true ? 'text-slate-900' : 'text-slate-500'}>{text}</span>;
}

export function MfaCell({ row }: { row: CredentialRow }) {
  if (row.mfaActive) return <Badge tone="green">yes</Badge>;
  const exposed = row.isRoot || row.console.enabled === true;
  return (
    <Badge tone={exposed ? 'red' : 'slate'} title={exposed ? 'Can sign in to the console without MFA' : 'No console access'}>
      no
    </Badge>
  );
}

export function KeyStatusCell({ k }: { k: AccessKeyView }) {
  const status = keyStatus(k);
  if (status === 'active') return <Badge tone="sky">active</Badge>;
  if (status === 'inactive') return <Badge tone="slate">inactive</Badge>;
  return <span className="text-slate-400">none</span>;
}

export function KeyAgeCell({ k, limit }: { k: AccessKeyView; limit: number }) {
  const status = keyStatus(k);
  if (status === 'none') return <span className="text-slate-400">—</span>;
  if (k.lastRotated.days === null) return <span className="text-slate-500">{describeDay(k.lastRotated)}</span>;
  const old = k.active && k.lastRotated.days > limit;
  return (
    <span title={`last rotated ${k.lastRotated.at ?? ''}`} className={old ? 'font-semibold text-red-700' : status === 'inactive' ? 'text-slate-500' : ''}>
      <span className="whitespace-nowrap">{k.lastRotated.days} d</span>
      <span className="block whitespace-nowrap text-xs font-normal text-slate-500">{describeDay(k.lastRotated)}</span>
    </span>
  );
}

export function KeyLastUsedCell({ k }: { k: AccessKeyView }) {
  if (keyStatus(k) === 'none') return <span className="text-slate-400">—</span>;
  if (k.lastUsed.at === null) return <span className="text-slate-500">{describeDay(k.lastUsed)}</span>;
  const details = [k.lastUsed.days !== null ? daysAgo(k.lastUsed.days) : null, describeText(k.lastUsedService), describeText(k.lastUsedRegion)];
  return (
    <span title={k.lastUsed.at}>
      <span className="whitespace-nowrap">{describeDay(k.lastUsed)}</span>
      <span className="block text-xs text-slate-500">
        {details
          .filter((d): d is string => d !== null && d !== '—')
          .map((d, i) => (
            <Fragment key={d}>
              {i > 0 ? ' · ' : ''}
              <span className="whitespace-nowrap">{d}</span>
            </Fragment>
          ))}
      </span>
    </span>
  );
}
