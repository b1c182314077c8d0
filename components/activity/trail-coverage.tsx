'use client';

import { Fragment } from 'react';
import { Badge, type Tone } from '@/components/ui/badge';
import { ErrorAlert } from '@/components/ui/error-alert';
import { RelativeTime } from '@/components/ui/relative-time';
import { useTrailCoverage } from '@/lib/activity/hooks';
import type { AccountCoverage, RegionStatus, TrailView } from '@/lib/activity/schema';

const statusBadge: Record<RegionStatus, { tone: Tone; text: string }> = {
  logging: { tone: 'green', text: 'logging' },
  'not-logging': { tone: 'red', text: 'not logging' },
  'no-trail': { tone: 'red', text: 'no trail' },
  unknown: { tone: 'amber', text: 'status unknown' },
};

const yesNo = (v: boolean, good = true) => <Badge tone={v === good ? 'green' : 'red'}>{v ? 'yes' : 'no'}</Badge>;

function LoggingCell({ trail }: { trail: TrailView }) {
  if (trail.isLogging === null) return <Badge tone="amber">unknown</Badge>;
  return yesNo(trail.isLogging);
}

function Errors({ trail }: { trail: TrailView }) {
  const errors = [trail.statusError, trail.latestDeliveryError ? `Delivery: ${trail.latestDeliveryError}` : null].filter((e): e is string => e !== null);
  if (errors.length === 0) return <span className="text-slate-400">none</span>;
  return <span className="break-words text-red-800">{errors.join(' · ')}</span>;
}

function TrailCells({ trail }: { trail: TrailView }) {
  return (
    <>
      <td className="px-2 py-1.5">
        <span className="font-medium" title={trail.arn}>
          {trail.name}
        </span>
        {trail.isOrganizationTrail ? <span className="ml-1 text-xs text-slate-500">(organization)</span> : null}
        {trail.s3BucketName ? <span className="block text-xs text-slate-500">s3://{trail.s3BucketName}</span> : null}
      </td>
      <td className="px-2 py-1.5">{trail.isMultiRegion ? 'yes' : <span title={`home region ${trail.homeRegion}`}>no ({trail.homeRegion})</span>}</td>
      <td className="px-2 py-1.5">
        <LoggingCell trail={trail} />
      </td>
      <td className="px-2 py-1.5">{yesNo(trail.logFileValidation)}</td>
      <td className="px-2 py-1.5 whitespace-nowrap">
        <RelativeTime value={trail.latestDeliveryTime} fallback="never" />
      </td>
      <td className="px-2 py-1.5 text-xs">
        <Errors trail={trail} />
      </td>
    </>
  );
}

function AccountCell({ account, show }: { account: AccountCoverage; show: boolean }) {
  if (!show) return <td className="px-2 py-1.5" />;
  return (
    <th scope="row" className="px-2 py-1.5 text-left font-medium whitespace-nowrap">
      {account.accountName}
      <span className="block font-mono text-[11px] font-normal text-slate-500">{account.accountId}</span>
    </th>
  );
}

function AccountRows({ account }: { account: AccountCoverage }) {
  if (account.readAt === null || !account.trailsRead) {
    return (
      <tr className="border-t border-slate-200 align-top">
        <AccountCell account={account} show />
        <td colSpan={8} className="px-2 py-2 text-sm">
          {account.readAt === null ? (
            <span className="text-slate-500">CloudTrail has not been read yet.</span>
          ) : (
            <span className="text-amber-800">
              The trails could not be read{account.missingPermissions.length > 0 ? ` (missing permission: ${account.missingPermissions.join(', ')})` : ''}: coverage unknown.
            </span>
          )}
        </td>
      </tr>
    );
  }
  type Row = { key: string; region: string; status: RegionStatus | null; first: boolean; trail: TrailView | null };
  const rows: Row[] = [
    ...account.regions.flatMap((r): Row[] =>
      r.trails.length === 0
        ? [{ key: `${r.region}-none`, region: r.region, status: r.status, first: true, trail: null }]
        : r.trails.map((t, i) => ({ key: `${r.region}-${t.arn}`, region: r.region, status: r.status, first: i === 0, trail: t })),
    ),
    ...account.otherTrails.map((t): Row => ({ key: `other-${t.arn}`, region: t.homeRegion, status: null, first: true, trail: t })),
  ];
  return (
    <>
      {rows.map((row, i) => (
        <tr key={row.key} className={`align-top ${i === 0 ? 'border-t border-slate-200' : row.first ? 'border-t border-slate-100' : ''}`}>
          <AccountCell account={account} show={i === 0} />
          <td className="px-2 py-1.5 whitespace-nowrap">{row.first ? row.region : null}</td>
          <td className="px-2 py-1.5">
            {row.first && row.status ? <Badge tone={statusBadge[row.status].tone}>{statusBadge[row.status].text}</Badge> : null}
            {row.first && row.status === null ? <span className="text-xs text-slate-500">not a region Warden reads</span> : null}
          </td>
          {row.trail ? (
            <TrailCells trail={row.trail} />
          ) : (
            <td colSpan={6} className="px-2 py-1.5 text-red-800">
              No trail records this region: API activity here is not logged.
            </td>
          )}
        </tr>
      ))}
    </>
  );
}

/** Per account and region: the trails recording it and their state, from the newest CloudTrail read. */
export function TrailCoverage({ accountId }: { accountId: string | null }) {
  const coverage = useTrailCoverage(accountId);
  if (coverage.isLoading) return <div className="h-32 animate-pulse rounded bg-slate-100" />;
  if (coverage.error) return <ErrorAlert what="CloudTrail coverage" message={coverage.error.message} />;
  const accounts = coverage.data?.accounts ?? [];
  if (accounts.length === 0) return <p className="text-sm text-slate-500">No account has been synced yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">CloudTrail coverage per account and region</caption>
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-2 py-1 font-medium">Account</th>
            <th scope="col" className="px-2 py-1 font-medium">Region</th>
            <th scope="col" className="px-2 py-1 font-medium">Coverage</th>
            <th scope="col" className="px-2 py-1 font-medium">Trail</th>
            <th scope="col" className="px-2 py-1 font-medium">Multi-region</th>
            <th scope="col" className="px-2 py-1 font-medium">Logging</th>
            <th scope="col" className="px-2 py-1 font-medium">Log file validation</th>
            <th scope="col" className="px-2 py-1 font-medium">Latest delivery</th>
            <th scope="col" className="px-2 py-1 font-medium">Errors</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <Fragment key={a.accountId}>
              <AccountRows account={a} />
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
