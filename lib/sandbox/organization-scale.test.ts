import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';

import { ListFindingsV2Command } from '@aws-sdk/client-accessanalyzer';
import { paginateListAccounts, paginateListOrganizationalUnitsForParent, type Account } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';

import { generateDemoState } from './generate';
import { LARGE_MEMBER_SCALE } from './generate-organization';
import type { AccountState, SandboxState } from './model';
import { startSandbox, type Sandbox } from './server';
import { destroyClients, sandboxClients, type SandboxClients } from './test-clients';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// The organization scale knob at 1,000 members: counts and structure only, no timing assertions
// (scripts/bench-sandbox.ts --accounts 1000 times it).

const NOW = new Date('2025-06-15T12:00:00Z');
const OPTIONS = { accounts: 1000 } as const;

let sandbox: Sandbox;
let base: SandboxClients;

before(async () => {
  sandbox = await startSandbox({ port: 0, seed: 4242, now: NOW, organization: OPTIONS });
  base = sandboxClients(sandbox);
});

after(async () => {
  destroyClients(base);
  await sandbox.close();
});

const generated = (): AccountState[] => sandbox.state.accounts.filter((a) => !a.handConfigured);
const eventCount = (a: AccountState) => Object.values(a.events).reduce((n, list) => n + list.length, 0);

function digest(state: SandboxState): string {
  const accounts = state.accounts.map((a) => [a.id, a.name, a.membership?.parentId, a.membership?.status, a.users.length, a.roles.length, a.findings.length, eventCount(a)]);
  return createHash('sha256').update(JSON.stringify([accounts, state.organization.organizationalUnits])).digest('hex');
}

test('1,000 generated members beside the demo accounts; the demo plan still names four accounts', () => {
  assert.equal(generated().length, 1000);
  assert.equal(new Set(sandbox.state.accounts.map((a) => a.id)).size, sandbox.state.accounts.length, 'account ids are unique');
  assert.equal(new Set(sandbox.state.accounts.map((a) => a.name)).size, sandbox.state.accounts.length, 'account names are unique');
  assert.equal(sandbox.accounts.length, 4);
  assert.equal(sandbox.organization?.accountCount, 1003);
  assert.ok(generated().every((a) => a.membership !== null && a.role === 'member'));
});

test('the same seed and clock build the same organization', () => {
  assert.equal(digest(generateDemoState({ seed: 4242, now: NOW, organization: OPTIONS })), digest(sandbox.state));
});

test('ListAccounts pages through all 1,003 accounts, 20 at a time; the tree has 30 OUs four levels deep', async () => {
  const accounts: Account[] = [];
  let pages = 0;
  for await (const page of paginateListAccounts({ client: base.organizations }, {})) {
    pages += 1;
    assert.ok((page.Accounts?.length ?? 0) <= 20);
    accounts.push(...(page.Accounts ?? []));
  }
  assert.equal(accounts.length, 1003);
  assert.equal(pages, Math.ceil(1003 / 20));
  assert.equal(new Set(accounts.map((a) => a.Id)).size, 1003);

  let ous = 0;
  let deepest = 0;
  const walk = async (parentId: string, depth: number) => {
    for await (const page of paginateListOrganizationalUnitsForParent({ client: base.organizations }, { ParentId: parentId })) {
      for (const ou of page.OrganizationalUnits ?? []) {
        ous += 1;
        deepest = Math.max(deepest, depth);
        await walk(ou.Id ?? '', depth + 1);
      }
    }
  };
  await walk(sandbox.organization?.rootId ?? '', 1);
  assert.equal(ous, 30);
  assert.equal(deepest, 4);
  const byParent = new Map<string, number>();
  for (const a of accounts) {
    const parent = a.Paths?.[0]?.split('/').at(-3) ?? '';
    byParent.set(parent, (byParent.get(parent) ?? 0) + 1);
  }
  assert.ok(byParent.size >= 25, 'accounts spread over most OUs');
});

