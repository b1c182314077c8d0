import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  CreateAnalyzerCommand,
  GetFindingV2Command,
  ListAnalyzersCommand,
  ListArchiveRulesCommand,
  ListFindingsCommand,
  ListFindingsV2Command,
  UpdateFindingsCommand,
  paginateListFindings,
  paginateListFindingsV2,
  type AccessAnalyzerClient,
  type FindingSummaryV2,
  type ListFindingsV2CommandInput,
} from '@aws-sdk/client-accessanalyzer';

import type { AccountState, Analyzer } from './model';
import { startSandbox, type Sandbox } from './server';
import { clientsForAccount, destroyClients, expectSdkError, sandboxClients, type SandboxClients } from './test-clients';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let sandbox: Sandbox;
let aa: AccessAnalyzerClient;
let aaEu: AccessAnalyzerClient;
const opened: SandboxClients[] = [];

before(async () => {
  sandbox = await startSandbox({ port: 0, seed: 303 });
  const base = sandboxClients(sandbox);
  const eu = sandboxClients(sandbox, { region: 'eu-west-1' });
  opened.push(base, eu);
  aa = base.accessAnalyzer;
  aaEu = eu.accessAnalyzer;
});

after(async () => {
  opened.forEach(destroyClients);
  await sandbox.close();
});

function model(name: string): AccountState {
  const account = sandbox.state.accounts.find((a) => a.name === name);
  assert.ok(account);
  return account;
}

function analyzer(account: AccountState, name: string): Analyzer {
  const found = account.analyzers.find((a) => a.name === name);
  assert.ok(found, name);
  return found;
}

async function allFindings(client: AccessAnalyzerClient, input: ListFindingsV2CommandInput, pageSize = 2): Promise<FindingSummaryV2[]> {
  const out: FindingSummaryV2[] = [];
  for await (const page of paginateListFindingsV2({ client, pageSize }, input)) out.push(...(page.findings ?? []));
  return out;
}

test('ListAnalyzers is per region and filters by type', async () => {
  const us = (await aa.send(new ListAnalyzersCommand({}))).analyzers ?? [];
  assert.deepEqual(us.map((a) => a.name).sort(), ['acme-internal-access', 'acme-org-external-access', 'acme-unused-access']);
  const unused = us.find((a) => a.type === 'ACCOUNT_UNUSED_ACCESS');
  assert.equal(unused?.configuration?.unusedAccess?.unusedAccessAge, 90);
  assert.ok(us.every((a) => a.createdAt instanceof Date && a.status === 'ACTIVE'));
  assert.match(us[0]?.arn ?? '', /^arn:aws:access-analyzer:us-east-1:\d{12}:analyzer\/.+$/);
  const eu = (await aaEu.send(new ListAnalyzersCommand({}))).analyzers ?? [];
  assert.deepEqual(eu.map((a) => a.name), ['acme-org-external-access-eu']);
  const orgOnly = (await aa.send(new ListAnalyzersCommand({ type: 'ORGANIZATION' }))).analyzers ?? [];
  assert.deepEqual(orgOnly.map((a) => a.name), ['acme-org-external-access']);
  const page = await aa.send(new ListAnalyzersCommand({ maxResults: 1 }));
  assert.equal(page.analyzers?.length, 1);
  assert.ok(page.nextToken);
  await expectSdkError(aa.send(new ListAnalyzersCommand({ type: 'EVERYTHING' as 'ACCOUNT' })), 'ValidationException', 400);
});

test('ListFindingsV2 pages through every finding of an analyzer and ends', async () => {
  const account = model('acme-management');
  for (const a of account.analyzers.filter((x) => x.region === 'us-east-1')) {
    const expected = account.findings.filter((f) => f.analyzerArn === a.arn);
    const got = await allFindings(aa, { analyzerArn: a.arn });
    assert.equal(got.length, expected.length, a.name);
    assert.deepEqual(new Set(got.map((f) => f.id)), new Set(expected.map((f) => f.id)));
    for (const f of got) {
      assert.ok(f.createdAt instanceof Date && f.updatedAt instanceof Date && f.analyzedAt instanceof Date);
      assert.match(f.resourceOwnerAccount ?? '', /^\d{12}$/);
    }
  }
  const unused = analyzer(account, 'acme-unused-access');
  const types = new Set((await allFindings(aa, { analyzerArn: unused.arn })).map((f) => f.findingType));
  assert.deepEqual([...types].sort(), ['UnusedIAMRole', 'UnusedIAMUserAccessKey', 'UnusedIAMUserPassword', 'UnusedPermission']);
});

