import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CloudTrailEventError, parseCloudTrailEvent } from '@/lib/cloudtrail/parse-event';

const rootLogin = JSON.stringify({
  eventVersion: '1.08',
  userIdentity: { type: 'Root', principalId: '111122223333', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' },
  eventTime: '2026-11-20T10:00:00Z',
  eventSource: 'signin.amazonaws.com',
  eventName: 'ConsoleLogin',
  sourceIPAddress: '198.51.100.7',
  userAgent: 'Mozilla/5.0',
  responseElements: { ConsoleLogin: 'Success' },
  additionalEventData: { MFAUsed: 'No', LoginTo: 'https://console.aws.amazon.com' },
  recipientAccountId: '111122223333',
});

test('a root console login without MFA is root, a console login, MFA false', () => {
  const e = parseCloudTrailEvent(rootLogin, 'ConsoleLogin');
  assert.equal(e.isRoot, true);
  assert.equal(e.isConsoleLogin, true);
  assert.equal(e.mfaUsed, false);
  assert.equal(e.userName, 'root');
  assert.equal(e.sourceIp, '198.51.100.7');
  assert.equal(e.isCrossAccount, false);
});

test('an AssumeRole into another account is cross-account; a service assuming a role is not', () => {
  const cross = JSON.stringify({
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::444455556666:user/ci', accountId: '444455556666', userName: 'ci' },
    eventName: 'AssumeRole',
    requestParameters: { roleArn: 'arn:aws:iam::111122223333:role/deploy', roleSessionName: 's' },
    recipientAccountId: '111122223333',
  });
  const parsedCross = parseCloudTrailEvent(cross, 'AssumeRole');
  assert.equal(parsedCross.isCrossAccount, true);
  assert.equal(parsedCross.targetRoleArn, 'arn:aws:iam::111122223333:role/deploy');
  assert.equal(parsedCross.userAccountId, '444455556666');
  const service = JSON.stringify({
    userIdentity: { type: 'AWSService', invokedBy: 'lambda.amazonaws.com' },
    eventName: 'AssumeRole',
    requestParameters: { roleArn: 'arn:aws:iam::111122223333:role/fn' },
    recipientAccountId: '111122223333',
  });
  assert.equal(parseCloudTrailEvent(service, 'AssumeRole').isCrossAccount, false);
  const same = JSON.stringify({
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/a', accountId: '111122223333' },
    requestParameters: { roleArn: 'arn:aws:iam::111122223333:role/r' },
    recipientAccountId: '111122223333',
  });
  assert.equal(parseCloudTrailEvent(same, 'AssumeRole').isCrossAccount, false);
});

test('an assumed-role session is named by its issuer; MFA yes is true', () => {
  const e = parseCloudTrailEvent(
    JSON.stringify({
      userIdentity: {
        type: 'AssumedRole',
        arn: 'arn:aws:sts::111122223333:assumed-role/admin/alice',
        accountId: '111122223333',
        sessionContext: { sessionIssuer: { type: 'Role', userName: 'admin' } },
      },
      additionalEventData: { MFAUsed: 'Yes' },
    }),
    'ConsoleLogin',
  );
  assert.equal(e.userName, 'admin');
  assert.equal(e.mfaUsed, true);
  assert.equal(e.isRoot, false);
});

test('hostile or broken documents: not JSON is an error naming the event; wrong types become null', () => {
  assert.throws(() => parseCloudTrailEvent('{not json', 'CreateUser'), (e: unknown) => e instanceof CloudTrailEventError && /CreateUser/.test(e.message));
  const e = parseCloudTrailEvent(JSON.stringify({ userIdentity: 'x', sourceIPAddress: 42, additionalEventData: [] }), 'CreateUser');
  assert.equal(e.userType, null);
  assert.equal(e.sourceIp, null);
  assert.equal(e.mfaUsed, null);
  assert.equal(e.isRoot, false);
});
