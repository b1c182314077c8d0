import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  LookupEventsCommand,
  paginateLookupEvents,
  type CloudTrailClient,
  type Event,
  type LookupEventsCommandInput,
} from '@aws-sdk/client-cloudtrail';

import type { AccountState } from './model';
import { startSandbox, type Sandbox } from './server';
import { clientsForAccount, destroyClients, expectSdkError, sandboxClients, type SandboxClients } from './test-clients';
import { DAY_MS } from '@/lib/dates';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let sandbox: Sandbox;
const opened: SandboxClients[] = [];

before(async () => {
  sandbox = await startSandbox({ port: 0, seed: 404 });
});

after(async () => {
  opened.forEach(destroyClients);
  await sandbox.close();
});

async function trailFor(name: string, region = 'us-east-1'): Promise<CloudTrailClient> {
  const clients = name === 'acme-management' ? sandboxClients(sandbox, { region }) : await clientsForAccount(sandbox, name, { region });
  opened.push(clients);
  return clients.cloudTrail;
}

function model(name: string): AccountState {
  const account = sandbox.state.accounts.find((a) => a.name === name);
  assert.ok(account);
  return account;
}

async function lookupAll(client: CloudTrailClient, input: LookupEventsCommandInput): Promise<Event[]> {
  const events: Event[] = [];
  for await (const page of paginateLookupEvents({ client }, input)) {
    assert.ok((page.Events?.length ?? 0) <= 50);
    events.push(...(page.Events ?? []));
  }
  return events;
}

test('DescribeTrails shows multi-region trails everywhere and single-region trails only at home; GetTrailStatus', async () => {
  const management = await trailFor('acme-management');
  const trails = (await management.send(new DescribeTrailsCommand({}))).trailList ?? [];
  assert.equal(trails.length, 1);
  assert.deepEqual(
    { multi: trails[0]?.IsMultiRegionTrail, validation: trails[0]?.LogFileValidationEnabled, home: trails[0]?.HomeRegion },
    { multi: true, validation: true, home: 'us-east-1' },
  );
  const eu = await trailFor('acme-management', 'eu-west-1');
  assert.equal((await eu.send(new DescribeTrailsCommand({}))).trailList?.[0]?.TrailARN, trails[0]?.TrailARN, 'shadow trail');
  assert.equal((await eu.send(new DescribeTrailsCommand({ includeShadowTrails: false }))).trailList?.length, 0);
  const status = await management.send(new GetTrailStatusCommand({ Name: trails[0]?.Name }));
  assert.equal(status.IsLogging, true);
  assert.ok(status.LatestDeliveryTime instanceof Date);
  assert.ok(status.StartLoggingTime instanceof Date);
  assert.equal((await eu.send(new GetTrailStatusCommand({ Name: trails[0]?.TrailARN }))).IsLogging, true);

  const staging = await trailFor('acme-staging');
  const stagingTrail = (await staging.send(new DescribeTrailsCommand({}))).trailList?.[0];
  assert.equal(stagingTrail?.IsMultiRegionTrail, false);
  assert.equal(stagingTrail?.LogFileValidationEnabled, false);
  const stopped = await staging.send(new GetTrailStatusCommand({ Name: 'staging-trail' }));
  assert.equal(stopped.IsLogging, false);
  assert.ok(stopped.StopLoggingTime instanceof Date);
  assert.equal((await (await trailFor('acme-staging', 'eu-west-1')).send(new DescribeTrailsCommand({}))).trailList?.length, 0);
  assert.deepEqual((await (await trailFor('acme-legacy')).send(new DescribeTrailsCommand({}))).trailList?.map((t) => t.Name), ['legacy-s3-data-events']);
});

test('GetEventSelectors answers basic selectors (the default) or advanced ones, as the trail has them', async () => {
  const management = await trailFor('acme-management');
  const arn = (await management.send(new DescribeTrailsCommand({}))).trailList?.[0]?.TrailARN ?? '';
  const basic = await management.send(new GetEventSelectorsCommand({ TrailName: arn }));
  assert.deepEqual(basic.EventSelectors?.map((s) => [s.ReadWriteType, s.IncludeManagementEvents]), [['All', true]]);
  assert.equal(basic.AdvancedEventSelectors, undefined);
  const legacy = await trailFor('acme-legacy');
  const advanced = await legacy.send(new GetEventSelectorsCommand({ TrailName: 'legacy-s3-data-events' }));
  assert.deepEqual(advanced.AdvancedEventSelectors?.[0]?.FieldSelectors?.find((f) => f.Field === 'eventCategory')?.Equals, ['Data']);
  await assert.rejects(legacy.send(new GetEventSelectorsCommand({ TrailName: 'no-such-trail' })), { name: 'TrailNotFoundException' });
  await expectSdkError(management.send(new GetTrailStatusCommand({ Name: 'no-such-trail' })), 'TrailNotFoundException', 400);
});

test('LookupEvents pages 50 at a time through the last 90 days of a region and ends', async () => {
  const account = model('acme-production');
  for (const region of ['us-east-1', 'eu-west-1']) {
    const client = await trailFor('acme-production', region);
    const events = await lookupAll(client, {});
    const expected = account.events[region] ?? [];
    assert.equal(events.length, expected.length, region);
    assert.deepEqual(events.map((e) => e.EventId), expected.map((e) => e.eventId));
    const times = events.map((e) => e.EventTime?.getTime() ?? 0);
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
  }
});

