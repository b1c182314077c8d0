import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';

import { ListAnalyzersCommand, UpdateFindingsCommand } from '@aws-sdk/client-accessanalyzer';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GenerateCredentialReportCommand, GetCredentialReportCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { ListPoliciesCommand } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';

import { clearRemoteFaults, remoteCallCounts, resetRemoteCallCounts, setRemoteFaults } from './control-client';
import { parseFaultSpec } from './faults';
import { startSandbox, type Sandbox } from './server';
import { clientsForAccount, destroyClients, sandboxClients, type SandboxClients } from './test-clients';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let sandbox: Sandbox;
let c: SandboxClients;
const opened: SandboxClients[] = [];

before(async () => {
  sandbox = await startSandbox({ port: 0, seed: 606 });
  c = sandboxClients(sandbox, { maxAttempts: 1 });
  opened.push(c);
});

after(async () => {
  opened.forEach(destroyClients);
  await sandbox.close();
});

type Failure = Error & { $metadata?: { httpStatusCode?: number; attempts?: number }; $fault?: string };

async function failure(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
  } catch (error) {
    return error as Failure;
  }
  assert.fail('expected the call to fail');
}

const calls = {
  iam: () => c.iam.send(new ListUsersCommand({})),
  sts: () => c.sts.send(new GetCallerIdentityCommand({})),
  'access-analyzer': () => c.accessAnalyzer.send(new ListAnalyzersCommand({})),
  cloudtrail: () => c.cloudTrail.send(new LookupEventsCommand({ MaxResults: 1 })),
  organizations: () => c.organizations.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' })),
};
const operations = { iam: 'ListUsers', sts: 'GetCallerIdentity', 'access-analyzer': 'ListAnalyzers', cloudtrail: 'LookupEvents', organizations: 'ListPolicies' };

async function expectFault(service: keyof typeof calls, kind: 'throttle' | 'deny' | 'error' | 'unavailable', name: string, status: number): Promise<Failure> {
  sandbox.clearFaults();
  sandbox.setFault({ operation: `${service}:${operations[service]}`, kind });
  const error = await failure(calls[service]());
  sandbox.clearFaults();
  assert.equal(error.name, name, `${service} ${kind}: ${error.message}`);
  assert.equal(error.$metadata?.httpStatusCode, status, `${service} ${kind}`);
  await calls[service]();
  return error;
}

test('throttle answers with each service’s real throttling error', async () => {
  await expectFault('iam', 'throttle', 'Throttling', 400);
  await expectFault('sts', 'throttle', 'Throttling', 400);
  await expectFault('access-analyzer', 'throttle', 'ThrottlingException', 429);
  await expectFault('cloudtrail', 'throttle', 'ThrottlingException', 400);
  await expectFault('organizations', 'throttle', 'TooManyRequestsException', 400);
});

test('deny names the action and the principal', async () => {
  const identity = await c.sts.send(new GetCallerIdentityCommand({}));
  const iam = await expectFault('iam', 'deny', 'AccessDenied', 403);
  assert.equal(iam.message, `User: ${identity.Arn} is not authorized to perform: iam:ListUsers on resource: * because no identity-based policy allows the iam:ListUsers action`);
  await expectFault('sts', 'deny', 'AccessDenied', 403);
  const aa = await expectFault('access-analyzer', 'deny', 'AccessDeniedException', 403);
  assert.match(aa.message, /access-analyzer:ListAnalyzers/);
  const ct = await expectFault('cloudtrail', 'deny', 'AccessDeniedException', 400);
  assert.ok(ct.message.includes(identity.Arn ?? '?') && ct.message.includes('cloudtrail:LookupEvents'));
  await expectFault('organizations', 'deny', 'AccessDeniedException', 400);
});

test('error and unavailable are 500 and 503', async () => {
  await expectFault('iam', 'error', 'InternalFailure', 500);
  await expectFault('sts', 'error', 'InternalFailure', 500);
  await expectFault('access-analyzer', 'error', 'InternalServerException', 500);
  await expectFault('cloudtrail', 'error', 'InternalFailure', 500);
  await expectFault('organizations', 'error', 'ServiceException', 500);
  for (const service of Object.keys(calls) as (keyof typeof calls)[]) await expectFault(service, 'unavailable', 'ServiceUnavailable', 503);
});

