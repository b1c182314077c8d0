'use client';

import dynamic from 'next/dynamic';
import { useScoreHistory } from '@/lib/checklist/hooks';

const ScoreChart = dynamic(() => import('@/components/checklist/score-chart'), { ssr: false, loading: () => <div className="h-[180px]" /> });

export function ScorePanel({ accountId }: { accountId: string | null }) {
  const history = useScoreHistory(accountId);
  if (history.isLoading) return <div className="h-[180px] animate-pulse rounded bg-slate-100" />;
  if (history.error) return <p role="alert" className="text-sm text-red-700">The score history could not be loaded: {history.error.message}</p>;
  const points = history.data?.points ?? [];
  const latest = points.at(-1);
  if (!latest) return <p className="text-sm text-slate-500">No evaluation yet.</p>;
  const scored = latest.passed + latest.failed + latest.unknown;
  return (
    <div>
      <div className="mb-2 flex items-baseline gap-4">
        <span className="text-3xl font-semibold">{scored > 0 ? Math.round((latest.passed / scored) * 100) : 0}%</span>
        <span className="text-sm text-slate-600">
          {latest.passed} pass · <span className="text-red-700">{latest.failed} fail</span> · <span className="text-amber-700">{latest.unknown} unknown</span>
        </span>
      </div>
      <ScoreChart points={points} />
    </div>
  );
}
