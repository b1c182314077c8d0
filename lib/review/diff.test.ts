import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCredentialReport } from '@/lib/credential-report/parse';
import { diffCredentialReports } from '@/lib/review/diff';
import { daysAgo, report, reportTime } from '@/lib/review/report-fixtures';
import { DAY_MS, isoDate } from '@/lib/dates';

const t = { unusedCredentialDays: 45, keyRotationDays: 90 };
// The earlier report was generated 30 days before the later one.
const earlier = new Date(reportTime.getTime() - 30 * DAY_MS);
const ago = (days: number) => daysAgo(days, reportTime);
const kinds = (changes: ReturnType<typeof diffCredentialReports>) => changes.map((c) => `${c.kind} ${c.user}${c.slot ? `#${c.slot}` : ''}`);

test('identical reports have no changes', () => {
  const users = [{ user: 'alice', password: { lastUsed: ago(1) }, mfa: true, key1: { active: true, lastRotated: ago(10), lastUsed: ago(1) } }];
  const entries = report({}, users);
  assert.deepEqual(diffCredentialReports({ entries, at: earlier }, { entries: report({}, users), at: earlier }, t), []);
});

test('users added and removed, with what they hold', () => {
  const before = report({}, [{ user: 'alice', password: { lastUsed: ago(31) }, mfa: true }, { user: 'old-contractor', password: { lastUsed: ago(100) } }]);
  const after = report({}, [
    { user: 'alice', password: { lastUsed: ago(31) }, mfa: true },
    { user: 'new-app', created: ago(5), key1: { active: true, lastRotated: ago(5) } },
  ]);
  const changes = diffCredentialReports({ entries: before, at: earlier }, { entries: after, at: reportTime }, t);
  assert.deepEqual(kinds(changes), ['user-added new-app', 'user-removed old-contractor']);
  assert.equal(changes[0]?.group, 'users');
  assert.match(changes[0]?.detail ?? '', /new-app added \(created \d{4}-\d\d-\d\d\): no console password, 1 active access key\./);
  assert.match(changes[1]?.detail ?? '', /old-contractor removed \(had console password without MFA, no active access key\)/);
});

test('console passwords and MFA turned on and off', () => {
  const before = report({}, [{ user: 'bob' }, { user: 'carol', password: {}, mfa: true }, { user: 'dave', password: {}, mfa: false }]);
  const after = report({}, [{ user: 'bob', password: {} }, { user: 'carol', mfa: false }, { user: 'dave', password: {}, mfa: true }]);
  const changes = diffCredentialReports({ entries: before, at: earlier }, { entries: after, at: reportTime }, t);
  assert.deepEqual(kinds(changes), ['password-enabled bob', 'password-disabled carol', 'mfa-disabled carol', 'mfa-enabled dave']);
  assert.equal(changes[0]?.detail, 'bob: console password turned on (without MFA).');
  assert.deepEqual(changes.map((c) => c.group), ['console', 'console', 'mfa', 'mfa']);
});

test('keys created, rotated, deactivated and deleted are told apart by creation date, not slot', () => {
  const before = report({}, [
    { user: 'rotator', key1: { active: true, lastRotated: ago(120), lastUsed: ago(2) } },
    // Key 1 is deleted: AWS then lists the remaining key in slot 1, which is not a rotation.
    { user: 'shifter', key1: { active: true, lastRotated: ago(200), lastUsed: ago(3) }, key2: { active: true, lastRotated: ago(20), lastUsed: ago(1) } },
    { user: 'pauser', key1: { active: true, lastRotated: ago(60), lastUsed: ago(1) } },
    { user: 'grower', key1: { active: true, lastRotated: ago(60), lastUsed: ago(1) } },
  ]);
  const after = report({}, [
    { user: 'rotator', key1: { active: true, lastRotated: ago(3), lastUsed: ago(1) } },
    { user: 'shifter', key1: { active: true, lastRotated: ago(20), lastUsed: ago(1) } },
    { user: 'pauser', key1: { active: false, lastRotated: ago(60), lastUsed: ago(25) } },
    { user: 'grower', key1: { active: true, lastRotated: ago(60), lastUsed: ago(1) }, key2: { active: true, lastRotated: ago(4) } },
  ]);
  const changes = diffCredentialReports({ entries: before, at: earlier }, { entries: after, at: reportTime }, t);
  assert.deepEqual(kinds(changes), ['key-created grower#2', 'key-deactivated pauser#1', 'key-rotated rotator#1', 'key-deleted shifter']);
  const rotated = changes.find((c) => c.kind === 'key-rotated');
  assert.equal(rotated?.detail, `rotator: access key 1 rotated — the key created ${isoDate(ago(120))} is gone, the new one was created ${isoDate(ago(3))}.`);
  assert.equal(changes.find((c) => c.kind === 'key-deleted')?.detail, `shifter: access key 1 (created ${isoDate(ago(200))}) deleted.`);
});

test('keys that became stale or old since the last review, judged at each report\'s own time', () => {
  const before = report({}, [
    // Unused for 20 days at the earlier report, 50 at the later one.
    { user: 'idle', key1: { active: true, lastRotated: ago(80), lastUsed: ago(50) } },
    // 70 days old at the earlier report, 100 at the later one.
    { user: 'ageing', key1: { active: true, lastRotated: ago(100), lastUsed: ago(1) } },
    // Already stale and old before: not a change.
    { user: 'always-bad', key1: { active: true, lastRotated: ago(400), lastUsed: ago(200) } },
    // Never used, created 40 days before the later report: stale only when measured from creation passes 45.
    { user: 'fresh', key1: { active: true, lastRotated: ago(40) } },
  ]);
  const after = parseCredentialReport(
    [
      'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
      `<root_account>,arn:aws:iam::123456789012:root,2019-01-01T00:00:00+00:00,not_supported,no_information,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
      `idle,arn:aws:iam::123456789012:user/idle,2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,${ago(80)},${ago(50)},us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
      `ageing,arn:aws:iam::123456789012:user/ageing,2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,${ago(100)},${ago(1)},eu-west-1,ec2,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
      `always-bad,arn:aws:iam::123456789012:user/always-bad,2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,${ago(400)},${ago(200)},us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
      `fresh,arn:aws:iam::123456789012:user/fresh,2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,${ago(40)},N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
    ].join('\n'),
  );
  const changes = diffCredentialReports({ entries: before, at: earlier }, { entries: after, at: reportTime }, t);
  assert.deepEqual(kinds(changes), ['key-became-old ageing#1', 'key-became-stale idle#1']);
  assert.equal(changes[1]?.detail, `idle: access key 1 (created ${isoDate(ago(80))}) became unused: 50 days without use, more than 45.`);
  assert.ok(changes.every((c) => c.group === 'thresholds'));
});

test('root changes: MFA, keys and sign-ins are grouped under the root account', () => {
  const before = report({ mfa: false, passwordLastUsed: ago(60), key1: { active: true, lastRotated: ago(400), lastUsed: ago(40) } }, []);
  const after = report({ mfa: true, passwordLastUsed: ago(2) }, []);
  const changes = diffCredentialReports({ entries: before, at: earlier }, { entries: after, at: reportTime }, t);
  assert.deepEqual(kinds(changes), ['mfa-enabled <root_account>', 'root-password-used <root_account>', 'key-deleted <root_account>']);
  assert.ok(changes.every((c) => c.group === 'root'));
  assert.equal(changes[0]?.detail, 'Root: MFA turned on.');
  assert.equal(changes[2]?.detail, `Root: root access key 1 (created ${isoDate(ago(400))}) deleted.`);
});

test('a root key used since the last review is a root change', () => {
  const before = report({ key1: { active: true, lastRotated: ago(400), lastUsed: ago(40) } }, []);
  const after = report({ key1: { active: true, lastRotated: ago(400), lastUsed: ago(3), service: 'ec2' } }, []);
  const changes = diffCredentialReports({ entries: before, at: earlier }, { entries: after, at: reportTime }, t);
  assert.deepEqual(kinds(changes), ['root-key-used <root_account>#1']);
  assert.match(changes[0]?.detail ?? '', /used: last used \d{4}-\d\d-\d\d via ec2\.$/);
});
