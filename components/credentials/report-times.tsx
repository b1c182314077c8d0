'use client';

import { RelativeTime } from '@/components/ui/relative-time';
import type { CredentialsPage } from '@/lib/credentials/schema';

/** When AWS generated each credential report shown: the table is as of then, not as of now. */
export function ReportTimes({ reports, missing }: { reports: CredentialsPage['reports']; missing: CredentialsPage['accountsWithoutReport'] }) {
  if (reports.length === 0 && missing.length === 0) return null;
  return (
    <div className="mt-1 text-sm text-slate-600">
      {reports.length === 1 && reports[0] ? (
        <p>
          Credential report of {reports[0].accountName} generated <Generated at={reports[0].generatedAt} />, {reports[0].users} users.
        </p>
      ) : reports.length > 1 ? (
        <p>
          Credential reports generated:{' '}
          {reports.map((r, i) => (
            <span key={r.accountId}>
              {i > 0 ? ' · ' : ''}
              {r.accountName} <Generated at={r.generatedAt} />
            </span>
          ))}
        </p>
      ) : null}
      {missing.length > 0 ? (
        <p className="text-amber-800">No credential report yet for {missing.map((m) => `${m.name} (${m.id})`).join(', ')}.</p>
      ) : null}
    </div>
  );
}

function Generated({ at }: { at: string | null }) {
  if (at === null) return <span className="text-slate-500">at an unknown time</span>;
  return <RelativeTime value={at} />;
}
