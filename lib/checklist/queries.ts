import 'server-only';
import { db } from '@/lib/db';
import { checklistRules } from '@/lib/checks/evaluate';
import { Prisma } from '@/lib/generated/prisma/client';
import { HttpError } from '@/lib/http';
import { matchesSearch } from '@/lib/accounts/queries';
import { countOus, isInOu, ouAncestry } from '@/lib/organization/ou-path';
import {
  checklistItemWithoutEvidenceSchema,
  checklistItemWithSinceSchema,
  evidenceItemSchema,
  evidenceStatusOrder,
  evidenceStatusSchema,
  remedyCommandsShown,
  remedySchema,
  verdictSchema,
  type AccountChecklist,
  type AccountItems,
  type AccountVerdicts,
  type ChecklistItemHead,
  type ChecklistSummary,
  type ChecklistSummaryQuery,
  type EvidencePage,
  type EvidenceQuery,
  type EvidenceStatus,
  type RemedyQuery,
  type OuRollup,
  type Verdict,
} from '@/lib/checklist/schema';

type NewestRun = { id: string; accountId: string; evaluatedAt: Date; passed: number; failed: number; unknown: number; notApplicable: number; verdictMap: unknown };

/**
 * The newest evaluation of every account (or of one): the rows marked current, so that neither the
 * history nor a list of ids is read whatever the number of accounts.
 */
async function newestRuns(accountId?: string): Promise<Map<string, NewestRun>> {
  const rows = await db.checklistRun.findMany({
    where: { current: true, ...(accountId ? { accountId } : {}) },
    select: { id: true, accountId: true, evaluatedAt: true, passed: true, failed: true, unknown: true, notApplicable: true, verdictMap: true },
  });
  return new Map(rows.map((r) => [r.accountId, r]));
}

/** A run's verdicts by slug, from its stored map; anything unexpected counts as unknown. */
function verdictsOf(run: NewestRun): Record<string, Verdict> {
  const map = run.verdictMap && typeof run.verdictMap === 'object' && !Array.isArray(run.verdictMap) ? (run.verdictMap as Record<string, unknown>) : {};
  const verdicts: Record<string, Verdict> = {};
  for (const [slug, value] of Object.entries(map)) {
    const verdict = verdictSchema.safeParse(value);
    verdicts[slug] = verdict.success ? verdict.data : 'unknown';
  }
  return verdicts;
}

/** The items the newest evaluations judge, in the checklist's order, as the rules define them. */
function itemsJudged(verdicts: Iterable<Record<string, Verdict>>): ChecklistItemHead[] {
  const judged = new Set<string>();
  for (const bySlug of verdicts) for (const slug of Object.keys(bySlug)) judged.add(slug);
  return checklistRules
    .filter((rule) => judged.has(rule.slug))
    .map((rule) => ({ number: rule.number, slug: rule.slug, title: rule.title, severity: rule.severity }))
    .sort((a, b) => a.number - b.number);
}

/** The newest evaluated checklist of each account (or of one), with every item's evidence. */
export async function getChecklist({ accountId }: { accountId?: string } = {}): Promise<AccountChecklist[]> {
  const [accounts, runs] = await Promise.all([
    db.account.findMany({ where: accountId ? { id: accountId } : {}, orderBy: { name: 'asc' }, select: { id: true, name: true, enabled: true } }),
    newestRuns(accountId),
  ]);
  const verdicts = await db.checklistVerdict.findMany({ where: { checklistRunId: { in: [...runs.values()].map((r) => r.id) } }, orderBy: { number: 'asc' } });
  const byRun = new Map<string, typeof verdicts>();
  for (const v of verdicts) {
    const list = byRun.get(v.checklistRunId);
    if (list) list.push(v);
    else byRun.set(v.checklistRunId, [v]);
  }
  return accounts.flatMap((account) => {
    const run = runs.get(account.id);
    if (!run) return [];
    return [
      {
        accountId: account.id,
        accountName: account.name,
        paused: !account.enabled,
        evaluatedAt: run.evaluatedAt,
        // Parsed, not cast: what the UI and pipelines get is exactly the shared schema.
        items: (byRun.get(run.id) ?? []).map((v) => checklistItemWithSinceSchema.parse(v)),
      },
    ];
  });
}

