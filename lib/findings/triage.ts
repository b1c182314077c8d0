import 'server-only';
import { currentTime } from '@/lib/clock';
import { randomUUID } from 'node:crypto';
import { updateFindingStatus } from '@/lib/aws/access-analyzer';
import type { AwsClients } from '@/lib/aws/clients';
import { AwsCallError } from '@/lib/aws/errors';
import { checklistEvaluator } from '@/lib/checklist/evaluate-account';
import { db } from '@/lib/db';
import type { TriageRequest, TriageResult } from '@/lib/findings/schema';
import { HttpError } from '@/lib/http';
import { acquireSyncLock, releaseSyncLock } from '@/lib/sync/lock';
import { clientsForAccount } from '@/lib/sync/plan';

// Archive and re-activate: AWS first (UpdateFindings, per analyzer and region, chunked), then the
// store records exactly what AWS accepted — the finding's status, a FindingTriage row per finding
// (who, when, why, from/to) and one AuditEvent. What AWS rejected changes nothing locally.

/** The actor of what Warden does by itself (an archive's expiry during a sync). */
export const systemActor = 'warden';

/**
 * accountId: the account Warden acts in — the analyzer's (an organization analyzer's findings are
 * archived through the delegated administrator); ownerAccountId: the account it is shown under.
 */
type TargetFinding = { key: string; id: string; accountId: string; ownerAccountId: string; analyzerArn: string; region: string; status: string };

const targetSelect = { key: true, id: true, accountId: true, analyzerArn: true, region: true, status: true, analyzer: { select: { accountId: true } } } as const;
const asTarget = <F extends { accountId: string; analyzer: { accountId: string } }>({ analyzer, accountId, ...f }: F) => ({ ...f, accountId: analyzer.accountId, ownerAccountId: accountId });
type Group = { accountId: string; analyzerArn: string; region: string; findings: TargetFinding[] };

const listSome = (keys: string[], max = 5) => `${keys.slice(0, max).join(', ')}${keys.length > max ? ` (+${keys.length - max} more)` : ''}`;

function groupByAnalyzer(findings: TargetFinding[]): Group[] {
  const groups = new Map<string, Group>();
  for (const f of findings) {
    const k = `${f.accountId}\u0000${f.analyzerArn}\u0000${f.region}`;
    let g = groups.get(k);
    if (!g) {
      g = { accountId: f.accountId, analyzerArn: f.analyzerArn, region: f.region, findings: [] };
      groups.set(k, g);
    }
    g.findings.push(f);
  }
  return [...groups.values()];
}

/** Checks the request against the store: every key known, every finding in a status the action applies to. */
async function loadTargets(request: TriageRequest, now: Date): Promise<TargetFinding[]> {
  const keys = [...new Set(request.keys)];
  const found = (await db.finding.findMany({ where: { key: { in: keys } }, select: targetSelect })).map(asTarget);
  const byKey = new Map(found.map((f) => [f.key, f]));
  const unknown = keys.filter((k) => !byKey.has(k));
  if (unknown.length > 0) throw new HttpError(404, `keys: ${unknown.length === 1 ? 'finding' : `${unknown.length} findings`} not known to Warden: ${listSome(unknown)}`);

  const resolved = found.filter((f) => f.status === 'RESOLVED').map((f) => f.key);
  if (resolved.length > 0) {
    throw new HttpError(
      400,
      `keys: RESOLVED findings cannot be ${request.action === 'archive' ? 'archived' : 're-activated'} (AWS resolves them itself when the access is gone): ${listSome(resolved)}`,
    );
  }
  const from = request.action === 'archive' ? 'ACTIVE' : 'ARCHIVED';
  const wrong = found.filter((f) => f.status !== from).map((f) => `${f.key} is ${f.status}`);
  if (wrong.length > 0) throw new HttpError(400, `keys: only ${from} findings can be ${request.action === 'archive' ? 'archived' : 're-activated'}: ${listSome(wrong)}`);

  if (request.expiresAt !== undefined && new Date(request.expiresAt).getTime() <= now.getTime()) {
    throw new HttpError(400, `expiresAt: must be in the future (it is ${request.expiresAt}; now is ${now.toISOString()})`);
  }
  return keys.map((k) => byKey.get(k)).filter((f): f is TargetFinding => f !== undefined);
}

