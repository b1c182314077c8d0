import '@/lib/testing/test-store';
import { currentTime } from '@/lib/clock';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { GetFindingV2Command } from '@aws-sdk/client-accessanalyzer';
import { startDemoFixture, type DemoFixture } from '@/lib/testing/demo-sync';
import { clientsForAccount, destroyClients } from '@/lib/sandbox/test-clients';
import { db } from '@/lib/db';
import { analyzerAccountOf } from '@/lib/sync/diff/access-analyzer';
import { POST as statusRoute } from '@/app/api/findings/status/route';
import { GET as listRoute } from '@/app/api/findings/route';
import { GET as auditRoute } from '@/app/api/findings/audit/route';
import { GET as detailRoute } from '@/app/api/findings/[key]/route';
import { auditResponseSchema, findingDetailResponseSchema, findingListResponseSchema, triageResultSchema, type FindingRow } from '@/lib/findings/schema';
import { clientsForAccount as wardenClientsForAccount } from '@/lib/sync/plan';
import { reactivateExpiredArchives } from '@/lib/findings/triage';
import { acquireSyncLock, releaseSyncLock } from '@/lib/sync/lock';
import { DAY_MS } from '@/lib/dates';

// POST /api/findings/status: the change is made in AWS (the sandbox, through the real SDK) first;
// only what AWS accepted is recorded, with who, when and why.

let fixture: DemoFixture;

before(async () => {
  fixture = await startDemoFixture({ seed: 62 });
  const run = await fixture.sync();
  assert.notEqual(run.status, 'failed');
});

after(async () => {
  await fixture.close();
});

beforeEach(() => fixture.sandbox.clearFaults());

const post = (body: unknown) => statusRoute(new Request('http://localhost/api/findings/status', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }));

async function findings(qs: string): Promise<FindingRow[]> {
  const res = await listRoute(new Request(`http://localhost/api/findings${qs}`));
  assert.equal(res.status, 200);
  return findingListResponseSchema.parse(await res.json()).findings;
}

/** The finding's status as AWS (the sandbox) reports it, read with a real SDK client in its analyzer's account. */
async function awsStatus(f: FindingRow): Promise<string | undefined> {
  const account = fixture.sandbox.accounts.find((a) => a.id === analyzerAccountOf(f.analyzerArn));
  assert.ok(account);
  const clients = await clientsForAccount(fixture.sandbox, account.name, { region: f.region });
  try {
    const res = await clients.accessAnalyzer.send(new GetFindingV2Command({ analyzerArn: f.analyzerArn, id: f.id }));
    return res.status;
  } finally {
    destroyClients(clients);
  }
}

async function localStatus(key: string) {
  return db.finding.findUniqueOrThrow({ where: { key }, select: { status: true, archiveExpiresAt: true } });
}

/** The newest checklist evaluation of item 17 (active findings) for the account. */
async function newestFindingsVerdict(accountId: string): Promise<{ summary: string; evidenceIds: string[] }> {
  const run = await db.checklistRun.findFirstOrThrow({ where: { accountId }, orderBy: { evaluatedAt: 'desc' }, include: { verdicts: { where: { slug: 'access-analyzer-findings' } } } });
  const v = run.verdicts[0];
  assert.ok(v);
  const evidence = Array.isArray(v.evidence) ? (v.evidence as { id?: unknown }[]) : [];
  return { summary: v.summary, evidenceIds: evidence.map((e) => String(e.id)) };
}

async function errorOf(res: Response): Promise<string> {
  const body = (await res.json()) as { error?: unknown };
  assert.equal(typeof body.error, 'string');
  return String(body.error);
}

