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

/** Score over time: passed / failed / unknown per sync run, summed over the accounts shown. */
export async function getScoreHistory({ accountId, take = 500 }: { accountId?: string; take?: number }) {
  const runs = await db.checklistRun.findMany({
    where: accountId ? { accountId } : {},
    orderBy: { evaluatedAt: 'desc' },
    take,
    select: { id: true, runId: true, evaluatedAt: true, passed: true, failed: true, unknown: true, notApplicable: true },
  });
  const points = new Map<string, { evaluatedAt: string; passed: number; failed: number; unknown: number; notApplicable: number }>();
  for (const r of runs.reverse()) {
    const key = r.runId ?? r.id;
    const p = points.get(key) ?? { evaluatedAt: r.evaluatedAt.toISOString(), passed: 0, failed: 0, unknown: 0, notApplicable: 0 };
    p.passed += r.passed;
    p.failed += r.failed;
    p.unknown += r.unknown;
    p.notApplicable += r.notApplicable;
    points.set(key, p);
  }
  return [...points.values()];
}
