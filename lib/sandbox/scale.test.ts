import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ListFindingsV2Command } from '@aws-sdk/client-accessanalyzer';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetAccountSummaryCommand, ListUsersCommand } from '@aws-sdk/client-iam';

import { BENCHMARK_SCALE } from './generate';
import type { AccountState } from './model';
import { startSandbox, type Sandbox } from './server';
import { clientsForAccount, destroyClients, type SandboxClients } from './test-clients';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// The benchmark dataset: counts only, no timing assertions (scripts/bench-sandbox.ts times it).

let sandbox: Sandbox;
let scale: AccountState;
let clients: SandboxClients;

before(async () => {
  sandbox = await startSandbox({ port: 0, seed: 808, scale: BENCHMARK_SCALE });
  const found = sandbox.state.accounts.find((a) => a.name === 'acme-scale');
  assert.ok(found);
  scale = found;
  clients = await clientsForAccount(sandbox, 'acme-scale');
});

after(async () => {
  destroyClients(clients);
  await sandbox.close();
});

test('the scale account holds 5,000 users, 20,000 findings and 200,000 events beside the demo accounts', () => {
  assert.equal(sandbox.accounts.length, 5);
  assert.equal(scale.users.length, BENCHMARK_SCALE.users);
  assert.equal(scale.roles.length, BENCHMARK_SCALE.roles + 1, 'plus the audit role');
  assert.equal(scale.findings.length, BENCHMARK_SCALE.findings);
  const events = Object.values(scale.events).reduce((n, list) => n + list.length, 0);
  assert.equal(events, BENCHMARK_SCALE.events);
  assert.equal(new Set(scale.users.map((u) => u.userName)).size, scale.users.length, 'user names are unique');
  assert.equal(new Set(scale.findings.map((f) => f.id)).size, scale.findings.length, 'finding ids are unique');
});

test('the SDK reads the scale account like any other', async () => {
  const summary = (await clients.iam.send(new GetAccountSummaryCommand({}))).SummaryMap;
  assert.equal(summary?.Users, BENCHMARK_SCALE.users);
  const firstPage = await clients.iam.send(new ListUsersCommand({ MaxItems: 1000 }));
  assert.equal(firstPage.Users?.length, 1000);
  assert.equal(firstPage.IsTruncated, true);

  const analyzer = scale.analyzers.find((a) => a.type === 'ACCOUNT_UNUSED_ACCESS');
  assert.ok(analyzer);
  const active = await clients.accessAnalyzer.send(new ListFindingsV2Command({ analyzerArn: analyzer.arn, maxResults: 1000, filter: { status: { eq: ['ACTIVE'] } } }));
  assert.equal(active.findings?.length, 1000);
  assert.ok(active.nextToken);

  const events = await clients.cloudTrail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'ConsoleLogin' }] }));
  assert.equal(events.Events?.length, 50);
  assert.ok(events.NextToken);
});