describe('archive and re-activate', () => {
  test('archive: AWS has it ARCHIVED, the store records status, reason, actor and an audit event', async () => {
    const [f] = await findings('?type=ExternalAccess&pageSize=1');
    assert.ok(f);
    assert.equal(await awsStatus(f), 'ACTIVE');
    const auditBefore = await db.auditEvent.count({ where: { action: 'finding.archive' } });

    assert.ok((await newestFindingsVerdict(f.accountId)).evidenceIds.includes(f.key), 'before: the active finding is evidence of item 17');
    const res = await post({ action: 'archive', keys: [f.key], reason: 'Intended: vendor read access to the static bucket (ticket SEC-101)' });
    assert.equal(res.status, 200, await res.clone().text());
    const result = triageResultSchema.parse(await res.json());
    assert.deepEqual(result.accepted, [f.key]);
    assert.deepEqual(result.rejected, []);

    assert.equal(await awsStatus(f), 'ARCHIVED');
    assert.equal((await localStatus(f.key)).status, 'ARCHIVED');

    const detail = findingDetailResponseSchema.parse(
      await (await detailRoute(new Request(`http://localhost/api/findings/${encodeURIComponent(f.key)}`), { params: Promise.resolve({ key: encodeURIComponent(f.key) }) })).json(),
    );
    assert.equal(detail.triage.length, 1);
    assert.equal(detail.triage[0]?.action, 'archive');
    assert.equal(detail.triage[0]?.reason, 'Intended: vendor read access to the static bucket (ticket SEC-101)');
    assert.equal(detail.triage[0]?.actor, 'demo-admin');
    assert.equal(detail.triage[0]?.fromStatus, 'ACTIVE');
    assert.equal(detail.triage[0]?.toStatus, 'ARCHIVED');

    const audit = auditResponseSchema.parse(await (await auditRoute(new Request(`http://localhost/api/findings/audit?action=archive&finding=${encodeURIComponent(f.key)}`))).json());
    assert.equal(audit.total, 1);
    assert.equal(audit.entries[0]?.reason, 'Intended: vendor read access to the static bucket (ticket SEC-101)');
    assert.ok(audit.actors.includes('demo-admin'));
    assert.equal(await db.auditEvent.count({ where: { action: 'finding.archive' } }), auditBefore + 1);
    // ?ou= as on the list: the OU of the finding's account (or one above it) keeps the action, another OU does not.
    const ouPath = (await db.account.findUniqueOrThrow({ where: { id: f.accountId } })).ouPath;
    assert.ok(ouPath, 'the demo accounts sit in OUs');
    const inOu = async (ou: string) => auditResponseSchema.parse(await (await auditRoute(new Request(`http://localhost/api/findings/audit?action=archive&ou=${encodeURIComponent(ou)}`))).json());
    assert.ok((await inOu(ouPath)).entries.some((e) => e.findingKey === f.key));
    assert.ok((await inOu('Root')).entries.some((e) => e.findingKey === f.key), 'an OU takes in its sub-OUs');
    const elsewhere = await inOu(`${ouPath}-elsewhere`);
    assert.deepEqual([elsewhere.total, elsewhere.actors], [0, []]);
    const badOu = await auditRoute(new Request('http://localhost/api/findings/audit?ou=Root//x'));
    assert.equal(badOu.status, 400);
    assert.match(((await badOu.json()) as { error: string }).error, /^ou: /);

    // Archived findings no longer count as open: not in the list, and not in the account's checklist.
    assert.ok(!(await findings('?pageSize=200')).some((x) => x.key === f.key));
    const verdict = await newestFindingsVerdict(f.accountId);
    assert.ok(!verdict.evidenceIds.includes(f.key), 'the archived finding is no evidence of an open finding');
    assert.match(verdict.summary, /archived/);

    // Re-activate it.
    const back = await post({ action: 'unarchive', keys: [f.key], reason: 'Vendor contract ended' });
    assert.equal(back.status, 200, await back.clone().text());
    assert.equal(await awsStatus(f), 'ACTIVE');
    assert.equal((await localStatus(f.key)).status, 'ACTIVE');
    const trail = await db.findingTriage.findMany({ where: { findingKey: f.key }, orderBy: { at: 'asc' } });
    assert.deepEqual(
      trail.map((t) => [t.action, t.fromStatus, t.toStatus, t.reason]),
      [
        ['archive', 'ACTIVE', 'ARCHIVED', 'Intended: vendor read access to the static bucket (ticket SEC-101)'],
        ['unarchive', 'ARCHIVED', 'ACTIVE', 'Vendor contract ended'],
      ],
    );
  });

  test('a selection across accounts and analyzers is archived per analyzer', async () => {
    const active = await findings('?pageSize=200');
    const byAccount = new Map<string, FindingRow>();
    for (const f of active) if (!byAccount.has(f.analyzerArn)) byAccount.set(f.analyzerArn, f);
    const picked = [...byAccount.values()].slice(0, 4);
    assert.ok(new Set(picked.map((f) => f.accountId)).size >= 2, 'the selection spans accounts');
    const res = await post({ action: 'archive', keys: picked.map((f) => f.key), reason: 'Bulk triage' });
    assert.equal(res.status, 200, await res.clone().text());
    const result = triageResultSchema.parse(await res.json());
    assert.equal(result.accepted.length, picked.length);
    assert.equal(result.groups.length, picked.length);
    for (const f of picked) assert.equal(await awsStatus(f), 'ARCHIVED');
    const back = await post({ action: 'unarchive', keys: picked.map((f) => f.key), reason: 'Undo bulk triage' });
    assert.equal(back.status, 200);
    for (const f of picked) assert.equal(await awsStatus(f), 'ACTIVE');
  });
});

