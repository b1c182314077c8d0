'use client';

import dynamic from 'next/dynamic';
import type { CredentialsSummary } from '@/lib/credentials/schema';
import { formatCount } from '@/components/ui/format-count';

const KeyAgeChart = dynamic(() => import('@/components/credentials/key-age-chart'), { ssr: false, loading: () => <div className="h-[180px]" /> });

/** Active access keys by age; the table of counts stays readable without the chart. */
export function KeyAgePanel({ summary }: { summary: CredentialsSummary }) {
  if (summary.activeKeys === 0) return <p className="text-sm text-slate-500">No active access keys.</p>;
  const over = summary.buckets.filter((b) => b.bucket !== 'under-30' && b.bucket !== '30-90').reduce((n, b) => n + b.count, 0);
  return (
    <div>
      <p className="mb-2 text-sm text-slate-700">
        {formatCount(summary.activeKeys)} active {summary.activeKeys === 1 ? 'key' : 'keys'}
        {' · '}
        <span className={over > 0 ? 'font-medium text-red-700' : ''}>
          {formatCount(over)} older than {summary.thresholds.keyRotationDays} days
        </span>
        {summary.unknownAge > 0 ? <span className="text-amber-800"> · {summary.unknownAge} of unknown age</span> : null}
      </p>
      <KeyAgeChart buckets={summary.buckets} />
      <table className="sr-only">
        <caption>Active access keys by age</caption>
        <tbody>
          {summary.buckets.map((b) => (
            <tr key={b.bucket}>
              <th scope="row">{b.label}</th>
              <td>{b.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