test('ListFindingsV2 filters (eq, neq, contains, exists) and sorts', async () => {
  const account = model('acme-management');
  const external = analyzer(account, 'acme-org-external-access');
  const mine = account.findings.filter((f) => f.analyzerArn === external.arn);
  const active = await allFindings(aa, { analyzerArn: external.arn, filter: { status: { eq: ['ACTIVE'] } } });
  assert.equal(active.length, mine.filter((f) => f.status === 'ACTIVE').length);
  assert.ok(active.every((f) => f.status === 'ACTIVE'));
  const notBuckets = await allFindings(aa, { analyzerArn: external.arn, filter: { resourceType: { neq: ['AWS::S3::Bucket'] } } });
  assert.ok(notBuckets.length > 0 && notBuckets.every((f) => f.resourceType !== 'AWS::S3::Bucket'));
  const shared = await allFindings(aa, { analyzerArn: external.arn, filter: { resource: { contains: ['acme-'] } } });
  assert.ok(shared.every((f) => f.resource?.includes('acme-')));
  const publicOnes = await allFindings(aa, { analyzerArn: external.arn, filter: { isPublic: { eq: ['true'] } } });
  assert.equal(publicOnes.length, mine.filter((f) => f.details.type === 'ExternalAccess' && f.details.isPublic).length);
  const withExternalId = await allFindings(aa, { analyzerArn: external.arn, filter: { 'condition.sts:ExternalId': { exists: true } } });
  assert.equal(withExternalId.length, 1);

  const ascending = await allFindings(aa, { analyzerArn: external.arn, sort: { attributeName: 'createdAt', orderBy: 'ASC' } });
  const times = ascending.map((f) => f.createdAt?.getTime() ?? 0);
  assert.deepEqual(times, [...times].sort((a, b) => a - b));
  const descending = await allFindings(aa, { analyzerArn: external.arn, sort: { attributeName: 'createdAt', orderBy: 'DESC' } });
  assert.deepEqual(descending.map((f) => f.id), ascending.map((f) => f.id).reverse());
  await expectSdkError(aa.send(new ListFindingsV2Command({ analyzerArn: external.arn, filter: { nonsense: { eq: ['x'] } } })), 'ValidationException', 400);
  await expectSdkError(aa.send(new ListFindingsV2Command({ analyzerArn: external.arn, sort: { attributeName: 'constructor' } })), 'ValidationException', 400);
  assert.deepEqual((await aa.send(new ListFindingsV2Command({ analyzerArn: external.arn, filter: { 'principal.constructor': { contains: ['x'] } } }))).findings, []);
  await expectSdkError(aa.send(new ListFindingsV2Command({ analyzerArn: external.arn, nextToken: 'forged' })), 'ValidationException', 400);
  const missing = await expectSdkError(aa.send(new ListFindingsV2Command({ analyzerArn: external.arn.replace('acme-org-external-access', 'nope') })), 'ResourceNotFoundException', 404);
  assert.equal(missing.resourceType, 'AWS::AccessAnalyzer::Analyzer');
});

