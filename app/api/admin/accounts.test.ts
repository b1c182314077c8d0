import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type DemoAccountInfo as SandboxAccountInfo, type Sandbox } from '@/lib/sandbox/server';
import { testDataDir } from '@/lib/testing/test-store';


// Managing accounts on the Accounts screen, in AWS mode against the sandbox as "any AWS endpoint":
// the credentials are the management account's, staging comes from WARDEN_ACCOUNTS_FILE, and an
// admin adds production (a role with an ExternalId) and legacy. What an admin adds is synced,
// checked, paused and resumed for real; nothing stored is lost.

let sandbox: Sandbox;
let production: SandboxAccountInfo;
let staging: SandboxAccountInfo;
let legacy: SandboxAccountInfo;
let management: SandboxAccountInfo;
let admin: { cookie: string; name: string };

type Routes = {
  list: typeof import('@/app/api/admin/accounts/route').GET;
  add: typeof import('@/app/api/admin/accounts/route').POST;
  patch: typeof import('@/app/api/admin/accounts/[id]/route').PATCH;
  remove: typeof import('@/app/api/admin/accounts/[id]/route').DELETE;
  check: typeof import('@/app/api/admin/accounts/check/route').POST;
};
let routes: Routes;

before(async () => {
  sandbox = await startSandbox({ port: 0, seed: 23 });
  const find = (name: string) => {
    const a = sandbox.accounts.find((x) => x.name.endsWith(`-${name}`));
    assert.ok(a, `the sandbox has a ${name} account`);
    return a;
  };
  management = sandbox.accounts.find((a) => a.usesBaseCredentials) ?? assert.fail('no base account');
  production = find('production');
  staging = find('staging');
  legacy = find('legacy');
  assert.ok(production.externalId, 'production’s audit role needs an ExternalId');
  const file = join(testDataDir, 'accounts.json');
  writeFileSync(file, JSON.stringify([{ name: 'staging', roleArn: staging.roleArn }]));
  Object.assign(process.env, {
    WARDEN_MODE: 'aws',
    WARDEN_REGIONS: 'us-east-1',
    WARDEN_ACCOUNTS_FILE: file,
    AWS_ACCESS_KEY_ID: sandbox.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: sandbox.credentials.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: sandbox.endpoint,
  });
  const { sessionCookieFor } = await import('@/lib/testing/auth-fixture');
  admin = await sessionCookieFor('admin');
  const collection = await import('@/app/api/admin/accounts/route');
  const one = await import('@/app/api/admin/accounts/[id]/route');
  const check = await import('@/app/api/admin/accounts/check/route');
  routes = { list: collection.GET, add: collection.POST, patch: one.PATCH, remove: one.DELETE, check: check.POST };
});
after(() => sandbox.close());

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const { browserRequest } = await import('@/lib/testing/auth-fixture');
  const request = browserRequest(path, { method, headers: { cookie: admin.cookie }, body });
  const id = /^\/api\/admin\/accounts\/(\d+|[^/]+)$/.exec(path)?.[1];
  let res: Response;
  if (path === '/api/admin/accounts') res = await (method === 'GET' ? routes.list(request) : routes.add(request));
  else if (path === '/api/admin/accounts/check') res = await routes.check(request);
  else if (method === 'DELETE') res = await routes.remove(request, { params: Promise.resolve({ id: id ?? '' }) });
  else res = await routes.patch(request, { params: Promise.resolve({ id: id ?? '' }) });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function listed() {
  const { managedAccountListSchema } = await import('@/lib/accounts/schema');
  const res = await call('GET', '/api/admin/accounts');
  assert.equal(res.status, 200);
  return managedAccountListSchema.parse(res.json);
}

async function sync() {
  const { resolveSyncPlan } = await import('@/lib/sync/plan');
  const { runSync } = await import('@/lib/sync/run-sync');
  return runSync(await resolveSyncPlan(), { trigger: 'cli', sources: ['credential-report', 'organizations'] });
}

