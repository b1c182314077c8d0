import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { evaluateAccountChecklist } from '@/lib/checklist/evaluate-account';
import { db } from '@/lib/db';
import { demoPlan, registerDemoSandbox } from '@/lib/demo/runtime';
import { listFindings } from '@/lib/findings/queries';
import { findingListQuerySchema } from '@/lib/findings/schema';
import { triageFindings } from '@/lib/findings/triage';
import { startSandbox, type Sandbox } from '@/lib/sandbox/server';
import { analyzerAccountOf } from '@/lib/sync/diff/access-analyzer';
import { runSync, type SyncProgress } from '@/lib/sync/run-sync';
import type { SyncPlan } from '@/lib/sync/types';

// Organization discovery against the sandbox with the real SDK: every member found with its OU
// path and read through the member role; an account added to or removed from the organization
// between syncs; a member role missing; suspended and excluded accounts; the organization
// analyzer's findings shown under their members and archived through the administrator.

let sandbox: Sandbox;
let plan: SyncPlan;
const progress: SyncProgress[] = [];

async function sync(changes: Partial<NonNullable<SyncPlan['organization']>> = {}) {
  progress.length = 0;
  sandbox.advanceClock(60_000);
  const organization = { ...plan.organization!, ...changes };
  return runSync({ ...plan, organization }, {
    trigger: 'cli',
    now: sandbox.now(),
    onProgress: (p) => progress.push(p),
    afterAccount: (accountId, runId) => evaluateAccountChecklist(accountId, runId),
    options: { cloudTrailRequestsPerSecond: 1000 },
  });
}

/** The account as the organization describes it; null for a standalone account (not in it). */
function member(id: string) {
  const a = sandbox.state.accounts.find((x) => x.id === id);
  if (!a || a.role === 'standalone') return null;
  try {
    return sandbox.organizationMember(id);
  } catch {
    return null;
  }
}
const readInRun = (runId: string, accountId: string) => db.syncSourceRun.count({ where: { runId, accountId, status: 'ok' } });

before(async () => {
  sandbox = await startSandbox({ port: 0, seed: 23, organization: { accounts: 16, largeAccounts: 0 } });
  registerDemoSandbox(sandbox);
  const info = sandbox.organization;
  assert.ok(info);
  plan = { ...demoPlan(sandbox), organization: { memberRoleName: info.memberRoleName, externalId: info.memberRoleExternalId, excludedAccounts: [], excludedOus: [] } };
});
after(async () => {
  await sandbox.close();
});

describe('a first sync of an organization', () => {
  let runId: string;
  before(async () => {
    const result = await sync();
    runId = result.runId;
    assert.notEqual(result.status, 'ok', 'a member without the role makes the run partial, never ok');
  });

  test('finds every account with its OU path and reads every active member through the member role', async () => {
    const discovery = progress.find((p) => p.type === 'discovery');
    assert.equal(discovery?.type === 'discovery' && discovery.status, 'ok');
    const members = sandbox.state.accounts.filter((a) => member(a.id) !== null);
    assert.ok(members.length >= 16);
    for (const a of members) {
      const m = member(a.id)!;
      const row = await db.account.findUniqueOrThrow({ where: { id: a.id } });
      assert.equal(row.ouPath, m.ouPath, `${a.name} OU path`);
      assert.equal(row.orgStatus, m.status, `${a.name} status`);
      if (m.status === 'ACTIVE' && m.hasMemberRole) assert.equal(await readInRun(runId, a.id), 5, `${a.name} read`);
    }
  });

  test('a member without the role is shown as unreachable with the reason, and nothing of it passes', async () => {
    const missing = sandbox.state.accounts.find((a) => member(a.id)?.status === 'ACTIVE' && member(a.id)?.hasMemberRole === false);
    assert.ok(missing, 'the sandbox generates a member without the role');
    const row = await db.account.findUniqueOrThrow({ where: { id: missing.id } });
    assert.match(row.lastReachError ?? '', /member role .*WardenAuditRole.* missing in this account or does not trust Warden/);
    assert.equal(await readInRun(runId, missing.id), 0);
    const verdicts = await db.checklistVerdict.findMany({ where: { checklistRun: { accountId: missing.id } } });
    assert.ok(verdicts.length > 0, 'its checklist is evaluated');
    assert.ok(verdicts.every((v) => v.verdict !== 'pass'), 'no pass on data never read');
  });

  test('suspended and closing accounts are listed with their state, not read', async () => {
    for (const status of ['SUSPENDED', 'PENDING_CLOSURE']) {
      const a = sandbox.state.accounts.find((x) => member(x.id)?.status === status);
      assert.ok(a, status);
      const row = await db.account.findUniqueOrThrow({ where: { id: a.id } });
      assert.equal(row.orgStatus, status);
      assert.match(row.exclusion ?? '', /in the organization$/);
      assert.equal(await db.syncSourceRun.count({ where: { runId, accountId: a.id } }), 0);
    }
  });

  test('the organization analyzer\'s findings are shown under their members, and a resource reported twice counts once', async () => {
    const info = sandbox.organization!;
    const orgArns = Object.values(info.organizationAnalyzerArns);
    const orgFindings = await db.finding.findMany({ where: { analyzerArn: { in: orgArns } } });
    assert.ok(orgFindings.length > 0);
    assert.ok(orgFindings.every((f) => f.accountId === f.resourceOwnerAccount), 'under the owner');
    const duplicates = await db.finding.findMany({ where: { duplicateOf: { not: null } } });
    assert.ok(duplicates.length > 0, 'members with their own analyzer report some resources again');
    for (const d of duplicates) {
      const original = await db.finding.findUniqueOrThrow({ where: { key: d.duplicateOf! }, include: { analyzer: true } });
      assert.equal(original.resource, d.resource);
      assert.equal(original.analyzer.type, 'ORGANIZATION', 'the finding kept is an organization analyzer\'s');
    }
    const owner = duplicates[0]!.accountId;
    const list = await listFindings(findingListQuerySchema.parse({ account: owner, status: 'all', pageSize: 200 }));
    const resources = list.findings.map((f) => `${f.resource}|${f.findingType}`);
    assert.equal(new Set(resources).size, resources.length, 'each resource once in the list');
  });

  test('archiving an organization analyzer\'s finding acts through the administrator account', async () => {
    const info = sandbox.organization!;
    const f = await db.finding.findFirstOrThrow({ where: { analyzerArn: { in: Object.values(info.organizationAnalyzerArns) }, status: 'ACTIVE', NOT: { accountId: info.analyzerAdministratorAccountId! } } });
    assert.notEqual(f.accountId, info.analyzerAdministratorAccountId);
    const result = await triageFindings({ action: 'archive', keys: [f.key], reason: 'Accepted: shared with the partner on purpose' }, 'tester', sandbox.now());
    assert.deepEqual(result.accepted, [f.key]);
    assert.equal(result.groups[0]?.accountId, analyzerAccountOf(f.analyzerArn));
    // AWS's side: the administrator's organization analyzer holds the finding, now archived.
    const admin = sandbox.state.accounts.find((a) => a.id === info.analyzerAdministratorAccountId);
    assert.equal(admin?.findings.find((x) => x.id === f.id && x.analyzerArn === f.analyzerArn)?.status, 'ARCHIVED');
    assert.equal((await db.finding.findUniqueOrThrow({ where: { key: f.key } })).status, 'ARCHIVED');
  });
});