test('malformed bodies fail in the SDK’s parser, not as service errors', async () => {
  for (const service of Object.keys(calls) as (keyof typeof calls)[]) {
    sandbox.clearFaults();
    sandbox.setFault({ operation: `${service}:*`, kind: 'malformed' });
    const error = await failure(calls[service]());
    assert.equal(error.$fault, undefined, `${service}: ${error.name} ${error.message}`);
    assert.equal(error.$metadata?.httpStatusCode, 200, service);
  }
  sandbox.clearFaults();
  const analyzer = sandbox.state.accounts[0]?.analyzers[0];
  assert.ok(analyzer);
  sandbox.setFault('access-analyzer:UpdateFindings=malformed');
  const cut = await failure(c.accessAnalyzer.send(new UpdateFindingsCommand({ analyzerArn: analyzer.arn, status: 'ARCHIVED', ids: ['00000000-0000-4000-8000-000000000000'] })));
  assert.equal(cut.$fault, undefined, `UpdateFindings has no body to parse, so its answer is cut short: ${cut.message}`);
  sandbox.clearFaults();
});

test('malformed-report keeps the report lifecycle but corrupts the CSV', async () => {
  const iam = (await clientsForAccount(sandbox, 'acme-staging').then((x) => (opened.push(x), x))).iam;
  for (let i = 0; i < 3; i++) await iam.send(new GenerateCredentialReportCommand({}));
  sandbox.setFault('iam:GetCredentialReport=malformed-report/1');
  const corrupt = Buffer.from((await iam.send(new GetCredentialReportCommand({}))).Content ?? new Uint8Array()).toString('utf8');
  const lines = corrupt.split('\n');
  assert.equal(lines[0]?.split(',').length, 20, 'header two columns short');
  assert.ok(lines.some((line) => line.startsWith('"')), 'an unterminated quote');
  assert.ok(corrupt.includes('2024-13-45T99:99:99+00:00'));
  assert.ok(corrupt.includes('\u0000'));
  const healthy = Buffer.from((await iam.send(new GetCredentialReportCommand({}))).Content ?? new Uint8Array()).toString('utf8');
  assert.equal(healthy.split('\n')[0]?.split(',').length, 22, 'count: only the next call was corrupt');
  assert.deepEqual(sandbox.faults(), []);
});

test('latency delays the answer; count limits a fault to the next N calls, which SDK retries get past', async () => {
  sandbox.setFault('sts:GetCallerIdentity=latency:150');
  const started = Date.now();
  await c.sts.send(new GetCallerIdentityCommand({}));
  assert.ok(Date.now() - started >= 140);
  sandbox.clearFaults();

  sandbox.setFault({ operation: 'iam:ListUsers', kind: 'error', count: 2 });
  const retrying = sandboxClients(sandbox, { maxAttempts: 3 });
  opened.push(retrying);
  const result = await retrying.iam.send(new ListUsersCommand({}));
  assert.equal(result.$metadata.attempts, 3);
  assert.deepEqual(sandbox.faults(), []);
  await c.iam.send(new ListUsersCommand({}));
});

test('rate-limit allows N calls per second per account and region, then throttles', async () => {
  sandbox.setFault('cloudtrail:LookupEvents=rate-limit:2');
  await calls.cloudtrail();
  await calls.cloudtrail();
  const throttled = await failure(calls.cloudtrail());
  assert.equal(throttled.name, 'ThrottlingException');
  const eu = sandboxClients(sandbox, { region: 'eu-west-1' });
  const prod = await clientsForAccount(sandbox, 'acme-production');
  opened.push(eu, prod);
  await eu.cloudTrail.send(new LookupEventsCommand({ MaxResults: 1 }));
  await prod.cloudTrail.send(new LookupEventsCommand({ MaxResults: 1 }));
  await new Promise((resolve) => setTimeout(resolve, 1050));
  await calls.cloudtrail();
  sandbox.clearFaults();
});

