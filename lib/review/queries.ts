import 'server-only';
import { currentTime } from '@/lib/clock';
import { db } from '@/lib/db';
import { HttpError } from '@/lib/http';
import { loadThresholds } from '@/lib/settings/store';
import { checklistEvaluator } from '@/lib/checklist/evaluate-account';
import { buildAgenda, describeSubject, type AgendaItem } from '@/lib/review/agenda';
import { compareSubjects } from '@/lib/review/subject';
import { diffCredentialReports } from '@/lib/review/diff';
import type { ReviewThresholds } from '@/lib/review/facts';
import { itemTitle } from '@/lib/review/labels';
import { judgeDecision } from '@/lib/review/outcome';
import {
  decisionKindSchema,
  type Activity,
  type AgendaItemView,
  type CarriedFrom,
  type DecideInput,
  type DecisionKind,
  type DecisionOutcome,
  type ReviewAccountView,
  type ReviewDetail,
  type ReviewHeader,
  type ReviewSummary,
  type StartReviewInput,
} from '@/lib/review/schema';
import { isoDayOrNull, newestCredentialReport, readNames, readReasons, reportLoader, reportTime, type StoredReport } from '@/lib/review/store';
import { DAY_MS, isoDate } from '@/lib/dates';
import { isInOu } from '@/lib/organization/ou-path';

// Server-side reads and writes of the monthly credential-report review. A review freezes the newest
// credential-report snapshot of each of its accounts when it starts; everything it shows is
// computed from those snapshots (and, for changes, from the last signed review's snapshots).

const activityWindowDays = 90;

export async function reviewThresholds(): Promise<ReviewThresholds> {
  const { thresholds } = await loadThresholds();
  return { unusedCredentialDays: thresholds.unusedCredentialDays, keyRotationDays: thresholds.keyRotationDays };
}

export async function reviewIntervalDays(): Promise<number> {
  return (await loadThresholds()).thresholds.reviewIntervalDays;
}