test('GetFindingV2 returns findingDetails for every finding type, paginated', async () => {
  const seen = new Set<string>();
  for (const name of ['acme-management', 'acme-production', 'acme-staging']) {
    const account = model(name);
    const client = name === 'acme-management' ? aa : (await clientsForAccount(sandbox, name).then((c) => (opened.push(c), c))).accessAnalyzer;
    for (const finding of account.findings.filter((f) => f.analyzerArn.includes(':us-east-1:'))) {
      const result = await client.send(new GetFindingV2Command({ analyzerArn: finding.analyzerArn, id: finding.id }));
      assert.equal(result.id, finding.id);
      assert.equal(result.findingType, finding.findingType);
      const detail = result.findingDetails?.[0];
      assert.ok(detail, finding.findingType);
      seen.add(finding.findingType);
      switch (finding.findingType) {
        case 'ExternalAccess':
          assert.ok(detail.externalAccessDetails?.principal && Array.isArray(detail.externalAccessDetails.action));
          assert.equal(typeof detail.externalAccessDetails.isPublic, 'boolean');
          break;
        case 'InternalAccess':
          assert.match(detail.internalAccessDetails?.principalOwnerAccount ?? '', /^\d{12}$/);
          break;
        case 'UnusedIAMRole':
          assert.ok(detail.unusedIamRoleDetails);
          break;
        case 'UnusedIAMUserAccessKey':
          assert.match(detail.unusedIamUserAccessKeyDetails?.accessKeyId ?? '', /^AKIA/);
          break;
        case 'UnusedIAMUserPassword':
          assert.ok(detail.unusedIamUserPasswordDetails);
          break;
        case 'UnusedPermission':
          assert.ok(detail.unusedPermissionDetails?.serviceNamespace);
          assert.ok((detail.unusedPermissionDetails?.actions?.length ?? 0) > 0);
          break;
      }
    }
  }
  assert.equal(seen.size, 6);

  const prod = await clientsForAccount(sandbox, 'acme-production');
  opened.push(prod);
  const ci = model('acme-production').findings.find((f) => f.resource.endsWith(':role/ci-deploy-role'));
  assert.ok(ci && ci.details.type === 'UnusedPermission');
  const services: string[] = [];
  let token: string | undefined;
  do {
    const page = await prod.accessAnalyzer.send(new GetFindingV2Command({ analyzerArn: ci.analyzerArn, id: ci.id, maxResults: 1, nextToken: token }));
    services.push(...(page.findingDetails ?? []).map((d) => d.unusedPermissionDetails?.serviceNamespace ?? ''));
    token = page.nextToken;
  } while (token);
  assert.deepEqual(services, ci.details.services.map((s) => s.serviceNamespace));
  await expectSdkError(aa.send(new GetFindingV2Command({ analyzerArn: analyzer(model('acme-management'), 'acme-unused-access').arn, id: '00000000-0000-4000-8000-000000000000' })), 'ResourceNotFoundException', 404);
});

test('ListFindings (v1) for external access analyzers; unused access analyzers need ListFindingsV2', async () => {
  const account = model('acme-management');
  const external = analyzer(account, 'acme-org-external-access');
  const findings = [];
  for await (const page of paginateListFindings({ client: aa, pageSize: 3 }, { analyzerArn: external.arn })) findings.push(...(page.findings ?? []));
  assert.equal(findings.length, account.findings.filter((f) => f.analyzerArn === external.arn).length);
  assert.ok(findings.every((f) => f.principal && f.action && f.condition && typeof f.isPublic === 'boolean'));
  const unused = analyzer(account, 'acme-unused-access');
  await expectSdkError(aa.send(new ListFindingsCommand({ analyzerArn: unused.arn })), 'ValidationException', 400);
});

