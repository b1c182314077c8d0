import type { Metadata } from 'next';
import { connection } from 'next/server';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { listSyncRuns } from '@/lib/sync/queries';

export const metadata: Metadata = { title: 'Sync' };

export default async function SyncPage() {
  await connection();
  const runs = await listSyncRuns({ take: 50 });
  return (
    <>
      <PageHeader title="Sync" description="Every sync run: when, how long, per-source outcome, API calls and errors." />
      {runs.length === 0 ? (
        <EmptyState title="No sync has run yet">
          <p>Runs appear here with their per-account, per-source outcome.</p>
        </EmptyState>
      ) : (
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-slate-500">
              <th className="py-2">Started</th>
              <th>Status</th>
              <th>Trigger</th>
              <th>API calls</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} className="border-t border-slate-200">
                <td className="py-2">{r.startedAt}</td>
                <td>{r.status}</td>
                <td>{r.trigger}</td>
                <td>{r.apiCalls}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
