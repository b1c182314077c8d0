'use client';

import { ChecklistView } from '@/components/checklist/checklist-view';
import { ScreenToolbar } from '@/components/shell/screen-toolbar';
import { ScorePanel } from '@/components/checklist/score-panel';
import { FreshnessPanel } from '@/components/sync/freshness-panel';
import { Card } from '@/components/ui/card';
import { useSelectedAccount } from '@/lib/accounts/hooks';

export function Overview() {
  const [accountId] = useSelectedAccount();
  return (
    <div className="space-y-6">
      <ScreenToolbar />
      <div className="grid gap-6 xl:grid-cols-5">
        <Card title="Score over time" className="xl:col-span-2">
          <ScorePanel accountId={accountId} />
        </Card>
        <Card title="Data freshness" className="xl:col-span-3">
          <FreshnessPanel accountId={accountId} />
        </Card>
      </div>
      <ChecklistView accountId={accountId} />
    </div>
  );
}
