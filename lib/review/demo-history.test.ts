import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCredentialReport } from '@/lib/credential-report/parse';
import { buildAgenda } from '@/lib/review/agenda';
import { demoDecision, pastAccountState } from '@/lib/review/demo-history';
import { diffCredentialReports } from '@/lib/review/diff';
import { buildCredentialReportCsv } from '@/lib/sandbox/credential-report';
import { generateDemoState } from '@/lib/sandbox/generate';
import { DAY_MS } from '@/lib/dates';

const now = new Date('2026-06-15T12:00:00Z');
const asOf = new Date(now.getTime() - 33 * DAY_MS);
const t = { unusedCredentialDays: 45, keyRotationDays: 90 };
const state = generateDemoState({ seed: 5, now });

function account(name: string) {
  const found = state.accounts.find((a) => a.name === name);
  assert.ok(found, name);
  return found;
}

test('the past account lacks users created since, and writes a valid credential report', () => {
  for (const current of state.accounts) {
    const past = pastAccountState(current, { now, asOf, keyRotationDays: 90 });
    const entries = parseCredentialReport(buildCredentialReportCsv(past));
    const names = entries.filter((e) => !e.isRoot).map((e) => e.user);
    for (const user of current.users) {
      assert.equal(names.includes(user.userName), user.createDate <= asOf, `${current.name}/${user.userName}`);
    }
    for (const user of past.users) {
      for (const key of user.accessKeys) {
        assert.ok(key.createDate <= asOf, `${user.userName}: no key from the future`);
        assert.ok(!key.lastUsed || key.lastUsed.date <= asOf, `${user.userName}: no use from the future`);
      }
      assert.ok(user.passwordLastUsed === null || user.passwordLastUsed <= asOf);
      assert.ok(user.mfaDevices.every((d) => d.enableDate <= asOf));
    }
  }
  // The input is left as it was.
  assert.ok(account('acme-staging').users.some((u) => u.createDate > asOf));
});

test('a key created since, of a user older than the rotation limit, replaced an older key: a rotation in the diff', () => {
  const production = account('acme-production');
  const past = parseCredentialReport(buildCredentialReportCsv(pastAccountState(production, { now, asOf, keyRotationDays: 90 })));
  const current = parseCredentialReport(buildCredentialReportCsv(production));
  const changes = diffCredentialReports({ entries: past, at: asOf }, { entries: current, at: now }, t);
  assert.ok(changes.some((c) => c.kind === 'key-rotated' && c.user === 'ci-deployer'), changes.map((c) => c.detail).join('\n'));
  // The replaced key was old and unused then: on last month's agenda, decided "rotate".
  const agenda = buildAgenda(past, asOf, t);
  const old = agenda.find((item) => item.userName === 'ci-deployer' && item.kind === 'key' && item.reasons.includes('old-key'));
  assert.ok(old);
  assert.equal(demoDecision(old, production).decision, 'rotate');
});

test('a sign-in after the date shows the last one before it from the sandbox\'s CloudTrail history', () => {
  const staging = account('acme-staging');
  const past = pastAccountState(staging, { now, asOf, keyRotationDays: 90 });
  const logins = Object.values(staging.events)
    .flat()
    .filter((e) => e.eventName === 'ConsoleLogin' && e.userIdentity.type === 'Root' && e.errorMessage === null && e.eventTime <= asOf)
    .map((e) => e.eventTime.getTime());
  assert.ok(logins.length > 0);
  assert.equal(past.root.passwordLastUsed?.getTime(), Math.max(...logins));
});

test('every demo decision is complete: owner, due date unless kept, justification when kept', () => {
  for (const current of state.accounts) {
    const entries = parseCredentialReport(buildCredentialReportCsv(pastAccountState(current, { now, asOf, keyRotationDays: 90 })));
    for (const item of buildAgenda(entries, asOf, t)) {
      const decision = demoDecision(item, current);
      assert.ok(decision.owner.length > 0);
      if (decision.decision === 'keep') assert.ok(decision.justification && decision.dueInDays === null);
      else assert.ok(decision.dueInDays !== null && decision.dueInDays > 0);
    }
  }
});