test('LookupEvents by each lookup attribute, within a time window', async () => {
  const client = await trailFor('acme-production');
  const all = model('acme-production').events['us-east-1'] ?? [];
  const sample = all.find((e) => e.eventName === 'CreateAccessKey');
  assert.ok(sample?.accessKeyId && sample.username);
  const checks: [NonNullable<LookupEventsCommandInput['LookupAttributes']>[number], (e: Event) => boolean][] = [
    [{ AttributeKey: 'EventName', AttributeValue: 'ConsoleLogin' }, (e) => e.EventName === 'ConsoleLogin'],
    [{ AttributeKey: 'Username', AttributeValue: 'ci-deployer' }, (e) => e.Username === 'ci-deployer'],
    [{ AttributeKey: 'EventSource', AttributeValue: 'sts.amazonaws.com' }, (e) => e.EventSource === 'sts.amazonaws.com'],
    [{ AttributeKey: 'ReadOnly', AttributeValue: 'false' }, (e) => e.ReadOnly === 'false'],
    [{ AttributeKey: 'ResourceType', AttributeValue: 'AWS::IAM::Role' }, (e) => (e.Resources ?? []).some((r) => r.ResourceType === 'AWS::IAM::Role')],
    [{ AttributeKey: 'ResourceName', AttributeValue: 'ci-deployer' }, (e) => (e.Resources ?? []).some((r) => r.ResourceName === 'ci-deployer')],
    [{ AttributeKey: 'AccessKeyId', AttributeValue: sample.accessKeyId }, (e) => e.AccessKeyId === sample.accessKeyId],
    [{ AttributeKey: 'EventId', AttributeValue: sample.eventId }, (e) => e.EventId === sample.eventId],
  ];
  for (const [attribute, predicate] of checks) {
    const events = await lookupAll(client, { LookupAttributes: [attribute] });
    assert.ok(events.length > 0, attribute.AttributeKey);
    assert.ok(events.every(predicate), attribute.AttributeKey);
  }

  const now = sandbox.now().getTime();
  const start = new Date(now - 30 * DAY_MS);
  const end = new Date(now - 10 * DAY_MS);
  const windowed = await lookupAll(client, { StartTime: start, EndTime: end, LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AssumeRole' }] });
  const expected = all.filter((e) => e.eventName === 'AssumeRole' && e.eventTime >= start && e.eventTime <= end);
  assert.equal(windowed.length, expected.length);
  assert.ok(windowed.length > 0);
});

test('events carry the full CloudTrailEvent JSON: logins with and without MFA, cross-account AssumeRole, root activity', async () => {
  const production = await trailFor('acme-production');
  const staging = await trailFor('acme-staging');
  const mfaUsed = async (client: CloudTrailClient) => {
    const logins = await lookupAll(client, { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'ConsoleLogin' }] });
    return new Set(logins.map((e) => JSON.parse(e.CloudTrailEvent ?? '{}')).filter((e) => e.userIdentity?.type === 'IAMUser').map((e) => e.additionalEventData?.MFAUsed));
  };
  assert.deepEqual([...(await mfaUsed(production))], ['Yes'], 'production: recent console users all have MFA');
  assert.deepEqual([...(await mfaUsed(staging))].sort(), ['No', 'Yes'], 'staging: logins with and without MFA');
  const assumed = await lookupAll(production, { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AssumeRole' }] });
  const crossAccount = assumed.map((e) => JSON.parse(e.CloudTrailEvent ?? '{}')).find((e) => e.userIdentity?.type === 'AWSAccount' && e.requestParameters?.externalId);
  assert.ok(crossAccount, 'an AssumeRole from another account with an ExternalId');
  assert.equal(crossAccount.eventSource, 'sts.amazonaws.com');
  assert.match(crossAccount.requestParameters.roleArn, /^arn:aws:iam::\d{12}:role\//);
  assert.equal(crossAccount.recipientAccountId, model('acme-production').id);
  assert.match(crossAccount.eventID, /^[0-9a-f-]{36}$/);

  const root = await lookupAll(staging, { LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'root' }] });
  assert.ok(root.length > 0);
  assert.ok(root.every((e) => JSON.parse(e.CloudTrailEvent ?? '{}').userIdentity.type === 'Root'));
  assert.equal((await lookupAll(production, { LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'root' }] })).length, 0);
});

test('LookupEvents rejects what CloudTrail rejects', async () => {
  const client = await trailFor('acme-management');
  await expectSdkError(
    client.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'ConsoleLogin' }, { AttributeKey: 'Username', AttributeValue: 'alice.martin' }] })),
    'InvalidLookupAttributesException',
    400,
  );
  await expectSdkError(client.send(new LookupEventsCommand({ MaxResults: 51 })), 'InvalidMaxResultsException', 400);
  const now = sandbox.now().getTime();
  await expectSdkError(client.send(new LookupEventsCommand({ StartTime: new Date(now), EndTime: new Date(now - DAY_MS) })), 'InvalidTimeRangeException', 400);
  await expectSdkError(client.send(new LookupEventsCommand({ NextToken: 'eyJvIjo1MH0.forged' })), 'InvalidNextTokenException', 400);
  const first = await client.send(new LookupEventsCommand({ MaxResults: 5 }));
  assert.ok(first.NextToken);
  await expectSdkError(
    client.send(new LookupEventsCommand({ MaxResults: 5, NextToken: first.NextToken, LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'ConsoleLogin' }] })),
    'InvalidNextTokenException',
    400,
  );
  assert.deepEqual((await client.send(new LookupEventsCommand({ EventCategory: 'insight' }))).Events, []);
});