test('UpdateFindings archives and re-activates by ids or resourceArn; RESOLVED is rejected', async () => {
  const account = model('acme-management');
  const external = analyzer(account, 'acme-org-external-access');
  const activeBefore = await allFindings(aa, { analyzerArn: external.arn, filter: { status: { eq: ['ACTIVE'] } } });
  const target = activeBefore[0];
  assert.ok(target?.id);
  await aa.send(new UpdateFindingsCommand({ analyzerArn: external.arn, status: 'ARCHIVED', ids: [target.id] }));
  const activeAfter = await allFindings(aa, { analyzerArn: external.arn, filter: { status: { eq: ['ACTIVE'] } } });
  assert.equal(activeAfter.length, activeBefore.length - 1);
  assert.ok(!activeAfter.some((f) => f.id === target.id));
  const archived = await aa.send(new GetFindingV2Command({ analyzerArn: external.arn, id: target.id }));
  assert.equal(archived.status, 'ARCHIVED');
  assert.ok((archived.updatedAt?.getTime() ?? 0) >= (target.updatedAt?.getTime() ?? 0));

  await aa.send(new UpdateFindingsCommand({ analyzerArn: external.arn, status: 'ACTIVE', resourceArn: target.resource }));
  assert.equal((await allFindings(aa, { analyzerArn: external.arn, filter: { status: { eq: ['ACTIVE'] } } })).length, activeBefore.length);

  const resolved = account.findings.find((f) => f.analyzerArn === external.arn && f.status === 'RESOLVED');
  assert.ok(resolved);
  await aa.send(new UpdateFindingsCommand({ analyzerArn: external.arn, status: 'ARCHIVED', ids: [resolved.id] }));
  assert.equal(resolved.status, 'RESOLVED', 'AWS alone resolves and a resolved finding stays resolved');

  const error = await expectSdkError(aa.send(new UpdateFindingsCommand({ analyzerArn: external.arn, status: 'RESOLVED' as 'ARCHIVED', ids: [target.id] })), 'ValidationException', 400);
  assert.equal(error.reason, 'fieldValidationFailed');
  await expectSdkError(aa.send(new UpdateFindingsCommand({ analyzerArn: external.arn, status: 'ARCHIVED' })), 'ValidationException', 400);
});

test('ListArchiveRules and CreateAnalyzer (new region, conflicts, organization analyzers only from the management account)', async () => {
  const rules = (await aa.send(new ListArchiveRulesCommand({ analyzerName: 'acme-org-external-access' }))).archiveRules ?? [];
  assert.equal(rules[0]?.ruleName, 'trusted-security-vendor');
  assert.ok(rules[0]?.filter?.['principal.AWS']?.eq?.[0]);
  await expectSdkError(aa.send(new ListArchiveRulesCommand({ analyzerName: 'missing' })), 'ResourceNotFoundException', 404);

  const prodEu = await clientsForAccount(sandbox, 'acme-production', { region: 'eu-west-1' });
  opened.push(prodEu);
  assert.equal((await prodEu.accessAnalyzer.send(new ListAnalyzersCommand({}))).analyzers?.length, 0);
  const created = await prodEu.accessAnalyzer.send(new CreateAnalyzerCommand({ analyzerName: 'prod-external-access-eu', type: 'ACCOUNT', archiveRules: [{ ruleName: 'mine', filter: { isPublic: { eq: ['false'] } } }] }));
  assert.match(created.arn ?? '', /^arn:aws:access-analyzer:eu-west-1:\d{12}:analyzer\/prod-external-access-eu$/);
  assert.equal((await prodEu.accessAnalyzer.send(new ListAnalyzersCommand({}))).analyzers?.[0]?.name, 'prod-external-access-eu');
  assert.equal((await prodEu.accessAnalyzer.send(new ListFindingsV2Command({ analyzerArn: created.arn }))).findings?.length, 0);
  assert.equal((await prodEu.accessAnalyzer.send(new ListArchiveRulesCommand({ analyzerName: 'prod-external-access-eu' }))).archiveRules?.[0]?.ruleName, 'mine');
  const conflict = await expectSdkError(prodEu.accessAnalyzer.send(new CreateAnalyzerCommand({ analyzerName: 'prod-external-access-eu', type: 'ACCOUNT' })), 'ConflictException', 409);
  assert.equal(conflict.resourceId, 'prod-external-access-eu');
  await expectSdkError(prodEu.accessAnalyzer.send(new CreateAnalyzerCommand({ analyzerName: 'org', type: 'ORGANIZATION' })), 'ValidationException', 400);
  await expectSdkError(prodEu.accessAnalyzer.send(new CreateAnalyzerCommand({ analyzerName: '1-bad name', type: 'ACCOUNT' })), 'ValidationException', 400);
});

test('the standalone account has no analyzer anywhere', async () => {
  for (const region of ['us-east-1', 'eu-west-1']) {
    const legacy = await clientsForAccount(sandbox, 'acme-legacy', { region });
    opened.push(legacy);
    assert.deepEqual((await legacy.accessAnalyzer.send(new ListAnalyzersCommand({}))).analyzers, []);
  }
});
