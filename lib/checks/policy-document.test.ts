import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accountIdOfPrincipal,
  actionMatches,
  allowsAction,
  analyzeTrustPolicy,
  evaluateAction,
  findAdminStatements,
  findBroadNotActionStatements,
  findServiceWideStatements,
  parsePolicyDocument,
  PolicyDocumentError,
  resourceMatches,
  tryParsePolicyDocument,
} from '@/lib/checks/policy-document';

// GetAccountAuthorizationDetails returns documents URL-encoded (RFC 3986).
const awsEncoded = (document: unknown) => encodeURIComponent(JSON.stringify(document, null, 2));

const adminDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

test('parses a JSON object, JSON text and URL-encoded text to the same statements', () => {
  const fromObject = parsePolicyDocument(adminDocument);
  const fromText = parsePolicyDocument(JSON.stringify(adminDocument));
  const fromEncoded = parsePolicyDocument(awsEncoded(adminDocument));
  assert.deepEqual(fromText, fromObject);
  assert.deepEqual(fromEncoded, fromObject);
  assert.equal(fromObject.version, '2012-10-17');
  assert.deepEqual(fromObject.statements[0]?.action, ['*']);
  assert.deepEqual(fromObject.statements[0]?.resource, ['*']);
});

test('accepts form encoding with "+" for spaces', () => {
  const encoded = encodeURIComponent(JSON.stringify(adminDocument, null, 1)).replace(/%20/g, '+');
  assert.deepEqual(parsePolicyDocument(encoded).statements[0]?.action, ['*']);
});

test('a single Statement object and string fields are normalised to lists', () => {
  const document = parsePolicyDocument({
    Version: '2012-10-17',
    Statement: { Sid: 'One', Effect: 'Deny', NotAction: 's3:GetObject', NotResource: 'arn:aws:s3:::public/*' },
  });
  const [statement] = document.statements;
  assert.ok(statement);
  assert.equal(statement.sid, 'One');
  assert.equal(statement.effect, 'Deny');
  assert.equal(statement.action, null);
  assert.deepEqual(statement.notAction, ['s3:GetObject']);
  assert.deepEqual(statement.notResource, ['arn:aws:s3:::public/*']);
  assert.deepEqual(statement.condition, {});
});

test('conditions keep operators and keys, values become strings', () => {
  const document = parsePolicyDocument({
    Statement: [{
      Effect: 'Allow', Action: 's3:*', Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': true }, NumericLessThan: { 's3:max-keys': 10 }, StringEquals: { 'aws:PrincipalTag/team': ['a', 'b'] } },
    }],
  });
  assert.deepEqual(document.statements[0]?.condition, {
    Bool: { 'aws:SecureTransport': ['true'] },
    NumericLessThan: { 's3:max-keys': ['10'] },
    StringEquals: { 'aws:PrincipalTag/team': ['a', 'b'] },
  });
});

test('principals: "*", AWS string or list, Service, Federated', () => {
  const document = parsePolicyDocument({
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com', 'ec2.amazonaws.com'] }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::123456789012:saml-provider/Okta' }, Action: 'sts:AssumeRoleWithSAML' },
    ],
  });
  const [any, aws, service, federated] = document.statements;
  assert.equal(any?.principal?.wildcard, true);
  assert.equal(aws?.principal?.wildcard, true);
  assert.deepEqual(aws?.principal?.aws, ['arn:aws:iam::111122223333:root']);
  assert.deepEqual(service?.principal?.service, ['lambda.amazonaws.com', 'ec2.amazonaws.com']);
  assert.deepEqual(federated?.principal?.federated, ['arn:aws:iam::123456789012:saml-provider/Okta']);
});

test('malformed documents are PolicyDocumentErrors with a clear message', () => {
  const cases: [unknown, RegExp][] = [
    ['not json', /neither JSON nor URL-encoded/],
    ['{"Statement": [', /not valid JSON/],
    [{ Version: '2012-10-17' }, /no Statement/],
    [{ Statement: [{ Effect: 'Permit', Action: '*', Resource: '*' }] }, /Statement 1: Effect must be "Allow" or "Deny"/],
    [{ Statement: [{ Effect: 'Allow', Action: '*', NotAction: 's3:*', Resource: '*' }] }, /both Action and NotAction/],
    [{ Statement: [{ Effect: 'Allow', Resource: '*' }] }, /neither Action nor NotAction/],
    [{ Statement: [{ Effect: 'Allow', Action: 42, Resource: '*' }] }, /Action must be a string or a list of strings/],
    [{ Statement: [{ Effect: 'Allow', Principal: { Bogus: 'x' }, Action: '*' }] }, /unknown principal type "Bogus"/],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => parsePolicyDocument(input), (error: unknown) => error instanceof PolicyDocumentError && message.test(error.message));
  }
});

