import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ListAccessKeysCommand } from '@aws-sdk/client-iam';

import { startSandbox, type Sandbox } from './server';
import { destroyClients, sandboxClients, type SandboxClients } from './test-clients';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// Wire-level behaviour the SDK cannot provoke: unknown operations, missing signatures, hostile
// input. Every answer must be the protocol's own error format, never HTML.

let sandbox: Sandbox;
let clients: SandboxClients;

before(async () => {
  sandbox = await startSandbox({ port: 0, seed: 707 });
  clients = sandboxClients(sandbox);
});

after(async () => {
  destroyClients(clients);
  await sandbox.close();
});

const auth = (service: string, region = 'us-east-1') =>
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123456789abcdef`;

async function send(path: string, init: { method?: string; headers?: Record<string, string>; body?: string }) {
  const response = await fetch(`${sandbox.endpoint}${path}`, { method: init.method ?? 'POST', headers: init.headers ?? {}, ...(init.body === undefined ? {} : { body: init.body }) });
  const text = await response.text();
  assert.doesNotMatch(text, /<html/i);
  return { status: response.status, type: response.headers.get('content-type') ?? '', errorType: response.headers.get('x-amzn-errortype'), text };
}

test('unknown query actions answer InvalidAction in XML', async () => {
  for (const [service, version] of [['iam', '2010-05-08'], ['sts', '2011-06-15']] as const) {
    const reply = await send('/', { headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth(service) }, body: `Action=DeleteEverything&Version=${version}` });
    assert.equal(reply.status, 400);
    assert.match(reply.type, /xml/);
    assert.match(reply.text, /<ErrorResponse xmlns="https:\/\/(iam|sts)\.amazonaws\.com\/doc\/[\d-]+\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>Could not find operation DeleteEverything for version [\d-]+<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>/);
  }
  assert.equal(sandbox.callCounts()['iam:DeleteEverything'], 1);
  for (const action of ['constructor', 'toString', 'hasOwnProperty']) {
    const reply = await send('/', { headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth('iam') }, body: `Action=${action}&Version=2010-05-08` });
    assert.equal(reply.status, 400, action);
    assert.match(reply.text, /<Code>InvalidAction<\/Code>/);
  }
  const json = await send('/', { headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'CloudTrail_20131101.constructor', authorization: auth('cloudtrail') }, body: '{}' });
  assert.equal(JSON.parse(json.text).__type, 'UnknownOperationException');
  const prototypeService = await send('/', { headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'X.constructor', authorization: auth('__proto__') }, body: '{}' });
  assert.equal(JSON.parse(prototypeService.text).__type, 'UnknownOperationException');
  const prototypeKey = await send('/', {
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth('sts').replace('AKIDEXAMPLE', '__proto__') },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
  });
  assert.equal(prototypeKey.status, 200, 'an unknown key, whatever its name, is the base identity');
});

test('unknown JSON targets and REST paths answer UnknownOperationException', async () => {
  const json = await send('/', { headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'CloudTrail_20131101.DeleteTrail', authorization: auth('cloudtrail') }, body: '{}' });
  assert.equal(json.status, 400);
  assert.equal(JSON.parse(json.text).__type, 'UnknownOperationException');
  const wrongService = await send('/', { headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'CloudTrail_20131101.LookupEvents', authorization: auth('organizations') }, body: '{}' });
  assert.equal(JSON.parse(wrongService.text).__type, 'UnknownOperationException');
  const rest = await send('/policy/generation', { method: 'PUT', headers: { 'content-type': 'application/json', authorization: auth('access-analyzer') }, body: '{}' });
  assert.equal(rest.status, 404);
  assert.equal(rest.errorType, 'UnknownOperationException');
  assert.match(JSON.parse(rest.text).message, /Unknown operation/);
  const otherService = await send('/', { headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables', authorization: auth('dynamodb') }, body: '{}' });
  assert.equal(JSON.parse(otherService.text).__type, 'UnknownOperationException');
});

test('unsigned, badly scoped, oversized or unparsable requests get protocol errors', async () => {
  const unsigned = await send('/', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=ListUsers&Version=2010-05-08' });
  assert.equal(unsigned.status, 403);
  assert.match(unsigned.text, /<Code>MissingAuthenticationToken<\/Code>/);
  const unsignedJson = await send('/analyzer', { method: 'GET', headers: {} });
  assert.equal(unsignedJson.status, 403);
  assert.equal(unsignedJson.errorType, 'MissingAuthenticationTokenException');
  const badRegion = await send('/', { headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth('iam', '<script>') }, body: 'Action=ListUsers' });
  assert.equal(badRegion.status, 400);
  assert.match(badRegion.text, /IncompleteSignature/);
  assert.doesNotMatch(badRegion.text, /<script>/);
  const huge = await send('/', { headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth('iam') }, body: `Action=ListUsers&Pad=${'x'.repeat(1_100_000)}` });
  assert.equal(huge.status, 413);
  assert.match(huge.text, /RequestEntityTooLarge/);
  const garbage = await send('/', { headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'CloudTrail_20131101.LookupEvents', authorization: auth('cloudtrail') }, body: '{"LookupAttributes": [' });
  assert.equal(garbage.status, 400);
  assert.equal(JSON.parse(garbage.text).__type, 'SerializationException');
  const wrongShape = await send('/', { headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'CloudTrail_20131101.LookupEvents', authorization: auth('cloudtrail') }, body: '{"LookupAttributes": "EventName"}' });
  assert.equal(JSON.parse(wrongShape.text).__type, 'InvalidLookupAttributesException');
});

test('hostile input comes back escaped and intact', async () => {
  const name = `<x>&"'\u0007]]>`;
  try {
    await clients.iam.send(new ListAccessKeysCommand({ UserName: name }));
    assert.fail('expected NoSuchEntity');
  } catch (error) {
    const e = error as Error;
    assert.equal(e.name, 'NoSuchEntityException');
    assert.equal(e.message, `The user with name <x>&"'\uFFFD]]> cannot be found.`);
  }
  const raw = await send('/', { headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth('iam') }, body: `Action=ListAccessKeys&Version=2010-05-08&UserName=${encodeURIComponent('<b>')}` });
  assert.match(raw.text, /&lt;b&gt;/);
  assert.doesNotMatch(raw.text, /<b>/);
});
