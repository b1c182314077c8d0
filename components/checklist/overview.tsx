'use client';

import { AccountChecklist } from '@/components/checklist/account-checklist';
import { OrganizationChecklist } from '@/components/checklist/organization-checklist';
import { ScreenToolbar } from '@/components/shell/screen-toolbar';
import { ScorePanel } from '@/components/checklist/score-panel';
import { FreshnessPanel } from '@/components/sync/freshness-panel';
import { Card } from '@/components/ui/card';
import { useSelectedAccount } from '@/lib/accounts/hooks';
import { checklistSummaryQuerySchema } from '@/lib/checklist/schema';
import { useUrlState } from '@/lib/use-url-state';

// The Overview: with every account, the roll-up per OU and the account × item matrix; with one
// account, its checklist item by item with evidence.

export function Overview() {
  const [accountId] = useSelectedAccount();
  const { value: view } = useUrlState(checklistSummaryQuerySchema);
  return (
    <div className="space-y-6">
      <ScreenToolbar />
      <div className="grid gap-6 xl:grid-cols-5">
        <Card title="Score over time" className="xl:col-span-2">
          <ScorePanel accountId={accountId} />
        </Card>
        <Card title="Data freshness" className="xl:col-span-3">
          {/* Keyed by the OU: another OU starts at its first page. */}
          <FreshnessPanel key={view.ou ?? ''} accountId={accountId} ou={accountId ? undefined : view.ou} />
        </Card>
      </div>
      {accountId ? <AccountChecklist key={accountId} accountId={accountId} /> : <OrganizationChecklist />}
    </div>
  );
}