test('tryParsePolicyDocument returns the error as a value', () => {
  const result = tryParsePolicyDocument('%7B%22Statement');
  assert.equal(result.ok, false);
  assert.equal(tryParsePolicyDocument(awsEncoded(adminDocument)).ok, true);
});

// ---------------------------------------------------------------------------------------------
// Action and resource matching
// ---------------------------------------------------------------------------------------------

test('action wildcards and case-insensitive service and action names', () => {
  assert.equal(actionMatches('*', 'iam:CreateUser'), true);
  assert.equal(actionMatches('iam:*', 'iam:CreateUser'), true);
  assert.equal(actionMatches('iam:Create*', 'iam:CreateRole'), true);
  assert.equal(actionMatches('iam:Create*', 'iam:DeleteRole'), false);
  assert.equal(actionMatches('IAM:createuser', 'iam:CreateUser'), true);
  assert.equal(actionMatches('iam:?reateUser', 'iam:CreateUser'), true);
  assert.equal(actionMatches('s3:*', 'iam:CreateUser'), false);
  assert.equal(actionMatches('iam:Put*Policy', 'iam:PutRolePolicy'), true);
  assert.equal(actionMatches('iam:Get*', 'iam:GetUser'), true);
  assert.equal(actionMatches('iam.CreateUser', 'iamXCreateUser'), false);
});

test('resource matching is case-sensitive; policy variables follow the caller\'s reading', () => {
  assert.equal(resourceMatches('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/key'), true);
  assert.equal(resourceMatches('arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/key'), false);
  assert.equal(resourceMatches('arn:aws:iam::*:user/${aws:username}', 'arn:aws:iam::1:user/bob', 'wildcard'), true);
  assert.equal(resourceMatches('arn:aws:iam::*:user/${aws:username}', 'arn:aws:iam::1:user/bob', 'never'), false);
});

test('allowsAction: wildcard Allow', () => {
  const document = parsePolicyDocument({ Statement: { Effect: 'Allow', Action: 'iam:Create*', Resource: '*' } });
  assert.equal(allowsAction(document, 'iam:CreateUser'), true);
  assert.equal(allowsAction(document, 'iam:AttachRolePolicy'), false);
});

test('allowsAction: an explicit Deny overrides an Allow', () => {
  const document = parsePolicyDocument({
    Statement: [
      { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
      { Effect: 'Deny', Action: ['iam:CreateUser', 'iam:Attach*'], Resource: '*' },
    ],
  });
  assert.equal(allowsAction(document, 'iam:CreateUser'), false);
  assert.equal(allowsAction(document, 'iam:AttachRolePolicy'), false);
  assert.equal(allowsAction(document, 'iam:CreateRole'), true);
  const evaluation = evaluateAction(document, 'iam:CreateUser');
  assert.equal(evaluation.decision, 'denied');
  assert.equal(evaluation.deniedBy.length, 1);
});

test('allowsAction: a conditional Deny does not remove the allowance in general', () => {
  const document = parsePolicyDocument({
    Statement: [
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
    ],
  });
  assert.equal(allowsAction(document, 'iam:CreateUser'), true);
});

test('allowsAction: a Deny on one resource does not deny "any resource"', () => {
  const document = parsePolicyDocument({
    Statement: [
      { Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: '*' },
      { Effect: 'Deny', Action: 'iam:AttachRolePolicy', Resource: 'arn:aws:iam::123456789012:role/Admin' },
    ],
  });
  assert.equal(allowsAction(document, 'iam:AttachRolePolicy'), true);
  assert.equal(allowsAction(document, 'iam:AttachRolePolicy', 'arn:aws:iam::123456789012:role/Admin'), false);
  assert.equal(allowsAction(document, 'iam:AttachRolePolicy', 'arn:aws:iam::123456789012:role/App'), true);
});

test('allowsAction: an Allow scoped to some resources still allows on "any resource", not on others', () => {
  const document = parsePolicyDocument({ Statement: { Effect: 'Allow', Action: 'iam:CreateUser', Resource: 'arn:aws:iam::*:user/app/*' } });
  assert.equal(allowsAction(document, 'iam:CreateUser'), true);
  assert.equal(allowsAction(document, 'iam:CreateUser', 'arn:aws:iam::123456789012:user/app/bot'), true);
  assert.equal(allowsAction(document, 'iam:CreateUser', 'arn:aws:iam::123456789012:user/admin'), false);
});

test('allowsAction: NotAction allows everything except the listed actions', () => {
  const powerUser = parsePolicyDocument({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      { Effect: 'Allow', Action: ['iam:CreateServiceLinkedRole', 'iam:ListRoles'], Resource: '*' },
    ],
  });
  assert.equal(allowsAction(powerUser, 's3:GetObject'), true);
  assert.equal(allowsAction(powerUser, 'iam:CreateUser'), false);
  assert.equal(allowsAction(powerUser, 'IAM:ListRoles'), true);
});