const placementSelect = { id: true, name: true, enabled: true, ouPath: true, orgStatus: true, exclusion: true, lastReachError: true } as const;

/**
 * The Overview of many accounts in four queries: the accounts, their newest evaluations, those
 * evaluations' verdicts without evidence, and the items they judge. The roll-up covers the
 * OU asked for (or all) whatever the search; the search, sort and page apply to the accounts.
 */
export async function getChecklistSummary(q: ChecklistSummaryQuery): Promise<ChecklistSummary> {
  const [accounts, runs] = await Promise.all([db.account.findMany({ orderBy: { name: 'asc' }, select: placementSelect }), newestRuns()]);
  const verdictsByRun = new Map([...runs.values()].map((run) => [run.id, verdictsOf(run)]));
  const items = itemsJudged(verdictsByRun.values());

  const rows: AccountVerdicts[] = accounts
    .filter((a) => !q.ou || isInOu(a.ouPath, q.ou))
    .map((a) => {
      const run = runs.get(a.id);
      return {
        id: a.id,
        name: a.name,
        ouPath: a.ouPath,
        orgStatus: a.orgStatus,
        exclusion: a.exclusion,
        lastReachError: a.lastReachError,
        paused: !a.enabled,
        evaluatedAt: run?.evaluatedAt.toISOString() ?? null,
        counts: run ? { pass: run.passed, fail: run.failed, unknown: run.unknown, notApplicable: run.notApplicable } : { pass: 0, fail: 0, unknown: 0, notApplicable: 0 },
        verdicts: run ? (verdictsByRun.get(run.id) ?? {}) : {},
      };
    });
  const matching = rows.filter((a) => matchesSearch(a, q.q)).sort(summaryOrder(q.sort, items.length));
  return {
    items,
    ous: rollUp(rows, items, q.ou),
    accounts: matching.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
    total: matching.length,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Items an account cannot be judged on: its unknown verdicts, or all items when it should be read but never was. */
function unjudged(a: AccountVerdicts, itemCount: number): number {
  if (a.evaluatedAt !== null) return a.counts.unknown;
  return a.exclusion === null ? itemCount : 0;
}

function summaryOrder(sort: ChecklistSummaryQuery['sort'], itemCount: number) {
  const byName = (x: AccountVerdicts, y: AccountVerdicts) => x.name.localeCompare(y.name) || x.id.localeCompare(y.id);
  if (sort === 'name') return byName;
  if (sort === 'ou') return (x: AccountVerdicts, y: AccountVerdicts) => (x.ouPath === null ? 1 : 0) - (y.ouPath === null ? 1 : 0) || (x.ouPath ?? '').localeCompare(y.ouPath ?? '') || byName(x, y);
  // Worst first: most failures, then most items that cannot be judged; accounts left out on purpose last.
  return (x: AccountVerdicts, y: AccountVerdicts) =>
    y.counts.fail - x.counts.fail ||
    unjudged(y, itemCount) - unjudged(x, itemCount) ||
    (x.exclusion === null ? 0 : 1) - (y.exclusion === null ? 0 : 1) ||
    byName(x, y);
}

/** Per OU (the one asked for and those below it, or all), how many accounts fail or cannot be judged on each item. */
function rollUp(accounts: AccountVerdicts[], items: ChecklistItemHead[], ou: string | undefined): OuRollup[] {
  const empty = (path: string | null, depth: number): OuRollup => ({
    path,
    depth,
    accounts: 0,
    notRead: 0,
    failing: 0,
    items: Object.fromEntries(items.map((i) => [i.slug, { fail: 0, unknown: 0 }])),
  });
  const rollups = new Map<string | null, OuRollup>(
    countOus(accounts.map((a) => a.ouPath))
      .filter((o) => !ou || isInOu(o.path, ou))
      .map((o) => [o.path, empty(o.path, o.depth)]),
  );
  if (!ou && accounts.some((a) => a.ouPath === null)) rollups.set(null, empty(null, 0));
  for (const a of accounts) {
    const targets = a.ouPath === null ? [rollups.get(null)] : ouAncestry(a.ouPath).map((p) => rollups.get(p));
    for (const r of targets) {
      if (!r) continue;
      r.accounts += 1;
      if (a.exclusion !== null || a.lastReachError !== null) r.notRead += 1;
      if (a.counts.fail > 0) r.failing += 1;
      for (const item of items) {
        const tally = r.items[item.slug];
        if (!tally) continue;
        const verdict = a.verdicts[item.slug];
        if (verdict === 'fail') tally.fail += 1;
        else if (verdict === 'unknown' || (verdict === undefined && a.exclusion === null)) tally.unknown += 1;
      }
    }
  }
  return [...rollups.values()];
}

async function requireAccount(accountId: string) {
  const account = await db.account.findUnique({ where: { id: accountId }, select: placementSelect });
  if (!account) throw new HttpError(404, `account ${accountId} is not known to Warden`, 'account');
  return account;
}

/** One account's newest checklist without evidence: the per-item view loads evidence item by item. */
export async function getAccountItems(accountId: string): Promise<AccountItems> {
  const [account, run] = await Promise.all([
    requireAccount(accountId),
    db.checklistRun.findFirst({
      where: { accountId, current: true },
      select: {
        evaluatedAt: true,
        verdicts: {
          orderBy: { number: 'asc' },
          select: { number: true, slug: true, title: true, verdict: true, severity: true, summary: true, remedy: true, references: true, thresholds: true, missingPermissions: true, since: true },
        },
      },
    }),
  ]);
  return {
    account: { id: account.id, name: account.name, ouPath: account.ouPath, orgStatus: account.orgStatus, exclusion: account.exclusion, lastReachError: account.lastReachError, paused: !account.enabled },
    evaluatedAt: run?.evaluatedAt.toISOString() ?? null,
    items: (run?.verdicts ?? []).map((v) => {
      const remedy = remedySchema.parse(v.remedy);
      return checklistItemWithoutEvidenceSchema.parse({ ...v, remedy: { text: remedy.text, commands: remedy.commands.slice(0, remedyCommandsShown), commandsTotal: remedy.commands.length } });
    }),
  };
}

function statusOf(entry: unknown): EvidenceStatus {
  const status = typeof entry === 'object' && entry !== null && 'status' in entry ? evidenceStatusSchema.safeParse(entry.status) : null;
  return status?.success ? status.data : 'unknown';
}

/**
 * One item's verdict in an account's newest checklist, read with `read` (which chooses the columns),
 * with the account and that evaluation; 404 naming the item when there is none.
 */
async function newestVerdict<T>(
  q: { account: string; item: string },
  read: (where: { checklistRunId_slug: { checklistRunId: string; slug: string } }) => Promise<T | null>,
) {
  const [account, run] = await Promise.all([requireAccount(q.account), db.checklistRun.findFirst({ where: { accountId: q.account, current: true }, select: { id: true, evaluatedAt: true } })]);
  const verdict = run ? await read({ checklistRunId_slug: { checklistRunId: run.id, slug: q.item } }) : null;
  if (!run || !verdict) throw new HttpError(404, `item: account ${q.account} has no verdict on ${q.item} in its newest checklist`, 'item');
  return { account, run, verdict };
}

/**
 * A page of one item's evidence for one account, failing evidence first. Only the page is parsed
 * and sent: a large account's item holds some 17,000 entries.
 */
export async function getEvidencePage(q: EvidenceQuery): Promise<EvidencePage> {
  const { verdict } = await newestVerdict(q, (where) => db.checklistVerdict.findUnique({ where, select: { evidence: true } }));
  const all = Array.isArray(verdict.evidence) ? (verdict.evidence as unknown[]) : [];
  const counts = Object.fromEntries(evidenceStatusOrder.map((s) => [s, 0])) as Record<EvidenceStatus, number>;
  const ranked = all.map((entry, index) => ({ entry, index, status: statusOf(entry) }));
  for (const r of ranked) counts[r.status] += 1;
  const chosen = ranked
    .filter((r) => !q.status || r.status === q.status)
    .sort((a, b) => evidenceStatusOrder.indexOf(a.status) - evidenceStatusOrder.indexOf(b.status) || a.index - b.index);
  return {
    accountId: q.account,
    item: q.item,
    evidence: chosen.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((r) => evidenceItemSchema.parse(r.entry)),
    total: chosen.length,
    page: q.page,
    pageSize: q.pageSize,
    counts,
  };
}

/** Every remedy command of one item of an account's newest checklist, as a shell script to review and run. */
export async function getRemedyScript(q: RemedyQuery): Promise<{ filename: string; text: string }> {
  const { account, run, verdict } = await newestVerdict(q, (where) => db.checklistVerdict.findUnique({ where, select: { title: true, remedy: true } }));
  const remedy = remedySchema.parse(verdict.remedy);
  // Comment lines carry names from AWS: one line each, so nothing in them can end the comment.
  const comment = (line: string) => `# ${line.replace(/[\r\n]+/g, ' ')}`;
  const text = [
    '#!/bin/sh',
    comment(`Warden remedy for "${verdict.title}" in account ${account.name} (${account.id}), checklist of ${run.evaluatedAt.toISOString()}.`),
    comment('Read every command before running it; placeholders look like <this>.'),
    ...(remedy.text ? [comment(remedy.text)] : []),
    '',
    ...remedy.commands,
    '',
  ].join('\n');
  return { filename: `warden-${account.id}-${q.item}-remedy.sh`, text };
}

export async function accountExists(accountId: string): Promise<boolean> {
  return (await db.account.count({ where: { id: accountId } })) > 0;
}

/**
 * Score over time: after each evaluation, passed / failed / unknown summed over every account's
 * newest evaluation at that moment (evaluations of one sync run form one point). The window is the
 * newest evaluations, about 30 syncs' worth whatever the number of accounts; each account's newest
 * evaluation before the window seeds the sum, so the window's first points count every account.
 */
export async function getScoreHistory({ accountId, take }: { accountId?: string; take?: number }) {
  const accounts = accountId ? 1 : await db.account.count();
  const window = take ?? Math.min(60_000, Math.max(2_000, accounts * 30));
  const select = { id: true, runId: true, accountId: true, evaluatedAt: true, passed: true, failed: true, unknown: true, notApplicable: true } as const;
  const runs = await db.checklistRun.findMany({ where: accountId ? { accountId } : {}, orderBy: [{ evaluatedAt: 'desc' }, { id: 'desc' }], take: window, select });
  runs.reverse();
  const latest = new Map<string, { passed: number; failed: number; unknown: number; notApplicable: number }>();
  const oldest = runs[0];
  if (oldest && runs.length === window) {
    const only = accountId ? Prisma.sql`AND "accountId" = ${accountId}` : Prisma.empty;
    const before = await db.$queryRaw<{ accountId: string; passed: unknown; failed: unknown; unknown: unknown; notApplicable: unknown }[]>`
      SELECT r."accountId", r."passed", r."failed", r."unknown", r."notApplicable"
      FROM "ChecklistRun" r
      JOIN (SELECT "accountId", MAX("evaluatedAt") AS "newest" FROM "ChecklistRun" WHERE "evaluatedAt" < ${oldest.evaluatedAt} ${only} GROUP BY "accountId") n
        ON n."accountId" = r."accountId" AND n."newest" = r."evaluatedAt"`;
    for (const b of before) latest.set(b.accountId, { passed: Number(b.passed), failed: Number(b.failed), unknown: Number(b.unknown), notApplicable: Number(b.notApplicable) });
  }
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