describe('the organization changes between syncs', () => {
  test('an added account is read at the next sync; a removed one is marked and keeps its data', async () => {
    const added = sandbox.addMemberAccount({ name: 'acme-new-team', ouPath: 'Workloads' });
    const leaving = sandbox.state.accounts.find((a) => {
      const m = member(a.id);
      return m !== null && m.status === 'ACTIVE' && m.hasMemberRole && a.role === 'member' && !sandbox.accounts.some((d) => d.id === a.id) && a.id !== sandbox.organization!.analyzerAdministratorAccountId;
    });
    assert.ok(leaving);
    const keptSnapshots = await db.snapshot.count({ where: { accountId: leaving.id } });
    assert.ok(keptSnapshots > 0);
    sandbox.removeAccountFromOrganization(leaving.id);
    const result = await sync();
    assert.equal(await readInRun(result.runId, added.id), 5, 'the new account is read');
    assert.equal((await db.account.findUniqueOrThrow({ where: { id: added.id } })).ouPath, added.ouPath);
    const gone = await db.account.findUniqueOrThrow({ where: { id: leaving.id } });
    assert.equal(gone.orgStatus, 'REMOVED');
    assert.equal(gone.exclusion, 'no longer in the organization');
    assert.equal(await readInRun(result.runId, leaving.id), 0);
    assert.equal(await db.snapshot.count({ where: { accountId: leaving.id } }), keptSnapshots, 'its data stays');
  });

  test('a member role deleted since the last sync makes the account unreachable, named as such', async () => {
    const victim = sandbox.state.accounts.find((a) => {
      const m = member(a.id);
      return m !== null && m.status === 'ACTIVE' && m.hasMemberRole && !sandbox.accounts.some((d) => d.id === a.id) && a.id !== sandbox.organization!.analyzerAdministratorAccountId;
    });
    assert.ok(victim);
    sandbox.deleteMemberRole(victim.id);
    const result = await sync();
    assert.equal(await readInRun(result.runId, victim.id), 0);
    assert.match((await db.account.findUniqueOrThrow({ where: { id: victim.id } })).lastReachError ?? '', /missing in this account/);
  });

  test('accounts excluded by id or by OU are not read, and say why', async () => {
    const candidates = sandbox.state.accounts.filter((a) => {
      const m = member(a.id);
      return m !== null && m.status === 'ACTIVE' && m.hasMemberRole && !sandbox.accounts.some((d) => d.id === a.id) && m.parentId.startsWith('ou-');
    });
    const [byId, inOu] = candidates;
    assert.ok(byId && inOu);
    const ou = member(inOu.id)!.parentId;
    const result = await sync({ excludedAccounts: [byId.id], excludedOus: [ou] });
    assert.equal((await db.account.findUniqueOrThrow({ where: { id: byId.id } })).exclusion, 'excluded by its account id');
    if (member(byId.id)!.parentId !== ou) assert.equal(await readInRun(result.runId, byId.id), 0);
    assert.equal((await db.account.findUniqueOrThrow({ where: { id: inOu.id } })).exclusion, `excluded with ${ou}`);
    assert.equal(await readInRun(result.runId, inOu.id), 0);
    // Back in: read again.
    const back = await sync();
    assert.equal(await readInRun(back.runId, inOu.id), 5);
    assert.equal((await db.account.findUniqueOrThrow({ where: { id: inOu.id } })).exclusion, null);
  });
});
