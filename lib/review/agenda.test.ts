import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAgenda, describeSubject } from '@/lib/review/agenda';
import { parseSubject, subjectId } from '@/lib/review/subject';
import { daysAgo, report, reportTime } from '@/lib/review/report-fixtures';
import { isoDate } from '@/lib/dates';

const t = { unusedCredentialDays: 45, keyRotationDays: 90 };

test('the agenda lists every user, key and root credential that needs a decision, root first', () => {
  const entries = report({ mfa: false, key1: { active: false, lastRotated: daysAgo(700) } }, [
    // Fine: console with MFA, used recently, fresh key.
    { user: 'alice', password: { lastUsed: daysAgo(1) }, mfa: true, key1: { active: true, lastRotated: daysAgo(30), lastUsed: daysAgo(1) } },
    // Console without MFA, password unused for 46 days (never used: measured from when it was set).
    { user: 'bob', password: { lastUsed: 'N/A', lastChanged: daysAgo(46) } },
    // Exactly 45 days: not over the limit.
    { user: 'carol', password: { lastUsed: daysAgo(45) }, mfa: true },
    // Programmatic-only, key 1 old and unused, key 2 inactive (not on the agenda).
    { user: 'deployer', key1: { active: true, lastRotated: daysAgo(120), lastUsed: daysAgo(60) }, key2: { active: false, lastRotated: daysAgo(300) } },
    // A console user whose key is old but in use.
    { user: 'erin', password: { lastUsed: daysAgo(2) }, mfa: true, key2: { active: true, lastRotated: daysAgo(91), lastUsed: daysAgo(2) } },
  ]);
  const agenda = buildAgenda(entries, reportTime, t);
  assert.deepEqual(
    agenda.map((item) => [item.subject, item.reasons.join('+')]),
    [
      ['root', 'root-key+root-no-mfa'],
      ['user:bob', 'no-mfa+unused-password'],
      ['user:deployer', 'programmatic-only'],
      ['key:deployer:1', 'stale-key+old-key'],
      ['key:erin:2', 'old-key'],
    ],
  );
  assert.equal(agenda[3]?.slot, 1);
  assert.equal(agenda[3]?.kind, 'key');
  assert.equal(agenda[0]?.userName, '<root_account>');
});

test('a clean report has an empty agenda', () => {
  const entries = report({ mfa: true }, [{ user: 'alice', password: { lastUsed: daysAgo(1) }, mfa: true }]);
  assert.deepEqual(buildAgenda(entries, reportTime, t), []);
});

test('thresholds come from configuration', () => {
  const entries = report({}, [{ user: 'app', key1: { active: true, lastRotated: daysAgo(40), lastUsed: daysAgo(20) } }]);
  assert.deepEqual(buildAgenda(entries, reportTime, { unusedCredentialDays: 10, keyRotationDays: 30 }).map((item) => item.reasons.join('+')), ['programmatic-only', 'stale-key+old-key']);
});

test('evidence quotes the report, sentinels included', () => {
  const entries = report({ passwordLastUsed: daysAgo(3), key1: { active: true, lastRotated: daysAgo(400), lastUsed: daysAgo(3), region: 'eu-west-1', service: 'ec2' } }, [
    { user: 'bob', password: { lastUsed: 'no_information', lastChanged: daysAgo(80) } },
    { user: 'deployer', key1: { active: true, lastRotated: daysAgo(120) } },
  ]);
  assert.deepEqual(describeSubject(entries, 'user:bob', reportTime), [
    `Console password: yes, not used since IAM began tracking; password set ${isoDate(daysAgo(80))} (80 days before the report).`,
    'MFA: none.',
    'No active access key.',
    'User created 2024-01-01.',
  ]);
  assert.deepEqual(describeSubject(entries, 'key:deployer:1', reportTime), [
    `Access key 1: active, created ${isoDate(daysAgo(120))}, 120 days old.`,
    'Never used (last_used_date N/A).',
    'deployer: no console password; no other active key.',
  ]);
  assert.deepEqual(describeSubject(entries, 'root', reportTime), [
    'Root MFA: active.',
    `Root password last used ${isoDate(daysAgo(3))} (3 days before the report).`,
    `Root access key 1: active, created ${isoDate(daysAgo(400))}; last used ${isoDate(daysAgo(3))} (3 days before the report) via ec2 in eu-west-1.`,
  ]);
  assert.equal(describeSubject(entries, 'user:nobody', reportTime), null);
});

test('subject ids round-trip', () => {
  for (const subject of [{ kind: 'root' as const }, { kind: 'user' as const, user: 'a.b-c@d' }, { kind: 'key' as const, user: 'svc', slot: 2 as const }]) {
    assert.deepEqual(parseSubject(subjectId(subject)), subject);
  }
  assert.equal(parseSubject('key:svc:3'), null);
  assert.equal(parseSubject('group:x'), null);
});
