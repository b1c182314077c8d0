import 'server-only';
import { currentTime } from '@/lib/clock';
import { db } from '@/lib/db';
import { evaluateChecklist, withSince } from '@/lib/checks/evaluate';
import { insertRows } from '@/lib/bulk-insert';
import { loadAccountSnapshot, loadOwnAccounts, type OwnAccounts } from '@/lib/checklist/load-snapshot';

/**
 * Evaluates one account's checklist from the store and keeps the verdicts (with since-when).
 * `own`: the own accounts, when many accounts are evaluated in a row (see checklistEvaluator).
 */
export async function evaluateAccountChecklist(accountId: string, runId: string | null, now: Date = currentTime(), own?: OwnAccounts) {
  const snapshot = await loadAccountSnapshot(accountId, now, own);
  const results = evaluateChecklist(snapshot);
  const previous = await db.checklistRun.findFirst({
    where: { accountId, current: true },
    include: { verdicts: { select: { slug: true, verdict: true, since: true } } },
  });
  const items = withSince(results, previous?.verdicts ?? [], now);
  const count = (v: string) => items.filter((i) => i.verdict === v).length;
  return db.$transaction(async (tx) => {
    // The newest evaluation (by its time, which a caller may set in the past) is the account's
    // current one; its verdicts by slug feed the Overview.
    const current = await tx.checklistRun.findFirst({ where: { accountId, current: true }, select: { id: true, evaluatedAt: true } });
    const newest = current === null || current.evaluatedAt <= now;
    if (newest && current) await tx.checklistRun.update({ where: { id: current.id }, data: { current: false } });
    const run = await tx.checklistRun.create({
      data: {
        accountId,
        runId,
        evaluatedAt: now,
        passed: count('pass'),
        failed: count('fail'),
        unknown: count('unknown'),
        notApplicable: count('not_applicable'),
        current: newest,
        verdictMap: Object.fromEntries(items.map((i) => [i.slug, i.verdict])),
      },
    });
    await insertRows(
      tx,
      'ChecklistVerdict',
      items.map((i) => ({
        checklistRunId: run.id,
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
    );
    return run;
  });
}

/**
 * Evaluates many accounts in a row (a sync run, a re-evaluation after a settings change or a
 * sign-off): what every evaluation shares — the own accounts of an organization of 1,000 — is read
 * once, at the first evaluation, instead of once per account.
 */
export function checklistEvaluator(): (accountId: string, runId: string | null, now?: Date) => ReturnType<typeof evaluateAccountChecklist> {
  let own: Promise<OwnAccounts> | null = null;
  return async (accountId, runId, now = currentTime()) => {
    own ??= loadOwnAccounts();
    return evaluateAccountChecklist(accountId, runId, now, await own);
  };
}