describe('accounts', () => {
  test('"check access" reaches a role before it is added, and names the step that fails', async () => {
    const { accountCheckSchema } = await import('@/lib/accounts/schema');
    const good = accountCheckSchema.parse((await call('POST', '/api/admin/accounts/check', { roleArn: production.roleArn, externalId: production.externalId })).json);
    assert.equal(good.ok, true, JSON.stringify(good.steps));
    assert.equal(good.reachedAccountId, production.id);
    assert.deepEqual(
      good.steps.map((s) => s.action),
      ['sts:AssumeRole', 'sts:GetCallerIdentity', 'iam:GetAccountSummary', 'access-analyzer:ListAnalyzers', 'cloudtrail:DescribeTrails', 'organizations:ListPolicies'],
    );

    const wrongId = accountCheckSchema.parse((await call('POST', '/api/admin/accounts/check', { roleArn: production.roleArn, externalId: 'not-the-right-one' })).json);
    assert.equal(wrongId.ok, false);
    assert.equal(wrongId.steps[0]?.status, 'denied');
    assert.match(wrongId.steps[0]?.detail ?? '', /sts:AssumeRole/);
    assert.ok(wrongId.steps.slice(1).every((s) => s.status === 'not-run'), 'nothing is tried in an account that was not reached');

    const unknown = accountCheckSchema.parse((await call('POST', '/api/admin/accounts/check', { roleArn: 'arn:aws:iam::999999999999:role/WardenReadOnly' })).json);
    assert.equal(unknown.steps[0]?.status, 'denied');

    const own = accountCheckSchema.parse((await call('POST', '/api/admin/accounts/check', { accountId: staging.id })).json);
    assert.equal(own.ok, true, 'a configured account is checked with its configured role');
    assert.equal(own.reachedAccountId, staging.id);
  });

  test('bad input names the field; an account already in Warden or in the configuration is refused', async () => {
    const bad = async (body: unknown, pattern: RegExp) => {
      const res = await call('POST', '/api/admin/accounts', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(String(res.json.error), pattern);
    };
    await bad({ name: 'x', roleArn: 'arn:aws:iam::123456789012:user/alice' }, /^roleArn: roleArn must be an IAM role ARN/);
    await bad({ name: '', roleArn: production.roleArn }, /^name: name is required/);
    await bad({ name: 'x', roleArn: production.roleArn, externalId: 'has spaces in it' }, /^externalId:/);
    await bad({ name: 'x', roleArn: production.roleArn, admin: true }, /admin/);
    await bad('not an object', /expected object/i);

    const configured = await call('POST', '/api/admin/accounts', { name: 'staging again', roleArn: staging.roleArn });
    assert.equal(configured.status, 409);
    assert.match(String(configured.json.error), /WARDEN_ACCOUNTS_FILE/);

    const badId = await call('PATCH', '/api/admin/accounts/12ab', { enabled: false });
    assert.equal(badId.status, 400);
    assert.match(String(badId.json.error), /12-digit/);
    const unknownId = await call('PATCH', '/api/admin/accounts/999999999999', { enabled: false });
    assert.equal(unknownId.status, 404);
    const empty = await call('PATCH', `/api/admin/accounts/${staging.id}`, {});
    assert.equal(empty.status, 400);
    assert.match(String(empty.json.error), /nothing to change/);
  });

  test('an added account is synced, listed with who added it, and its ExternalId never leaves the server or enters the log', async () => {
    const { db } = await import('@/lib/db');
    const res = await call('POST', '/api/admin/accounts', { name: '  production  ', roleArn: production.roleArn, externalId: production.externalId, isOwn: true });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    assert.equal(res.json.name, 'production', 'the name is trimmed');
    assert.equal(res.json.origin, 'admin');
    assert.equal(res.json.addedBy, admin.name);
    assert.equal(res.json.externalIdSet, true);
    assert.equal((await call('POST', '/api/admin/accounts', { name: 'twice', roleArn: production.roleArn })).status, 409);

    const before = await listed();
    assert.equal(before.accountsFile, process.env.WARDEN_ACCOUNTS_FILE);
    assert.deepEqual(
      before.accounts.map((a) => [a.name, a.origin, a.synced]).sort(),
      [['production', 'admin', false], ['staging', 'file', false]],
      'the file’s account is listed before its first sync',
    );

    const result = await sync();
    assert.equal(result.status, 'ok');
    assert.deepEqual(result.accounts.map((a) => a.accountId).sort(), [management.id, production.id, staging.id].sort());
    const after = await listed();
    const byId = new Map(after.accounts.map((a) => [a.id, a]));
    assert.equal(byId.get(management.id)?.origin, 'credentials');
    assert.equal(byId.get(production.id)?.origin, 'admin', 'a sync keeps an added account as added');
    assert.equal(byId.get(production.id)?.lastSync.status, 'ok');
    assert.equal(byId.get(production.id)?.synced, true);

    const everything = JSON.stringify(after) + JSON.stringify(await db.auditEvent.findMany());
    assert.equal(everything.includes(production.externalId ?? '∅'), false, 'the ExternalId is neither returned nor logged');
    const added = await db.auditEvent.findFirstOrThrow({ where: { action: 'account.add', target: production.id } });
    assert.equal(added.actor, admin.name);

    const { clientsForAccount } = await import('@/lib/sync/plan');
    const { getCallerIdentity } = await import('@/lib/aws/sts');
    const clients = await clientsForAccount(production.id);
    try {
      assert.equal((await getCallerIdentity(clients)).accountId, production.id, 'triage reaches an added account the way a sync does');
    } finally {
      clients.destroy();
    }
  });

  test('a paused account is not read, keeps everything stored, and is read again when resumed', async () => {
    const { db } = await import('@/lib/db');
    const stored = await db.credentialReportEntry.count({ where: { snapshot: { accountId: staging.id } } });
    assert.ok(stored > 0);
    const paused = await call('PATCH', `/api/admin/accounts/${staging.id}`, { enabled: false });
    assert.equal(paused.status, 200);
    assert.equal(paused.json.enabled, false);
    const runsBefore = await db.syncSourceRun.count({ where: { accountId: staging.id } });

    const result = await sync();
    assert.equal(result.accounts.some((a) => a.accountId === staging.id), false, 'the paused account is not read');
    assert.ok(result.accounts.some((a) => a.accountId === production.id));
    assert.equal(await db.syncSourceRun.count({ where: { accountId: staging.id } }), runsBefore);
    assert.equal(await db.credentialReportEntry.count({ where: { snapshot: { accountId: staging.id } } }), stored, 'nothing stored is lost');
    assert.equal((await db.auditEvent.findFirstOrThrow({ where: { action: 'account.pause', target: staging.id } })).actor, admin.name);
    const { listAccounts } = await import('@/lib/accounts/queries');
    assert.equal((await listAccounts()).accounts.find((a) => a.id === staging.id)?.paused, true, 'every screen can say the account is paused');
    const { evaluateAccountChecklist } = await import('@/lib/checklist/evaluate-account');
    const { getChecklist } = await import('@/lib/checklist/queries');
    await evaluateAccountChecklist(staging.id, null);
    const [checklist] = await getChecklist({ accountId: staging.id });
    assert.equal(checklist?.paused, true, 'the checklist (and /api/checklist for pipelines) says its verdicts judge old data');

    assert.equal((await call('PATCH', `/api/admin/accounts/${staging.id}`, { enabled: true })).status, 200);
    assert.ok((await sync()).accounts.some((a) => a.accountId === staging.id), 'resumed: read again');
  });

  test('a configured account is changed in its configuration; an added one here', async () => {
    const renameFile = await call('PATCH', `/api/admin/accounts/${staging.id}`, { name: 'renamed' });
    assert.equal(renameFile.status, 409);
    assert.match(String(renameFile.json.error), /^name: this account comes from WARDEN_ACCOUNTS_FILE; change it there/);
    const renameOwn = await call('PATCH', `/api/admin/accounts/${management.id}`, { externalId: 'abcdef' });
    assert.equal(renameOwn.status, 409);
    assert.match(String(renameOwn.json.error), /configured credentials' own account/);

    const otherAccount = await call('PATCH', `/api/admin/accounts/${production.id}`, { roleArn: legacy.roleArn });
    assert.equal(otherAccount.status, 400);
    assert.match(String(otherAccount.json.error), /^roleArn: the role must be in account/);

    const renamed = await call('PATCH', `/api/admin/accounts/${production.id}`, { name: 'prod (EU)', isOwn: false });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.json.name, 'prod (EU)');
    assert.equal(renamed.json.isOwn, false);

    // A wrong ExternalId saved by mistake: the next sync cannot reach the account and says why;
    // what was stored before stays.
    assert.equal((await call('PATCH', `/api/admin/accounts/${production.id}`, { externalId: 'wrong-external-id' })).status, 200);
    const failed = await sync();
    assert.equal(failed.status, 'partial');
    const prod = failed.accounts.find((a) => a.accountId === production.id);
    assert.match(prod?.sources['credential-report'].error ?? '', /sts:AssumeRole/);
    const view = (await listed()).accounts.find((a) => a.id === production.id);
    assert.equal(view?.name, 'prod (EU)', 'a sync keeps the name an admin gave');
    assert.equal(view?.lastSync.status, 'failed');
    assert.match(view?.lastSync.error ?? '', /AccessDenied/);
  });

  test('an account taken out of the accounts file is listed as no longer configured, with its data', async () => {
    const file = process.env.WARDEN_ACCOUNTS_FILE ?? assert.fail('accounts file');
    writeFileSync(file, '[]');
    try {
      const staged = (await listed()).accounts.find((a) => a.id === staging.id);
      assert.equal(staged?.noLongerConfigured, true);
      assert.equal(staged?.synced, true);
      assert.equal((await listed()).accounts.find((a) => a.id === production.id)?.noLongerConfigured, false, 'an added account is not in the file by nature');
      const own = (await listed()).accounts.find((a) => a.access === 'credentials');
      assert.ok(own);
      assert.equal(own.noLongerConfigured, false, 'the credentials\' own account is read whatever the file lists');
    } finally {
      writeFileSync(file, JSON.stringify([{ name: 'staging', roleArn: staging.roleArn }]));
    }
    assert.equal((await listed()).accounts.find((a) => a.id === staging.id)?.noLongerConfigured, false);
  });

  test('an account organization discovery recorded is listed with its OU, status and why it is not read; it is changed in the organization', async () => {
    const { db } = await import('@/lib/db');
    const id = '210987654321';
    await db.account.create({
      data: { id, name: 'acme-closing', access: 'assume-role', managedBy: 'organization', regions: [], ouPath: 'Root/Workloads', orgStatus: 'SUSPENDED', exclusion: 'suspended in the organization' },
    });
    await db.account.update({ where: { id: staging.id }, data: { lastReachError: 'the member role arn:aws:iam::1:role/X is missing in this account or does not trust Warden (AccessDenied)' } });
    try {
      const accounts = (await listed()).accounts;
      const closing = accounts.find((a) => a.id === id);
      assert.deepEqual(
        [closing?.origin, closing?.ouPath, closing?.orgStatus, closing?.exclusion, closing?.synced, closing?.lastSync.status],
        ['organization', 'Root/Workloads', 'SUSPENDED', 'suspended in the organization', false, null],
      );
      assert.match(accounts.find((a) => a.id === staging.id)?.lastReachError ?? '', /member role .* is missing/);
      assert.notEqual(accounts.find((a) => a.id === staging.id)?.lastSync.status ?? null, null, 'the last sync of every account comes with the list');
      const rename = await call('PATCH', `/api/admin/accounts/${id}`, { name: 'renamed' });
      assert.equal(rename.status, 409);
      assert.match(String(rename.json.error), /organization discovery/);
      assert.equal((await call('DELETE', `/api/admin/accounts/${id}`)).status, 409);
    } finally {
      await db.account.delete({ where: { id } });
      await db.account.update({ where: { id: staging.id }, data: { lastReachError: null } });
    }
  });

  test('only an added account that was never synced can be removed; the removal is recorded', async () => {
    const { db } = await import('@/lib/db');
    const synced = await call('DELETE', `/api/admin/accounts/${production.id}`);
    assert.equal(synced.status, 409);
    assert.match(String(synced.json.error), /pause it instead/);
    assert.equal((await call('DELETE', `/api/admin/accounts/${staging.id}`)).status, 409);

    assert.equal((await call('POST', '/api/admin/accounts', { name: 'legacy', roleArn: legacy.roleArn, externalId: legacy.externalId ?? undefined })).status, 201);
    const removed = await call('DELETE', `/api/admin/accounts/${legacy.id}`);
    assert.equal(removed.status, 204);
    assert.equal(await db.account.count({ where: { id: legacy.id } }), 0);
    assert.equal((await db.auditEvent.findFirstOrThrow({ where: { action: 'account.remove', target: legacy.id } })).actor, admin.name);
  });
});
