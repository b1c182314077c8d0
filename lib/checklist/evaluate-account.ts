import 'server-only';
import { currentTime } from '@/lib/clock';
import { db } from '@/lib/db';
import { evaluateChecklist, withSince } from '@/lib/checks/evaluate';
import { loadAccountSnapshot } from '@/lib/checklist/load-snapshot';

/** Evaluates one account's checklist from the store and keeps the verdicts (with since-when). */
export async function evaluateAccountChecklist(accountId: string, runId: string | null, now: Date = currentTime()) {
  const snapshot = await loadAccountSnapshot(accountId, now);
  const results = evaluateChecklist(snapshot);
  const previous = await db.checklistRun.findFirst({
    where: { accountId },
    orderBy: { evaluatedAt: 'desc' },
    include: { verdicts: { select: { slug: true, verdict: true, since: true } } },
  });
  const items = withSince(results, previous?.verdicts ?? [], now);
  const count = (v: string) => items.filter((i) => i.verdict === v).length;
  return db.checklistRun.create({
    data: {
      accountId,
      runId,
      evaluatedAt: now,
      passed: count('pass'),
      failed: count('fail'),
      unknown: count('unknown'),
      notApplicable: count('not_applicable'),
      verdicts: {
        create: items.map((i) => ({
          slug: i.slug,
          number: i.number,
          title: i.title,
          verdict: i.verdict,
          severity: i.severity,
          summary: i.summary,
          evidence: i.evidence,
          remedy: i.remedy,
          references: i.references,
          thresholds: i.thresholds,
          missingPermissions: i.missingPermissions,
          since: i.since,
        })),
      },
    },
  });
}
