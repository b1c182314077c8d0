import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DEMO_CHECKLIST_ITEMS, evaluateDemoChecklist, type DemoChecklistItem } from './demo-checklist';
import { generateDemoState } from './generate';
import type { AccountState, CloudTrailEventRecord } from './model';
import { DAY_MS } from '@/lib/dates';

const NOW = new Date('2025-06-15T12:00:00Z');
const state = generateDemoState({ seed: 11, now: NOW });

function account(name: string): AccountState {
  const found = state.accounts.find((a) => a.name === name);
  assert.ok(found, `account ${name}`);
  return found;
}

const allEvents = (a: AccountState): CloudTrailEventRecord[] => Object.values(a.events).flat();
const age = (date: Date) => Math.floor((NOW.getTime() - date.getTime()) / DAY_MS);

test('the same seed and clock build the same organisation; another seed builds another', () => {
  const again = generateDemoState({ seed: 11, now: NOW });
  assert.deepEqual(again, state);
  const other = generateDemoState({ seed: 12, now: NOW });
  assert.notEqual(other.accounts[0]?.id, state.accounts[0]?.id);
  assert.deepEqual(
    other.accounts.map((a) => a.name),
    state.accounts.map((a) => a.name),
  );
});

test('a management account, two members and a standalone account, with real id formats', () => {
  assert.deepEqual(
    state.accounts.map((a) => [a.name, a.role]),
    [
      ['acme-management', 'management'],
      ['acme-production', 'member'],
      ['acme-staging', 'member'],
      ['acme-legacy', 'standalone'],
    ],
  );
  assert.match(state.organization.id, /^o-[a-z0-9]{10}$/);
  for (const a of state.accounts) {
    assert.match(a.id, /^[1-9]\d{11}$/);
    for (const user of a.users) {
      assert.match(user.userId, /^AIDA[A-Z2-7]{17}$/);
      assert.equal(user.arn, `arn:aws:iam::${a.id}:user${user.path}${user.userName}`);
      for (const key of user.accessKeys) assert.match(key.accessKeyId, /^AKIA[A-Z2-7]{16}$/);
    }
    for (const role of a.roles) assert.match(role.roleId, /^AROA[A-Z2-7]{17}$/);
    for (const policy of a.customerPolicies) assert.match(policy.policyId, /^ANPA[A-Z2-7]{17}$/);
    for (const finding of a.findings) assert.match(finding.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  }
  assert.match(state.baseCredentials.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
});

test('key ages and uses are relative to now: fresh, 60, 91 and 400 days; used yesterday and never', () => {
  const keys = state.accounts.flatMap((a) => a.users.flatMap((u) => u.accessKeys));
  const ages = new Set(keys.map((k) => age(k.createDate)));
  for (const days of [10, 60, 91, 400]) assert.ok(ages.has(days), `a key ${days} days old`);
  assert.ok(keys.some((k) => k.lastUsed === null), 'a key never used');
  assert.ok(keys.some((k) => k.lastUsed !== null && age(k.lastUsed.date) === 1), 'a key used yesterday');
  const alice = account('acme-management').users.find((u) => u.userName === 'alice.martin');
  assert.equal(alice && age(alice.accessKeys[0]?.createDate ?? NOW), 91);
});

test('users with and without passwords, MFA and keys; weak, strong and missing password policies', () => {
  const users = state.accounts.flatMap((a) => a.users);
  assert.ok(users.some((u) => u.passwordEnabled && u.mfaDevices.length > 0));
  assert.ok(users.some((u) => u.passwordEnabled && u.mfaDevices.length === 0));
  assert.ok(users.some((u) => !u.passwordEnabled && u.accessKeys.length > 0));
  assert.ok(users.some((u) => u.accessKeys.length === 2));
  assert.ok(users.some((u) => u.passwordEnabled && u.passwordLastUsed === null));
  assert.equal(account('acme-management').passwordPolicy?.minimumPasswordLength, 14);
  assert.equal(account('acme-staging').passwordPolicy?.minimumPasswordLength, 8);
  assert.equal(account('acme-legacy').passwordPolicy, null);
  assert.equal(account('acme-legacy').root.accessKeys.length, 1);
  assert.equal(account('acme-staging').root.mfa, null);
});

test('findings of every type and every status', () => {
  const findings = state.accounts.flatMap((a) => a.findings);
  for (const type of ['ExternalAccess', 'InternalAccess', 'UnusedIAMRole', 'UnusedIAMUserAccessKey', 'UnusedIAMUserPassword', 'UnusedPermission']) {
    assert.ok(findings.some((f) => f.findingType === type), type);
  }
  for (const status of ['ACTIVE', 'ARCHIVED', 'RESOLVED']) {
    assert.ok(findings.some((f) => f.status === status && f.findingType === 'ExternalAccess'), `external ${status}`);
    assert.ok(findings.some((f) => f.status === status && f.findingType.startsWith('Unused')), `unused ${status}`);
  }
});

test('CloudTrail history has every key event, logins with and without MFA, cross-account AssumeRole and root activity in some accounts only', () => {
  const events = state.accounts.flatMap(allEvents);
  for (const name of ['CreateUser', 'CreateAccessKey', 'AttachUserPolicy', 'CreateRole', 'UpdateAssumeRolePolicy', 'ConsoleLogin', 'AssumeRole']) {
    assert.ok(events.some((e) => e.eventName === name), name);
  }
  const logins = events.filter((e) => e.eventName === 'ConsoleLogin' && e.userIdentity.type === 'IAMUser');
  assert.ok(logins.some((e) => e.additionalEventData?.MFAUsed === 'Yes'));
  assert.ok(logins.some((e) => e.additionalEventData?.MFAUsed === 'No'));
  assert.ok(events.some((e) => e.eventName === 'AssumeRole' && e.userIdentity.type === 'AWSAccount' && e.userIdentity.accountId !== e.recipientAccountId));
  const withRoot = state.accounts.filter((a) => allEvents(a).some((e) => e.userIdentity.type === 'Root')).map((a) => a.name);
  assert.deepEqual(withRoot, ['acme-staging', 'acme-legacy']);
  for (const a of state.accounts) {
    for (const list of Object.values(a.events)) {
      for (let i = 1; i < list.length; i++) assert.ok((list[i - 1]?.eventTime.getTime() ?? 0) >= (list[i]?.eventTime.getTime() ?? 0), 'newest first');
      assert.ok(list.every((e) => NOW.getTime() - e.eventTime.getTime() <= 90 * DAY_MS && e.eventTime <= NOW), 'within the last 90 days');
    }
  }
});

test('every checklist item 1–13 fails in at least one demo account and passes in another', () => {
  const results = state.accounts.map((a) => ({ name: a.name, result: evaluateDemoChecklist(state, a, NOW) }));
  for (const key of Object.keys(DEMO_CHECKLIST_ITEMS)) {
    const item = Number(key) as DemoChecklistItem;
    const values = results.map((r) => r.result.items[item]);
    assert.ok(values.includes(true), `item ${item} (${DEMO_CHECKLIST_ITEMS[item]}) passes somewhere: ${JSON.stringify(values)}`);
    assert.ok(values.includes(false), `item ${item} (${DEMO_CHECKLIST_ITEMS[item]}) fails somewhere: ${JSON.stringify(values)}`);
  }
  const byName = Object.fromEntries(results.map((r) => [r.name, r.result]));
  assert.equal(byName['acme-management']?.items[10], null, 'SCPs never apply to the management account');
  assert.equal(byName['acme-legacy']?.items[10], false, 'the standalone account has no SCPs');
  assert.equal(byName['acme-production']?.items[10], true, 'customer SCPs are attached to its OU and to the account');
  assert.equal(byName['acme-staging']?.items[10], false, 'the organization defines customer SCPs, but none is attached to Workloads/Staging, Workloads or the root');
  assert.deepEqual(
    results.map((r) => r.result.serviceRolesScoped),
    [true, true, false, false],
  );
  assert.deepEqual(
    results.map((r) => r.result.rootUnused),
    [true, true, false, false],
  );
});

test('the documented matrix of the demo organisation holds for other seeds too', () => {
  for (const seed of [1, 2, 3, 42]) {
    const other = generateDemoState({ seed, now: NOW });
    const matrix = other.accounts.map((a) =>
      Object.values(evaluateDemoChecklist(other, a, NOW).items)
        .map((v) => (v === null ? '-' : v ? 'P' : 'F'))
        .join(''),
    );
    assert.deepEqual(matrix, ['PPPPPFPPP-PPP', 'PPFPFPPFPPFPP', 'FPFFFFFPFFFFF', 'FFFFFFFFFFFFF'], `seed ${seed}`);
  }
});