describe('AWS rejects', () => {
  test('a denied UpdateFindings returns AWS message and changes nothing locally', async () => {
    const [f] = await findings('?type=UnusedIAMRole&pageSize=1');
    assert.ok(f);
    const triageBefore = await db.findingTriage.count();
    fixture.sandbox.setFault({ operation: 'access-analyzer:UpdateFindings', kind: 'deny' });
    const res = await post({ action: 'archive', keys: [f.key], reason: 'Should not stick' });
    assert.equal(res.status, 502);
    const error = await errorOf(res);
    assert.match(error, /Nothing was changed: the archive of 1 finding was refused\./);
    assert.match(error, /access-analyzer:UpdateFindings/);
    assert.match(error, /AccessDenied/);
    assert.match(error, /not authorized to perform: access-analyzer:UpdateFindings/);
    assert.equal((await localStatus(f.key)).status, 'ACTIVE');
    assert.equal(await db.findingTriage.count(), triageBefore);
    fixture.sandbox.clearFaults();
    assert.equal(await awsStatus(f), 'ACTIVE');
    // The attempt itself is in the audit log.
    const attempt = await db.auditEvent.findFirst({ where: { action: 'finding.archive' }, orderBy: { at: 'desc' } });
    assert.equal((attempt?.details as { outcome?: string } | undefined)?.outcome, 'rejected');
  });

  test('when one account denies, the other account is archived and only it is recorded', async () => {
    const active = await findings('?pageSize=200');
    // Warden archives in the analyzer's account (an organization analyzer's: the administrator's).
    const actingAccount = (f: { analyzerArn: string }) => analyzerAccountOf(f.analyzerArn) ?? '';
    const [a, b] = [...new Map(active.map((f) => [actingAccount(f), f])).values()];
    assert.ok(a && b);
    fixture.sandbox.setFault({ operation: 'access-analyzer:UpdateFindings', kind: 'deny', accountId: actingAccount(b) });
    const res = await post({ action: 'archive', keys: [a.key, b.key], reason: 'Partly allowed' });
    assert.equal(res.status, 502);
    const body = (await res.json()) as { error: string; result: unknown };
    assert.match(body.error, /1 of 2 findings were archived; the other 1 was refused and did not change\./);
    assert.match(body.error, new RegExp(`account ${actingAccount(b)}, .*AccessDenied`));
    const result = triageResultSchema.parse(body.result);
    assert.deepEqual(result.accepted, [a.key]);
    assert.deepEqual(result.rejected, [b.key]);
    fixture.sandbox.clearFaults();
    assert.equal(await awsStatus(a), 'ARCHIVED');
    assert.equal(await awsStatus(b), 'ACTIVE');
    assert.equal((await localStatus(a.key)).status, 'ARCHIVED');
    assert.equal((await localStatus(b.key)).status, 'ACTIVE');
    assert.equal(await db.findingTriage.count({ where: { findingKey: b.key } }), 0);
    assert.equal((await post({ action: 'unarchive', keys: [a.key], reason: 'Reset' })).status, 200);
  });
});

describe('an account Warden cannot reach', () => {
  test('is named in the answer, and nothing is recorded', async () => {
    const now = currentTime();
    const accountId = '999999999999';
    const analyzerArn = `arn:aws:access-analyzer:us-east-1:${accountId}:analyzer/gone`;
    await db.account.create({ data: { id: accountId, name: 'removed-account', access: 'assume-role', roleArn: `arn:aws:iam::${accountId}:role/WardenAuditRole`, regions: ['us-east-1'] } });
    await db.analyzer.create({ data: { arn: analyzerArn, accountId, region: 'us-east-1', name: 'gone', type: 'ACCOUNT', status: 'ACTIVE', createdAt: now, lastSeenAt: now } });
    const key = `${analyzerArn}/11111111-1111-4111-8111-111111111111`;
    await db.finding.create({
      data: { key, id: '11111111-1111-4111-8111-111111111111', analyzerArn, accountId, region: 'us-east-1', findingType: 'ExternalAccess', resourceType: 'AWS::S3::Bucket', resource: 'arn:aws:s3:::gone', resourceOwnerAccount: accountId, status: 'ACTIVE', createdAt: now, updatedAt: now, analyzedAt: now, lastSeenAt: now },
    });
    const res = await post({ action: 'archive', keys: [key], reason: 'Cannot reach' });
    assert.equal(res.status, 502);
    const error = await errorOf(res);
    assert.match(error, /account 999999999999, us-east-1, analyzer gone \(1 finding\): Warden could not act in the account — sts:AssumeRole: AccountNotConfigured/);
    assert.equal((await localStatus(key)).status, 'ACTIVE');
    assert.equal(await db.findingTriage.count({ where: { findingKey: key } }), 0);
    await db.account.delete({ where: { id: accountId } });
  });
});