/** Archives or re-activates findings in AWS, then records what AWS accepted. */
export async function triageFindings(request: TriageRequest, actor: string, now: Date = currentTime()): Promise<TriageResult> {
  const targets = await loadTargets(request, now);
  const toStatus = request.action === 'archive' ? 'ARCHIVED' : 'ACTIVE';
  const expiresAt = request.action === 'archive' && request.expiresAt ? new Date(request.expiresAt) : null;
  const groups = groupByAnalyzer(targets);
  const result: TriageResult = { action: request.action, toStatus, accepted: [], rejected: [], groups: [], warnings: [] };

  const accounts = [...new Set(groups.map((g) => g.accountId))];
  // A sync that read a finding before this change and wrote after it would put the old status
  // back: hold each account's sync lock while AWS is changed and the change recorded.
  const holder = `triage:${randomUUID()}`;
  const locked: string[] = [];
  try {
    for (const accountId of accounts) {
      if (!(await acquireSyncLock(accountId, holder, currentTime(), triageLeaseMs))) {
        throw new HttpError(409, `A sync of account ${accountId} is reading its findings right now; nothing was changed. Try again when it has finished.`);
      }
      locked.push(accountId);
    }
    await changeInAws(accounts, groups, request, actor, now, result);
  } finally {
    for (const accountId of locked) await releaseSyncLock(accountId, holder);
  }

  await db.auditEvent.create({
    data: {
      at: now,
      actor,
      action: `finding.${request.action}`,
      target: groups.length === 1 && groups[0] ? groups[0].analyzerArn : `${targets.length} findings`,
      details: {
        outcome: result.rejected.length === 0 ? 'accepted' : result.accepted.length === 0 ? 'rejected' : 'partial',
        reason: request.reason,
        expiresAt: expiresAt?.toISOString() ?? null,
        accepted: result.accepted,
        rejected: result.rejected,
        errors: result.groups.filter((g) => g.error !== null).map((g) => ({ analyzerArn: g.analyzerArn, region: g.region, error: g.error })),
      },
    },
  });

  // The checklist counts open findings: re-evaluate the accounts whose findings changed.
  const acceptedKeys = new Set(result.accepted);
  const changedAccounts = [...new Set(targets.filter((t) => acceptedKeys.has(t.key)).map((t) => t.ownerAccountId))];
  const evaluate = checklistEvaluator();
  for (const accountId of changedAccounts) {
    try {
      await evaluate(accountId, null, now);
    } catch (error) {
      result.warnings.push(`The checklist of account ${accountId} could not be re-evaluated (${error instanceof Error ? error.message : String(error)}); it updates with the next sync.`);
    }
  }
  return result;
}

const triageLeaseMs = 2 * 60_000;

/** UpdateFindings per account and analyzer; records what AWS accepted and collects the outcome in `result`. */
async function changeInAws(accounts: string[], groups: Group[], request: TriageRequest, actor: string, now: Date, result: TriageResult): Promise<void> {
  const toStatus = result.toStatus === 'ARCHIVED' ? 'ARCHIVED' : 'ACTIVE';
  const fromStatus = toStatus === 'ARCHIVED' ? 'ACTIVE' : 'ARCHIVED';
  const expiresAt = request.action === 'archive' && request.expiresAt ? new Date(request.expiresAt) : null;
  for (const accountId of accounts) {
    const accountGroups = groups.filter((g) => g.accountId === accountId);
    let clients: AwsClients;
    try {
      clients = await clientsForAccount(accountId);
    } catch (error) {
      if (!(error instanceof AwsCallError)) throw error;
      for (const g of accountGroups) {
        const keys = g.findings.map((f) => f.key);
        result.rejected.push(...keys);
        result.groups.push({ accountId, analyzerArn: g.analyzerArn, region: g.region, accepted: [], rejected: keys, error: `Warden could not act in the account — ${error.describe()}` });
      }
      continue;
    }
    try {
      for (const g of accountGroups) {
        const byId = new Map(g.findings.map((f) => [f.id, f.key]));
        const { accepted, error } = await updateFindingStatus(clients, g.region, g.analyzerArn, [...byId.keys()], toStatus);
        const acceptedIds = new Set(accepted);
        const acceptedKeys = accepted.map((id) => byId.get(id)).filter((k): k is string => k !== undefined);
        const rejectedKeys = g.findings.filter((f) => !acceptedIds.has(f.id)).map((f) => f.key);
        if (acceptedKeys.length > 0) await recordTriage(acceptedKeys, { action: request.action, fromStatus, toStatus, reason: request.reason, actor, at: now, expiresAt });
        result.accepted.push(...acceptedKeys);
        result.rejected.push(...rejectedKeys);
        result.groups.push({ accountId, analyzerArn: g.analyzerArn, region: g.region, accepted: acceptedKeys, rejected: rejectedKeys, error: error ? error.describe() : null });
      }
    } finally {
      clients.destroy();
    }
  }
}