test('a fault can target one account', async () => {
  const prodId = sandbox.accounts.find((a) => a.name === 'acme-production')?.id;
  sandbox.setFault({ operation: '*', kind: 'deny', accountId: prodId });
  const prod = await clientsForAccount(sandbox, 'acme-production');
  opened.push(prod);
  assert.equal((await failure(prod.iam.send(new ListUsersCommand({})))).name, 'AccessDenied');
  await c.iam.send(new ListUsersCommand({}));
  sandbox.clearFaults();
});

test('call counts are per service:Operation, faulted calls included, and resettable', async () => {
  sandbox.resetCallCounts();
  sandbox.setFault('ListUsers=throttle/1');
  await failure(c.iam.send(new ListUsersCommand({})));
  await c.iam.send(new ListUsersCommand({}));
  await c.sts.send(new GetCallerIdentityCommand({}));
  assert.deepEqual(sandbox.callCounts(), { 'iam:ListUsers': 2, 'sts:GetCallerIdentity': 1 });
  sandbox.resetCallCounts();
  assert.deepEqual(sandbox.callCounts(), {});
});

test('the control API switches faults on a running instance; it is not reachable with AWS signing', async () => {
  await setRemoteFaults(sandbox.endpoint, ['iam:ListUsers=throttle', { operation: 'sts:GetCallerIdentity', kind: 'latency', latencyMs: 1 }]);
  assert.equal(sandbox.faults().length, 2);
  assert.equal((await failure(c.iam.send(new ListUsersCommand({})))).name, 'Throttling');
  await clearRemoteFaults(sandbox.endpoint);
  await c.iam.send(new ListUsersCommand({}));
  assert.equal((await remoteCallCounts(sandbox.endpoint))['iam:ListUsers'], 2);
  await resetRemoteCallCounts(sandbox.endpoint);
  assert.deepEqual(await remoteCallCounts(sandbox.endpoint), {});

  const bad = await fetch(`${sandbox.endpoint}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operation: 'iam:ListUsers', kind: 'explode' }) });
  assert.equal(bad.status, 400);
  const notJson = await fetch(`${sandbox.endpoint}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '"iam:ListUsers=throttle"' });
  assert.equal(notJson.status, 415);
  const signed = await fetch(`${sandbox.endpoint}/_sandbox/faults`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: 'Action=ListUsers&Version=2010-05-08',
  });
  assert.equal(signed.status, 200, 'a signed request is an AWS request, whatever its path');
  assert.match(await signed.text(), /<ListUsersResponse/);
  assert.deepEqual(sandbox.faults(), []);

  const foreignHost = await new Promise<number>((resolve, reject) => {
    const req = request(`${sandbox.endpoint}/_sandbox/info`, { headers: { host: 'attacker.example' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
  assert.equal(foreignHost, 403, 'DNS-rebinding guard');
});

test('fault specs parse from the CLI form', () => {
  assert.deepEqual(parseFaultSpec('iam:GetCredentialReport=throttle'), { operation: 'iam:GetCredentialReport', kind: 'throttle' });
  assert.deepEqual(parseFaultSpec('LookupEvents=latency:250'), { operation: 'LookupEvents', kind: 'latency', latencyMs: 250 });
  assert.deepEqual(parseFaultSpec('cloudtrail:LookupEvents=rate-limit'), { operation: 'cloudtrail:LookupEvents', kind: 'rate-limit', perSecond: 2 });
  assert.deepEqual(parseFaultSpec('iam:*=error/3'), { operation: 'iam:*', kind: 'error', count: 3 });
  assert.throws(() => parseFaultSpec('iam:ListUsers'), /OPERATION=KIND/);
  assert.throws(() => parseFaultSpec('iam:ListUsers=explode'), /kind must be one of/);
  assert.throws(() => parseFaultSpec('iam:ListUsers=latency'), /milliseconds/);
  assert.throws(() => parseFaultSpec('iam:ListUsers=throttle/0'), /positive integer/);
});