function decisionOf(value: string | null): DecisionKind | null {
  const parsed = decisionKindSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function header(review: {
  id: string;
  title: string;
  status: string;
  startedBy: string;
  startedAt: Date;
  attendees: unknown;
  signedBy: string | null;
  signedAt: Date | null;
  notes: string | null;
}): ReviewHeader {
  return {
    id: review.id,
    title: review.title,
    status: review.status === 'signed' ? 'signed' : 'draft',
    startedBy: review.startedBy,
    startedAt: review.startedAt.toISOString(),
    attendees: readNames(review.attendees),
    signedBy: review.signedBy,
    signedAt: review.signedAt?.toISOString() ?? null,
    notes: review.notes,
  };
}

async function audit(actor: string, action: string, target: string, details: Record<string, string | number | boolean | null | string[]>) {
  await db.auditEvent.create({ data: { actor, action, target, details } });
}

function signedConflict(review: { signedBy: string | null; signedAt: Date | null }): HttpError {
  const when = review.signedAt ? ` on ${isoDate(review.signedAt)}` : '';
  return new HttpError(409, `This review was signed off by ${review.signedBy ?? 'someone'}${when} and can no longer be edited. A correction is a new review.`);
}

async function loadEditableReview(reviewId: string) {
  const review = await db.review.findUnique({ where: { id: reviewId } });
  if (!review) throw new HttpError(404, `review ${reviewId} does not exist`);
  if (review.status === 'signed') throw signedConflict(review);
  return review;
}

// ---------------------------------------------------------------------------------------------
// The last signed review of an account
// ---------------------------------------------------------------------------------------------

async function lastSignedReviewAccount(accountId: string, before?: Date) {
  return db.reviewAccount.findFirst({
    where: { accountId, review: { status: 'signed', ...(before ? { signedAt: { lte: before } } : {}) } },
    orderBy: { review: { signedAt: 'desc' } },
    include: { review: true },
  });
}

// ---------------------------------------------------------------------------------------------
// Start
// ---------------------------------------------------------------------------------------------

function defaultTitle(now: Date): string {
  return `Credential-report review, ${now.toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })}`;
}

interface PlannedItem {
  accountId: string;
  item: AgendaItem;
  carriedFromId: string | null;
}

/** Starts a review of the given accounts on their newest credential reports. */
export async function startReview(input: StartReviewInput, actor: string, now: Date = currentTime()): Promise<{ id: string }> {
  const accountIds = [...new Set(input.accountIds)];
  const accounts = await db.account.findMany({ where: { id: { in: accountIds } } });
  const unknown = accountIds.filter((id) => !accounts.some((account) => account.id === id));
  if (unknown.length > 0) throw new HttpError(404, `account ${unknown.join(', ')} is not known to Warden`);
  const t = await reviewThresholds();
  const load = reportLoader();

  const planned: PlannedItem[] = [];
  const reviewAccounts: { accountId: string; snapshotId: string; baselineSnapshotId: string | null }[] = [];
  for (const account of [...accounts].sort((a, b) => a.name.localeCompare(b.name))) {
    const snapshot = await newestCredentialReport(account.id);
    if (!snapshot) {
      throw new HttpError(409, `No credential report has been read for ${account.name} (${account.id}) yet: run a sync first.`);
    }
    const report = await load(snapshot.id);
    const agenda = buildAgenda(report.entries, report.generatedAt, t);
    const baseline = await lastSignedReviewAccount(account.id);
    reviewAccounts.push({ accountId: account.id, snapshotId: snapshot.id, baselineSnapshotId: baseline?.snapshotId ?? null });
    const items: PlannedItem[] = agenda.map((item) => ({ accountId: account.id, item, carriedFromId: null }));
    if (baseline) {
      const before = await load(baseline.snapshotId);
      const decisions = await db.reviewDecision.findMany({ where: { reviewId: baseline.reviewId, accountId: account.id, decision: { not: null } } });
      for (const previous of decisions) {
        const decision = decisionOf(previous.decision);
        if (decision === null) continue;
        const outcome = judgeDecision({ subject: previous.subject, decision, reasons: readReasons(previous.reasons) }, before.entries, report.entries);
        if (outcome.status === 'done') continue;
        const onAgenda = items.find((planned) => planned.item.subject === previous.subject);
        if (onAgenda) onAgenda.carriedFromId = previous.id;
        else {
          items.push({
            accountId: account.id,
            carriedFromId: previous.id,
            item: { subject: previous.subject, kind: previous.subject === 'root' ? 'root' : previous.subject.startsWith('key:') ? 'key' : 'user', userName: previous.userName, slot: slotOf(previous.subject), reasons: ['carried-over'] },
          });
        }
      }
    }
    planned.push(...items.sort((a, b) => compareSubjects(a.item, b.item)));
  }

  const review = await db.review.create({
    data: {
      title: input.title ?? defaultTitle(now),
      status: 'draft',
      startedBy: actor,
      startedAt: now,
      accounts: { create: reviewAccounts },
      decisions: {
        create: planned.map(({ accountId, item, carriedFromId }) => ({
          accountId,
          subject: item.subject,
          userName: item.userName,
          reasons: item.reasons,
          carriedFromId,
        })),
      },
    },
  });
  await audit(actor, 'review.start', review.id, {
    title: review.title,
    accounts: accountIds,
    snapshots: reviewAccounts.map((account) => account.snapshotId),
    items: planned.length,
    carriedOver: planned.filter((item) => item.carriedFromId !== null).length,
  });
  return { id: review.id };
}

function slotOf(subject: string): 1 | 2 | null {
  const match = /^key:[^:]+:([12])$/.exec(subject);
  return match?.[1] === '1' ? 1 : match?.[1] === '2' ? 2 : null;
}

// ---------------------------------------------------------------------------------------------
// Read one
// ---------------------------------------------------------------------------------------------

type TrailRow = { accountId: string; userName: string | null; isRoot: boolean; userType: string | null; eventTime: Date; eventName: string; region: string; sourceIp: string | null; errorCode: string | null; mfaUsed: boolean | null };

function activityFor(events: TrailRow[], accountId: string, item: { kind: 'user' | 'key' | 'root'; userName: string }, windowStart: Date, windowEnd: Date): Activity {
  const mine = events
    .filter((event) => event.accountId === accountId && (item.kind === 'root' ? event.isRoot : !event.isRoot && event.userType === 'IAMUser' && event.userName === item.userName))
    .sort((a, b) => b.eventTime.getTime() - a.eventTime.getTime());
  const counts = new Map<string, number>();
  for (const event of mine) counts.set(event.eventName, (counts.get(event.eventName) ?? 0) + 1);
  return {
    windowStart: windowStart.toISOString(),
    windowEnd: windowEnd.toISOString(),
    total: mine.length,
    byEvent: [...counts].map(([eventName, count]) => ({ eventName, count })).sort((a, b) => b.count - a.count || a.eventName.localeCompare(b.eventName)),
    latest: mine.slice(0, 5).map((event) => ({
      eventTime: event.eventTime.toISOString(),
      eventName: event.eventName,
      region: event.region,
      sourceIp: event.sourceIp,
      errorCode: event.errorCode,
      mfaUsed: event.mfaUsed,
    })),
  };
}

/**
 * The whole review as the review page, the minutes and the CSV show it; with an OU (the review
 * page's ?ou=), only its accounts in that OU or below it and their agenda, while `inReview` still
 * counts the whole review (its sign-off needs every item decided).
 */
export async function getReview(reviewId: string, now: Date = currentTime(), { ou }: { ou?: string } = {}): Promise<ReviewDetail> {
  const review = await db.review.findUnique({
    where: { id: reviewId },
    include: { accounts: { include: { account: true } }, decisions: true },
  });
  if (!review) throw new HttpError(404, `review ${reviewId} does not exist`);
  const t = await reviewThresholds();
  const load = reportLoader();
  const inReview = { accounts: review.accounts.length, items: review.decisions.length, undecided: review.decisions.filter((d) => d.decision === null).length };
  const shownAccounts = ou ? review.accounts.filter((ra) => isInOu(ra.account.ouPath, ou)) : review.accounts;
  const shownIds = new Set(shownAccounts.map((ra) => ra.accountId));
  const decisions = review.decisions.filter((d) => shownIds.has(d.accountId));

  const reports = new Map<string, StoredReport>();
  const accounts: ReviewAccountView[] = [];
  for (const ra of [...shownAccounts].sort((a, b) => a.account.name.localeCompare(b.account.name))) {
    const report = await load(ra.snapshotId);
    reports.set(ra.accountId, report);
    let baseline: ReviewAccountView['baseline'] = null;
    let changes: ReviewAccountView['changes'] = [];
    if (ra.baselineSnapshotId) {
      const before = await load(ra.baselineSnapshotId);
      const baseReview = await db.reviewAccount.findFirst({
        where: { accountId: ra.accountId, snapshotId: ra.baselineSnapshotId, reviewId: { not: review.id }, review: { status: 'signed', signedAt: { lte: review.startedAt } } },
        orderBy: { review: { signedAt: 'desc' } },
        include: { review: true },
      });
      baseline = {
        reviewId: baseReview?.reviewId ?? null,
        reviewTitle: baseReview?.review.title ?? null,
        signedAt: baseReview?.review.signedAt?.toISOString() ?? null,
        signedBy: baseReview?.review.signedBy ?? null,
        snapshotTakenAt: before.takenAt.toISOString(),
        reportGeneratedAt: before.generatedAt.toISOString(),
      };
      changes = diffCredentialReports({ entries: before.entries, at: before.generatedAt }, { entries: report.entries, at: report.generatedAt }, t);
    }
    accounts.push({
      accountId: ra.accountId,
      accountName: ra.account.name,
      snapshotId: ra.snapshotId,
      snapshotTakenAt: report.takenAt.toISOString(),
      reportGeneratedAt: report.generatedAt.toISOString(),
      baseline,
      changes,
    });
  }
  const accountName = new Map(accounts.map((account) => [account.accountId, account.accountName]));

  // Carried-over decisions: the earlier decision, and why it is still open on this review's report.
  const carriedIds = decisions.map((d) => d.carriedFromId).filter((id): id is string => id !== null);
  const previous = carriedIds.length === 0 ? [] : await db.reviewDecision.findMany({ where: { id: { in: carriedIds } }, include: { review: { include: { accounts: true } } } });
  const carried = new Map<string, CarriedFrom>();
  for (const p of previous) {
    const decision = decisionOf(p.decision);
    if (decision === null) continue;
    const base = p.review.accounts.find((a) => a.accountId === p.accountId);
    const current = reports.get(p.accountId);
    let note = 'Still open.';
    if (base && current) {
      const before = await load(base.snapshotId);
      note = judgeDecision({ subject: p.subject, decision, reasons: readReasons(p.reasons) }, before.entries, current.entries).note;
    }
    carried.set(p.id, {
      decisionId: p.id,
      reviewId: p.reviewId,
      reviewTitle: p.review.title,
      reviewSignedAt: p.review.signedAt?.toISOString() ?? null,
      decision,
      owner: p.owner,
      dueDate: isoDayOrNull(p.dueDate),
      justification: p.justification,
      note,
    });
  }

  const windowEnd = review.signedAt ?? now;
  const windowStart = new Date(windowEnd.getTime() - activityWindowDays * DAY_MS);
  const events: TrailRow[] = await db.trailEvent.findMany({
    where: { accountId: { in: accounts.map((a) => a.accountId) }, eventTime: { gte: windowStart, lte: windowEnd } },
    select: { accountId: true, userName: true, isRoot: true, userType: true, eventTime: true, eventName: true, region: true, sourceIp: true, errorCode: true, mfaUsed: true },
  });

  const items: AgendaItemView[] = decisions
    .map((d) => {
      const report = reports.get(d.accountId);
      const kind: AgendaItemView['kind'] = d.subject === 'root' ? 'root' : d.subject.startsWith('key:') ? 'key' : 'user';
      const evidence = report ? describeSubject(report.entries, d.subject, report.generatedAt) : null;
      return {
        id: d.id,
        accountId: d.accountId,
        accountName: accountName.get(d.accountId) ?? d.accountId,
        subject: d.subject,
        kind,
        userName: d.userName,
        slot: slotOf(d.subject),
        reasons: readReasons(d.reasons),
        evidence: evidence ?? ['Not in this review\'s credential report any more.'],
        activity: activityFor(events, d.accountId, { kind, userName: d.userName }, windowStart, windowEnd),
        decision: decisionOf(d.decision),
        justification: d.justification,
        owner: d.owner,
        dueDate: isoDayOrNull(d.dueDate),
        decidedBy: d.decidedBy,
        decidedAt: d.decidedAt?.toISOString() ?? null,
        carriedFrom: d.carriedFromId ? (carried.get(d.carriedFromId) ?? null) : null,
      };
    })
    .sort((a, b) => (accountName.get(a.accountId) ?? '').localeCompare(accountName.get(b.accountId) ?? '') || compareSubjects(a, b));

  const decided = items.filter((item) => item.decision !== null).length;
  return {
    review: header(review),
    thresholds: t,
    ou: ou ?? null,
    inReview,
    accounts,
    items,
    counts: {
      items: items.length,
      decided,
      undecided: items.length - decided,
      changes: accounts.reduce((sum, account) => sum + account.changes.length, 0),
      carriedOver: items.filter((item) => item.carriedFrom !== null).length,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// History
// ---------------------------------------------------------------------------------------------

/**
 * Every review (or those that cover an account in the OU `ou` or below it), newest first, with
 * what became of its decisions by the next review.
 */
export async function listReviews({ ou }: { ou?: string } = {}): Promise<ReviewSummary[]> {
  const reviews = await db.review.findMany({
    orderBy: { startedAt: 'desc' },
    include: { accounts: { include: { account: true, snapshot: { select: { takenAt: true, meta: true } } } }, decisions: true },
  });
  const t = await reviewThresholds();
  const load = reportLoader();
  const newest = new Map<string, Awaited<ReturnType<typeof newestCredentialReport>>>();
  const summaries: ReviewSummary[] = [];
  // The next review of an account is looked for among all reviews, shown or not.
  const shown = ou ? reviews.filter((r) => r.accounts.some((ra) => isInOu(ra.account.ouPath, ou))) : reviews;
  for (const review of shown) {
    let changes: number | null = null;
    for (const ra of review.accounts) {
      if (!ra.baselineSnapshotId) continue;
      const [before, after] = await Promise.all([load(ra.baselineSnapshotId), load(ra.snapshotId)]);
      changes = (changes ?? 0) + diffCredentialReports({ entries: before.entries, at: before.generatedAt }, { entries: after.entries, at: after.generatedAt }, t).length;
    }

    let outcomes: ReviewSummary['outcomes'] = null;
    if (review.status === 'signed') {
      const judgedFrom = new Set<string>();
      const decisions: DecisionOutcome[] = [];
      for (const ra of review.accounts) {
        // The next review of this account (started later) judges; without one, the latest report.
        const next = reviews
          .filter((other) => other.startedAt > review.startedAt && other.accounts.some((a) => a.accountId === ra.accountId))
          .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())[0];
        const nextAccount = next?.accounts.find((a) => a.accountId === ra.accountId);
        let laterId: string | null = nextAccount?.snapshotId ?? null;
        if (next && nextAccount) judgedFrom.add(`the next review, "${next.title}"`);
        else {
          if (!newest.has(ra.accountId)) newest.set(ra.accountId, await newestCredentialReport(ra.accountId));
          const latest = newest.get(ra.accountId);
          laterId = latest?.id ?? null;
          if (latest) judgedFrom.add(`the latest credential report (${isoDate(reportTime(latest))})`);
        }
        if (laterId === null) continue;
        const [before, later] = await Promise.all([load(ra.snapshotId), load(laterId)]);
        for (const d of review.decisions.filter((x) => x.accountId === ra.accountId)) {
          const decision = decisionOf(d.decision);
          if (decision === null) continue;
          const outcome = judgeDecision({ subject: d.subject, decision, reasons: readReasons(d.reasons) }, before.entries, later.entries);
          decisions.push({
            decisionId: d.id,
            accountId: d.accountId,
            accountName: ra.account.name,
            subject: d.subject,
            userName: d.userName,
            decision,
            owner: d.owner,
            dueDate: isoDayOrNull(d.dueDate),
            status: outcome.status,
            note: outcome.note,
          });
        }
      }
      decisions.sort((a, b) => a.accountName.localeCompare(b.accountName) || compareSubjects(a, b));
      outcomes = {
        judgedFrom: [...judgedFrom].join(' and ') || 'no later credential report',
        done: decisions.filter((d) => d.status === 'done').length,
        open: decisions.filter((d) => d.status === 'open').length,
        decisions,
      };
    }

    summaries.push({
      review: header(review),
      accounts: [...review.accounts]
        .sort((a, b) => a.account.name.localeCompare(b.account.name))
        .map((ra) => ({
          accountId: ra.accountId,
          accountName: ra.account.name,
          snapshotTakenAt: ra.snapshot.takenAt.toISOString(),
          reportGeneratedAt: reportTime(ra.snapshot).toISOString(),
        })),
      counts: {
        items: review.decisions.length,
        decided: review.decisions.filter((d) => d.decision !== null).length,
        changes,
        carriedOver: review.decisions.filter((d) => d.carriedFromId !== null).length,
      },
      outcomes,
    });
  }
  return summaries;
}

// ---------------------------------------------------------------------------------------------
// Decide, attendees, sign-off
// ---------------------------------------------------------------------------------------------

function dayToDate(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export async function decideItem(reviewId: string, input: DecideInput, actor: string, now: Date = currentTime()): Promise<void> {
  await loadEditableReview(reviewId);
  const item = await db.reviewDecision.findFirst({ where: { id: input.itemId, reviewId } });
  if (!item) throw new HttpError(404, `itemId: agenda item ${input.itemId} is not part of review ${reviewId}`, 'itemId');
  // The status is checked again in the write: a sign-off in between must win.
  const updated = await db.reviewDecision.updateMany({
    where: { id: item.id, review: { status: 'draft' } },
    data: {
      decision: input.decision,
      justification: input.justification && input.justification.length > 0 ? input.justification : null,
      owner: input.owner,
      dueDate: input.dueDate ? dayToDate(input.dueDate) : null,
      decidedBy: actor,
      decidedAt: now,
    },
  });
  if (updated.count === 0) throw signedConflict(await db.review.findUniqueOrThrow({ where: { id: reviewId } }));
  await audit(actor, 'review.decide', reviewId, {
    itemId: item.id,
    accountId: item.accountId,
    subject: item.subject,
    decision: input.decision,
    previousDecision: item.decision,
    owner: input.owner,
    dueDate: input.dueDate ?? null,
    justification: input.justification ?? null,
  });
}

export async function setAttendees(reviewId: string, attendees: string[], actor: string): Promise<string[]> {
  await loadEditableReview(reviewId);
  const seen = new Set<string>();
  const names = attendees.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const updated = await db.review.updateMany({ where: { id: reviewId, status: 'draft' }, data: { attendees: names } });
  if (updated.count === 0) throw signedConflict(await db.review.findUniqueOrThrow({ where: { id: reviewId } }));
  await audit(actor, 'review.attendees', reviewId, { attendees: names });
  return names;
}

export async function signOffReview(reviewId: string, signedBy: string, actor: string, now: Date = currentTime()): Promise<void> {
  const review = await loadEditableReview(reviewId);
  const decisions = await db.reviewDecision.findMany({ where: { reviewId } });
  const undecided = decisions.filter((d) => d.decision === null);
  if (undecided.length > 0) {
    const names = new Map((await db.account.findMany({ where: { id: { in: undecided.map((d) => d.accountId) } } })).map((a) => [a.id, a.name]));
    const list = undecided
      .map((d) => ({ accountName: names.get(d.accountId) ?? d.accountId, subject: d.subject, kind: d.subject === 'root' ? ('root' as const) : d.subject.startsWith('key:') ? ('key' as const) : ('user' as const), slot: slotOf(d.subject), userName: d.userName }))
      .sort((a, b) => a.accountName.localeCompare(b.accountName) || compareSubjects(a, b))
      .map((d) => `${d.accountName}: ${itemTitle(d)}`);
    throw new HttpError(400, `Cannot sign off: ${list.length} agenda item${list.length === 1 ? ' is' : 's are'} still undecided — ${list.join('; ')}.`);
  }
  if (readNames(review.attendees).length === 0) {
    throw new HttpError(400, 'attendees: record who attended the meeting before signing off.', 'attendees');
  }
  const updated = await db.review.updateMany({ where: { id: reviewId, status: 'draft' }, data: { status: 'signed', signedBy, signedAt: now } });
  if (updated.count === 0) throw signedConflict(await db.review.findUniqueOrThrow({ where: { id: reviewId } }));
  await audit(actor, 'review.sign-off', reviewId, { signedBy, items: decisions.length, attendees: readNames(review.attendees) });
  // Checklist item 14 reads the last sign-off: evaluate now rather than at the next sync.
  const accounts = await db.reviewAccount.findMany({ where: { reviewId }, select: { accountId: true } });
  const evaluate = checklistEvaluator();
  for (const { accountId } of accounts) await evaluate(accountId, null, now);
}

export async function recordCsvExport(reviewId: string, actor: string, rows: number): Promise<void> {
  await audit(actor, 'review.export-csv', reviewId, { rows });
}