type TriageRecord = { action: string; fromStatus: string; toStatus: string; reason: string; actor: string; at: Date; expiresAt: Date | null };

async function recordTriage(keys: string[], r: TriageRecord): Promise<void> {
  await db.$transaction([
    db.finding.updateMany({ where: { key: { in: keys } }, data: { status: r.toStatus, archiveExpiresAt: r.expiresAt } }),
    db.findingTriage.createMany({
      data: keys.map((findingKey) => ({ findingKey, action: r.action, fromStatus: r.fromStatus, toStatus: r.toStatus, reason: r.reason, actor: r.actor, at: r.at, expiresAt: r.expiresAt })),
    }),
  ]);
}

export type ExpiryOutcome = { reactivated: string[]; pending: string[]; error: AwsCallError | null };

/**
 * Archives made from Warden with an expiry that has passed are re-activated in AWS, and the store
 * records that Warden did it (FindingTriage action "expire"). Called at the start of each Access
 * Analyzer sync of the account; what AWS refuses stays archived and is tried again next sync.
 */
export async function reactivateExpiredArchives(accountId: string, clients: AwsClients, now: Date): Promise<ExpiryOutcome> {
  // An expiry belongs to an archive: a finding that is no longer archived (re-activated or resolved
  // in AWS) keeps none, so a later archive elsewhere is not undone by it.
  // The findings of this account's analyzers (an organization analyzer's, whatever account they are shown under).
  const inAccount = { analyzer: { accountId } };
  await db.finding.updateMany({ where: { ...inAccount, status: { not: 'ARCHIVED' }, archiveExpiresAt: { not: null } }, data: { archiveExpiresAt: null } });
  const expired = (
    await db.finding.findMany({ where: { ...inAccount, status: 'ARCHIVED', archiveExpiresAt: { lte: now } }, select: { ...targetSelect, archiveExpiresAt: true } })
  ).map(asTarget);
  const outcome: ExpiryOutcome = { reactivated: [], pending: [], error: null };
  if (expired.length === 0) return outcome;

  const lastArchives = await db.findingTriage.findMany({
    where: { findingKey: { in: expired.map((f) => f.key) }, action: 'archive' },
    orderBy: { at: 'desc' },
    select: { findingKey: true, actor: true, reason: true, at: true },
  });
  const lastArchive = new Map<string, (typeof lastArchives)[number]>();
  for (const t of lastArchives) if (!lastArchive.has(t.findingKey)) lastArchive.set(t.findingKey, t);
  const expiryOf = new Map(expired.map((f) => [f.key, f.archiveExpiresAt]));

  for (const g of groupByAnalyzer(expired)) {
    const byId = new Map(g.findings.map((f) => [f.id, f.key]));
    const { accepted, error } = await updateFindingStatus(clients, g.region, g.analyzerArn, [...byId.keys()], 'ACTIVE');
    const keys = accepted.map((id) => byId.get(id)).filter((k): k is string => k !== undefined);
    if (keys.length > 0) {
      await db.$transaction([
        db.finding.updateMany({ where: { key: { in: keys } }, data: { status: 'ACTIVE', archiveExpiresAt: null } }),
        db.findingTriage.createMany({
          data: keys.map((findingKey) => {
            const archive = lastArchive.get(findingKey);
            const expiry = expiryOf.get(findingKey)?.toISOString() ?? 'an earlier date';
            const reason = archive
              ? `The archive by ${archive.actor} on ${archive.at.toISOString()} expired on ${expiry} (its reason: ${archive.reason})`
              : `The archive expired on ${expiry}`;
            return { findingKey, action: 'expire', fromStatus: 'ARCHIVED', toStatus: 'ACTIVE', reason: reason.slice(0, 2000), actor: systemActor, at: now, expiresAt: null };
          }),
        }),
      ]);
      outcome.reactivated.push(...keys);
    }
    const acceptedIds = new Set(accepted);
    outcome.pending.push(...g.findings.filter((f) => !acceptedIds.has(f.id)).map((f) => f.key));
    if (error) outcome.error = error;
  }

  await db.auditEvent.create({
    data: {
      at: now,
      actor: systemActor,
      action: 'finding.expire',
      target: accountId,
      details: { outcome: outcome.error ? (outcome.reactivated.length > 0 ? 'partial' : 'rejected') : 'accepted', reactivated: outcome.reactivated, pending: outcome.pending, error: outcome.error?.describe() ?? null },
    },
  });
  return outcome;
}