describe('a running sync', () => {
  test('of the finding\'s account makes the archive wait: 409 and nothing changed', async () => {
    const [f] = await findings('?type=ExternalAccess&pageSize=1');
    assert.ok(f);
    assert.ok(await acquireSyncLock(f.accountId, 'test-sync'));
    try {
      const res = await post({ action: 'archive', keys: [f.key], reason: 'During a sync' });
      assert.equal(res.status, 409);
      assert.match(await errorOf(res), new RegExp(`sync of account ${f.accountId} is reading its findings`));
      assert.equal(await awsStatus(f), 'ACTIVE');
      assert.equal((await localStatus(f.key)).status, 'ACTIVE');
    } finally {
      await releaseSyncLock(f.accountId, 'test-sync');
    }
    // Once the sync is done the archive goes through, and the triage leaves no lock behind.
    assert.equal((await post({ action: 'archive', keys: [f.key], reason: 'After the sync' })).status, 200);
    assert.ok(await acquireSyncLock(f.accountId, 'test-sync'));
    await releaseSyncLock(f.accountId, 'test-sync');
    assert.equal((await post({ action: 'unarchive', keys: [f.key], reason: 'Reset' })).status, 200);
  });
});

describe('bad input', () => {
  test('is answered 400/404 with a message naming the problem', async () => {
    const [active] = await findings('?pageSize=1');
    const [resolved] = await findings('?status=RESOLVED&pageSize=1');
    const [archived] = await findings('?status=ARCHIVED&pageSize=1');
    assert.ok(active && resolved && archived);
    const cases: [unknown, number, RegExp][] = [
      [{ action: 'archive', keys: [active.key], reason: '' }, 400, /reason: is required/],
      [{ action: 'archive', keys: [active.key], reason: '   ' }, 400, /reason: is required/],
      [{ action: 'archive', keys: [active.key] }, 400, /reason: is required/],
      [{ action: 'archive', keys: [active.key], reason: 'x'.repeat(1001) }, 400, /reason: must be at most 1000 characters/],
      [{ action: 'archive', keys: [], reason: 'r' }, 400, /keys: must name at least one finding/],
      [{ action: 'archive', keys: 'all', reason: 'r' }, 400, /keys: must be a list of finding keys/],
      [{ action: 'archive', keys: [42], reason: 'r' }, 400, /keys\.0:/],
      [{ action: 'archive', keys: Array.from({ length: 1001 }, () => active.key), reason: 'r' }, 400, /keys: must name at most 1000 findings/],
      [{ action: 'delete', keys: [active.key], reason: 'r' }, 400, /action: must be archive or unarchive/],
      [{ action: 'archive', keys: [resolved.key], reason: 'r' }, 400, /RESOLVED findings cannot be archived/],
      [{ action: 'unarchive', keys: [resolved.key], reason: 'r' }, 400, /RESOLVED findings cannot be re-activated/],
      [{ action: 'archive', keys: [archived.key], reason: 'r' }, 400, /only ACTIVE findings can be archived/],
      [{ action: 'unarchive', keys: [active.key], reason: 'r' }, 400, /only ARCHIVED findings can be re-activated/],
      [{ action: 'archive', keys: [active.key], reason: 'r', expiresAt: '2020-01-01T00:00:00Z' }, 400, /expiresAt: must be in the future/],
      [{ action: 'archive', keys: [active.key], reason: 'r', expiresAt: 'next week' }, 400, /expiresAt: must be an ISO 8601 date-time/],
      [{ action: 'unarchive', keys: [archived.key], reason: 'r', expiresAt: '2099-01-01T00:00:00Z' }, 400, /expiresAt: only an archive can expire/],
      [{ action: 'archive', keys: [active.key], reason: 'r', note: 'extra' }, 400, /note/],
      [{ action: 'archive', keys: [`${active.analyzerArn}/00000000-0000-4000-8000-000000000000`], reason: 'r' }, 404, /keys: finding not known to Warden/],
    ];
    for (const [body, status, message] of cases) {
      const res = await post(body);
      assert.equal(res.status, status, JSON.stringify(body).slice(0, 120));
      assert.match(await errorOf(res), message, JSON.stringify(body).slice(0, 120));
    }
    const notJson = await statusRoute(new Request('http://localhost/api/findings/status', { method: 'POST', body: '{oops' }));
    assert.equal(notJson.status, 400);
    assert.match(await errorOf(notJson), /not valid JSON/);
    // Nothing of the above reached AWS or the store.
    assert.equal(await awsStatus(active), 'ACTIVE');
    assert.equal((await localStatus(resolved.key)).status, 'RESOLVED');
  });
});