test('allowsAction: Deny with NotAction denies all but the listed actions', () => {
  const document = parsePolicyDocument({
    Statement: [
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', NotAction: ['iam:ChangePassword', 'iam:GetUser'], Resource: '*' },
    ],
  });
  assert.equal(allowsAction(document, 'iam:CreateUser'), false);
  assert.equal(allowsAction(document, 'iam:ChangePassword'), true);
});

test('allowsAction: NotResource', () => {
  const document = parsePolicyDocument({ Statement: { Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' } });
  assert.equal(allowsAction(document, 's3:GetObject', 'arn:aws:s3:::public/a'), true);
  assert.equal(allowsAction(document, 's3:GetObject', 'arn:aws:s3:::secret/a'), false);
  assert.equal(allowsAction(document, 's3:GetObject'), true);
});

test('allowsAction: nothing allowed is an implicit deny; conditional allows are flagged', () => {
  const document = parsePolicyDocument({
    Statement: { Effect: 'Allow', Action: 'iam:CreateUser', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } },
  });
  assert.equal(evaluateAction(document, 'iam:DeleteUser').decision, 'implicit-deny');
  const evaluation = evaluateAction(document, 'iam:CreateUser');
  assert.equal(evaluation.decision, 'allowed');
  assert.equal(evaluation.conditional, true);
});

// ---------------------------------------------------------------------------------------------
// Broad statements
// ---------------------------------------------------------------------------------------------

test('findAdminStatements: "*" on "*" in every spelling, Allow only', () => {
  const document = parsePolicyDocument(awsEncoded({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' },
      { Sid: 'AdminList', Effect: 'Allow', Action: ['s3:GetObject', '*:*'], Resource: ['*'] },
      { Sid: 'Scoped', Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::bucket/*' },
      { Sid: 'Deny', Effect: 'Deny', Action: '*', Resource: '*' },
      { Sid: 'NotAction', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
    ],
  }));
  assert.deepEqual(findAdminStatements(document).map((statement) => statement.sid), ['Admin', 'AdminList']);
});

test('findServiceWideStatements: a whole service on "*"', () => {
  const document = parsePolicyDocument({
    Statement: [
      { Sid: 'S3', Effect: 'Allow', Action: ['S3:*', 'ec2:Describe*'], Resource: '*' },
      { Sid: 'Dynamo', Effect: 'Allow', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:*:*:table/app' },
      { Sid: 'Read', Effect: 'Allow', Action: 's3:Get*', Resource: '*' },
      { Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' },
    ],
  });
  const found = findServiceWideStatements(document);
  assert.equal(found.length, 1);
  assert.equal(found[0]?.statement.sid, 'S3');
  assert.deepEqual(found[0]?.services, ['s3']);
});

test('findBroadNotActionStatements: Allow NotAction on "*"', () => {
  const document = parsePolicyDocument({ Statement: [{ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }] });
  assert.equal(findBroadNotActionStatements(document).length, 1);
});

// ---------------------------------------------------------------------------------------------
// Trust policies
// ---------------------------------------------------------------------------------------------

test('accountIdOfPrincipal', () => {
  assert.equal(accountIdOfPrincipal('111122223333'), '111122223333');
  assert.equal(accountIdOfPrincipal('arn:aws:iam::111122223333:root'), '111122223333');
  assert.equal(accountIdOfPrincipal('arn:aws:iam::111122223333:role/path/deployer'), '111122223333');
  assert.equal(accountIdOfPrincipal('arn:aws:sts::111122223333:assumed-role/r/session'), '111122223333');
  assert.equal(accountIdOfPrincipal('arn:aws-cn:iam::111122223333:root'), '111122223333');
  assert.equal(accountIdOfPrincipal('AROAEXAMPLEID1234567'), null);
  assert.equal(accountIdOfPrincipal('*'), null);
});

test('trust: another account with and without sts:ExternalId', () => {
  const trust = awsEncoded({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Vendor', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'c0ffee' } } },
      { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: ['444455556666'] }, Action: 'sts:AssumeRole' },
    ],
  });
  const grants = analyzeTrustPolicy(parsePolicyDocument(trust));
  assert.equal(grants.length, 2);
  assert.deepEqual(grants.map((grant) => [grant.kind, grant.accountId, grant.hasExternalId]), [
    ['account', '999988887777', true],
    ['account', '444455556666', false],
  ]);
  assert.deepEqual(grants[0]?.conditionKeys, ['sts:ExternalId']);
  assert.equal(grants[1]?.hasConditions, false);
});

test('trust: ExternalId that does not really constrain is not counted', () => {
  const document = (condition: Record<string, unknown>) =>
    parsePolicyDocument({ Statement: { Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:AssumeRole', Condition: condition } });
  const externalId = (condition: Record<string, unknown>) => analyzeTrustPolicy(document(condition))[0]?.hasExternalId;
  assert.equal(externalId({ StringEquals: { 'STS:EXTERNALID': 'abc' } }), true);
  assert.equal(externalId({ StringLike: { 'sts:ExternalId': 'abc-*' } }), true);
  assert.equal(externalId({ StringEqualsIfExists: { 'sts:ExternalId': 'abc' } }), false);
  assert.equal(externalId({ StringNotEquals: { 'sts:ExternalId': 'abc' } }), false);
  assert.equal(externalId({ StringLike: { 'sts:ExternalId': '*' } }), false);
  assert.equal(externalId({ Null: { 'sts:ExternalId': 'false' } }), false);
});

test('trust: "*" with and without conditions, NotPrincipal, unique ids', () => {
  const document = parsePolicyDocument({
    Statement: [
      { Sid: 'Open', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
      { Sid: 'Org', Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } },
      { Sid: 'Not', Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' },
      { Sid: 'Deleted', Effect: 'Allow', Principal: { AWS: 'AROAEXAMPLEID1234567' }, Action: 'sts:AssumeRole' },
    ],
  });
  const grants = analyzeTrustPolicy(document);
  const bySid = new Map(grants.map((grant) => [grant.sid, grant]));
  assert.equal(bySid.get('Open')?.kind, 'any');
  assert.equal(bySid.get('Open')?.hasConditions, false);
  assert.equal(bySid.get('Org')?.kind, 'any');
  assert.equal(bySid.get('Org')?.hasPrincipalOrgId, true);
  assert.equal(bySid.get('Org')?.restrictsPrincipal, true);
  assert.equal(bySid.get('Not')?.viaNotPrincipal, true);
  assert.equal(bySid.get('Not')?.kind, 'any');
  assert.equal(bySid.get('Deleted')?.kind, 'unresolved');
});

test('trust: the seed\'s service role with aws:SourceAccount and aws:SourceArn', () => {
  const seedTrust = awsEncoded({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { Service: 'lambda.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: {
        StringEquals: { 'aws:SourceAccount': '123456789012' },
        ArnLike: { 'aws:SourceArn': 'arn:aws:lambda:us-east-1:123456789012:function:my-*' },
      },
    }],
  });
  const [grant] = analyzeTrustPolicy(parsePolicyDocument(seedTrust));
  assert.ok(grant);
  assert.equal(grant.kind, 'service');
  assert.equal(grant.principal, 'lambda.amazonaws.com');
  assert.equal(grant.hasSourceAccount, true);
  assert.equal(grant.hasSourceArn, true);
  assert.equal(grant.hasExternalId, false);
});

test('trust: federated principals, Deny and non-assume statements are handled', () => {
  const document = parsePolicyDocument({
    Statement: [
      { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' } } },
      { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:TagSession' },
      { Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:*' },
    ],
  });
  const grants = analyzeTrustPolicy(document);
  assert.deepEqual(grants.map((grant) => grant.kind), ['federated', 'account']);
  assert.deepEqual(grants[0]?.actions, ['sts:AssumeRoleWithWebIdentity']);
  assert.deepEqual(grants[1]?.actions, ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity']);
});