test('sizes vary: four large accounts like acme-scale, a few medium, most small; trails and analyzers in some only', () => {
  const members = generated();
  const large = members.filter((a) => a.users.length >= LARGE_MEMBER_SCALE.users / 2);
  assert.equal(large.length, 4);
  for (const a of large) {
    assert.ok(a.users.length <= LARGE_MEMBER_SCALE.users && eventCount(a) >= LARGE_MEMBER_SCALE.events / 2);
    assert.ok(a.analyzers.some((x) => x.type === 'ACCOUNT'));
  }
  const small = members.filter((a) => a.users.length <= 6 && eventCount(a) <= 50);
  assert.ok(small.length > 850, `most are small (${small.length})`);
  assert.ok(members.some((a) => a.users.length >= 10 && a.users.length <= 40), 'some medium');
  const withTrail = members.filter((a) => a.trails.length > 0).length;
  assert.ok(withTrail > 400 && withTrail < 900, `a trail or not (${withTrail})`);
  const withAnalyzer = members.filter((a) => a.analyzers.some((x) => x.type === 'ACCOUNT')).length;
  assert.ok(withAnalyzer > 200 && withAnalyzer < 800, `an account analyzer or not (${withAnalyzer})`);
  assert.ok(members.some((a) => a.passwordPolicy === null) && members.some((a) => a.root.mfa === null));
});

test('about 1% without the member role, 1% suspended, a few closing; AssumeRole opens the others with the common ExternalId', async () => {
  const members = generated();
  const missing = members.filter((a) => !a.roles.some((r) => r.roleName === 'WardenAuditRole'));
  const suspended = members.filter((a) => a.membership?.status === 'SUSPENDED');
  const closing = members.filter((a) => a.membership?.status === 'PENDING_CLOSURE');
  assert.equal(missing.length, 10);
  assert.equal(suspended.length, 10);
  assert.equal(closing.length, 3);
  const externalId = sandbox.organization?.memberRoleExternalId ?? undefined;
  const roleArn = (a: AccountState) => `arn:aws:iam::${a.id}:role/WardenAuditRole`;
  const sample = members.filter((a) => a.membership?.status === 'ACTIVE' && !missing.includes(a)).filter((_, i) => i % 97 === 0);
  for (const a of sample) await base.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(a), RoleSessionName: 'warden', ExternalId: externalId }));
  for (const a of [missing[0], suspended[0], closing[0]]) {
    assert.ok(a);
    await assert.rejects(base.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(a), RoleSessionName: 'warden', ExternalId: externalId })), { name: 'AccessDenied' });
  }
});

test('the organization analyzers report resources of hundreds of members; account analyzers report some of them again', async () => {
  const adminId = sandbox.organization?.analyzerAdministratorAccountId;
  const admin = sandbox.state.accounts.find((a) => a.id === adminId);
  assert.ok(admin);
  const organizationFindings = admin.findings.filter((f) => f.analyzerArn.endsWith('/org-external-access'));
  const owners = new Set(organizationFindings.map((f) => f.resourceOwnerAccount));
  assert.ok(owners.size > 300, `findings of ${owners.size} members`);
  for (const region of ['us-east-1', 'eu-west-1']) assert.ok(organizationFindings.some((f) => f.analyzerArn.includes(`:${region}:`)), region);
  const reported = new Set(organizationFindings.map((f) => `${f.resourceOwnerAccount} ${f.resource}`));
  const twice = generated().filter((a) => a.id !== adminId && a.findings.some((f) => f.findingType === 'ExternalAccess' && reported.has(`${a.id} ${f.resource}`)));
  assert.ok(twice.length > 50, `${twice.length} members' own analyzers report a resource the organization analyzer reports too`);

  const credentials = await base.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${admin.id}:role/WardenAuditRole`, RoleSessionName: 'warden', ExternalId: sandbox.organization?.memberRoleExternalId ?? undefined }));
  const c = credentials.Credentials;
  assert.ok(c?.AccessKeyId && c.SecretAccessKey && c.SessionToken);
  const clients = sandboxClients(sandbox, { credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken } });
  try {
    const page = await clients.accessAnalyzer.send(new ListFindingsV2Command({ analyzerArn: sandbox.organization?.organizationAnalyzerArns['us-east-1'], maxResults: 1000 }));
    assert.equal(page.findings?.length, 1000);
    assert.ok(page.nextToken);
  } finally {
    destroyClients(clients);
  }
});