describe('expiry', () => {
  test('an expired archive is re-activated in AWS on the next sync and recorded as "expire"', async () => {
    const [f] = await findings('?type=UnusedIAMUserPassword&pageSize=1');
    assert.ok(f);
    const expiresAt = new Date(currentTime().getTime() + 7 * DAY_MS);
    const res = await post({ action: 'archive', keys: [f.key], reason: 'Owner on leave until next week', expiresAt: expiresAt.toISOString() });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await localStatus(f.key)).archiveExpiresAt?.toISOString(), expiresAt.toISOString());
    assert.equal(await awsStatus(f), 'ARCHIVED');

    // A sync before the expiry leaves it archived.
    await fixture.sync({ now: new Date(expiresAt.getTime() - DAY_MS), sources: ['access-analyzer'] });
    assert.equal(await awsStatus(f), 'ARCHIVED');
    assert.equal((await localStatus(f.key)).status, 'ARCHIVED');

    // The first sync after it re-activates the finding in AWS and records that Warden did.
    const run = await fixture.sync({ now: new Date(expiresAt.getTime() + 60_000), sources: ['access-analyzer'] });
    assert.equal(run.status, 'ok');
    assert.equal(await awsStatus(f), 'ACTIVE');
    const local = await localStatus(f.key);
    assert.equal(local.status, 'ACTIVE');
    assert.equal(local.archiveExpiresAt, null);
    const expire = await db.findingTriage.findFirst({ where: { findingKey: f.key, action: 'expire' } });
    assert.ok(expire);
    assert.equal(expire.actor, 'warden');
    assert.equal(expire.fromStatus, 'ARCHIVED');
    assert.equal(expire.toStatus, 'ACTIVE');
    assert.match(expire.reason, /archive by demo-admin .* expired .*Owner on leave until next week/);
  });

  test('reactivateExpiredArchives: a denied re-activation keeps the archive and is retried', async () => {
    const [f] = await findings('?type=UnusedIAMUserAccessKey&pageSize=1');
    assert.ok(f);
    const expiresAt = new Date(currentTime().getTime() + DAY_MS);
    assert.equal((await post({ action: 'archive', keys: [f.key], reason: 'Key rotation planned', expiresAt: expiresAt.toISOString() })).status, 200);
    const account = fixture.sandbox.accounts.find((a) => a.id === f.accountId);
    assert.ok(account);
    const later = new Date(expiresAt.getTime() + 1000);

    // Clients for the finding's account, reached the way a sync reaches it.
    const clients = await wardenClientsForAccount(f.accountId);
    try {
      fixture.sandbox.setFault({ operation: 'access-analyzer:UpdateFindings', kind: 'deny' });
      const denied = await reactivateExpiredArchives(f.accountId, clients, later);
      assert.equal(denied.error?.kind, 'access-denied');
      assert.deepEqual(denied.reactivated, []);
      assert.ok(denied.pending.includes(f.key));
      assert.equal((await localStatus(f.key)).status, 'ARCHIVED');
      fixture.sandbox.clearFaults();
      assert.equal(await awsStatus(f), 'ARCHIVED');

      const early = await reactivateExpiredArchives(f.accountId, clients, new Date(expiresAt.getTime() - 1000));
      assert.deepEqual(early.reactivated, []);

      const ok = await reactivateExpiredArchives(f.accountId, clients, later);
      assert.equal(ok.error, null);
      assert.deepEqual(ok.reactivated, [f.key]);
      assert.equal(await awsStatus(f), 'ACTIVE');
    } finally {
      clients.destroy();
    }
  });
});
