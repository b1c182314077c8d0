import 'server-only';
import { db } from '@/lib/db';
import { checklistItemWithSinceSchema, type AccountChecklist } from '@/lib/checklist/schema';

/** The newest evaluated checklist of each account (or of one). */
export async function getChecklist({ accountId }: { accountId?: string } = {}): Promise<AccountChecklist[]> {
  const accounts = await db.account.findMany({ where: accountId ? { id: accountId } : {}, orderBy: { name: 'asc' } });
  const out: AccountChecklist[] = [];
  for (const account of accounts) {
    const run = await db.checklistRun.findFirst({
      where: { accountId: account.id },
      orderBy: { evaluatedAt: 'desc' },
      include: { verdicts: { orderBy: { number: 'asc' } } },
    });
    if (!run) continue;
    out.push({
      accountId: account.id,
      accountName: account.name,
      paused: !account.enabled,
      evaluatedAt: run.evaluatedAt,
      // Parsed, not cast: what the UI and pipelines get is exactly the shared schema.
      items: run.verdicts.map((v) => checklistItemWithSinceSchema.parse(v)),
    });
  }
  return out;
}

export async function accountExists(accountId: string): Promise<boolean> {
  return (await db.account.count({ where: { id: accountId } })) > 0;
}

/**
 * Score over time: after each evaluation, passed / failed / unknown summed over every account's
 * newest evaluation at that moment (evaluations of one sync run form one point).
 */
export async function getScoreHistory({ accountId, take = 2000 }: { accountId?: string; take?: number }) {
  const runs = await db.checklistRun.findMany({
    where: accountId ? { accountId } : {},
    orderBy: { evaluatedAt: 'desc' },
    take,
    select: { id: true, runId: true, accountId: true, evaluatedAt: true, passed: true, failed: true, unknown: true, notApplicable: true },
  });
  runs.reverse();
  const latest = new Map<string, (typeof runs)[number]>();
  const points: { evaluatedAt: string; passed: number; failed: number; unknown: number; notApplicable: number }[] = [];
  runs.forEach((r, i) => {
    latest.set(r.accountId, r);
    const next = runs[i + 1];
    // One point per sync run (or per evaluation outside a run), taken after its last evaluation.
    if (next && next.runId !== null && next.runId === r.runId) return;
    const sum = { evaluatedAt: r.evaluatedAt.toISOString(), passed: 0, failed: 0, unknown: 0, notApplicable: 0 };
    for (const a of latest.values()) {
      sum.passed += a.passed;
      sum.failed += a.failed;
      sum.unknown += a.unknown;
      sum.notApplicable += a.notApplicable;
    }
    points.push(sum);
  });
  return points;
}
