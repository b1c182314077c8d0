import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseStoredDetails, summarizeDetails } from '@/lib/findings/gist';

test('external access: public findings say so, others name the principal and the actions', () => {
  const pub = parseStoredDetails([{ kind: 'externalAccess', action: ['s3:GetObject'], condition: {}, isPublic: true, principal: { AWS: '*' }, sources: ['POLICY'] }]);
  const g = summarizeDetails('ExternalAccess', pub);
  assert.equal(g.isPublic, true);
  assert.equal(g.text, 'Public (anyone) → s3:GetObject');

  const cross = summarizeDetails(
    'ExternalAccess',
    parseStoredDetails([{ kind: 'externalAccess', action: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'], condition: {}, isPublic: false, principal: { AWS: 'arn:aws:iam::111122223333:root' }, sources: [] }]),
  );
  assert.equal(cross.isPublic, false);
  assert.equal(cross.principal, 'arn:aws:iam::111122223333:root');
  assert.equal(cross.text, 'arn:aws:iam::111122223333:root → s3:GetObject, s3:ListBucket +1 more');
  const service = summarizeDetails('ExternalAccess', parseStoredDetails([{ kind: 'externalAccess', action: ['sts:AssumeRole'], condition: {}, isPublic: false, principal: { Service: 'ec2.amazonaws.com' }, sources: [] }]));
  assert.equal(service.text, 'Service: ec2.amazonaws.com → sts:AssumeRole');
  const account = summarizeDetails('ExternalAccess', parseStoredDetails([{ kind: 'externalAccess', action: ['sts:AssumeRole'], condition: {}, isPublic: false, principal: { AWS: '646627042507' }, sources: [] }]));
  assert.equal(account.text, 'account 646627042507 → sts:AssumeRole');
});

test('unused access: what is unused and the newest last use', () => {
  const perms = summarizeDetails(
    'UnusedPermission',
    parseStoredDetails([
      { kind: 'unusedPermission', serviceNamespace: 's3', lastAccessed: '2024-01-01T00:00:00.000Z', actions: [{ action: 's3:GetObject', lastAccessed: '2024-03-01T00:00:00.000Z' }] },
      { kind: 'unusedPermission', serviceNamespace: 'ec2', lastAccessed: null, actions: [] },
    ]),
  );
  assert.equal(perms.text, 'Unused permissions: s3, ec2');
  assert.equal(perms.lastAccessed, '2024-03-01T00:00:00.000Z');

  const key = summarizeDetails('UnusedIAMUserAccessKey', parseStoredDetails([{ kind: 'unusedIamUserAccessKey', accessKeyId: 'AKIAEXAMPLE', lastAccessed: null }]));
  assert.equal(key.text, 'Access key unused AKIAEXAMPLE');
  assert.equal(key.lastAccessed, null);
});

test('details not read yet, and shapes Warden does not know, are said plainly', () => {
  assert.equal(summarizeDetails('ExternalAccess', parseStoredDetails(null)).text, 'Details not read yet');
  const odd = parseStoredDetails([{ kind: 'somethingNew', x: 1 }]);
  assert.equal(odd?.[0]?.kind, 'unknown');
  assert.match(summarizeDetails('NewType', odd).text, /NewType: details in an unrecognised shape/);
  assert.equal(parseStoredDetails({ not: 'a list' })?.[0]?.kind, 'unknown');
});
