import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeDecision } from '@/lib/review/outcome';
import { daysAgo, report } from '@/lib/review/report-fixtures';
import type { AgendaReason, DecisionKind } from '@/lib/review/schema';

// "What became of a decision", judged from the later report against the report it was made on.

const judge = (subject: string, decision: DecisionKind, before: ReturnType<typeof report>, after: ReturnType<typeof report>, reasons: AgendaReason[] = []) =>
  judgeDecision({ subject, decision, reasons }, before, after);

const oldKey = { active: true, lastRotated: daysAgo(200), lastUsed: daysAgo(2) };

test('"keep" is done by definition', () => {
  const before = report({}, [{ user: 'ci', key1: oldKey }]);
  assert.deepEqual(judge('key:ci:1', 'keep', before, before), { status: 'done', note: 'Kept, as decided.' });
});

test('"rotate" is done when the key\'s last_rotated moved, open while the same key is active', () => {
  const before = report({}, [{ user: 'ci', key1: oldKey }]);
  const rotated = report({}, [{ user: 'ci', key1: { active: true, lastRotated: daysAgo(5), lastUsed: daysAgo(1) } }]);
  const same = report({}, [{ user: 'ci', key1: { ...oldKey, lastUsed: daysAgo(1) } }]);
  const outcome = judge('key:ci:1', 'rotate', before, rotated);
  assert.equal(outcome.status, 'done');
  assert.match(outcome.note, /^Rotated: the access key 1 created \d{4}-\d\d-\d\d is gone; the newest key was created \d{4}-\d\d-\d\d \(last_rotated moved\)\.$/);
  const stillOpen = judge('key:ci:1', 'rotate', before, same);
  assert.equal(stillOpen.status, 'open');
  assert.match(stillOpen.note, /is still active, last used/);
});

test('a rotation is recognised when the new key landed in the other slot', () => {
  const before = report({}, [{ user: 'ci', key1: oldKey, key2: { active: true, lastRotated: daysAgo(30), lastUsed: daysAgo(1) } }]);
  // Key 1 deleted, key 2 moved to slot 1, a new key in slot 2.
  const after = report({}, [{ user: 'ci', key1: { active: true, lastRotated: daysAgo(30), lastUsed: daysAgo(1) }, key2: { active: true, lastRotated: daysAgo(3) } }]);
  assert.equal(judge('key:ci:1', 'rotate', before, after).status, 'done');
  assert.equal(judge('key:ci:2', 'rotate', before, after).status, 'open');
});

test('"deactivate" a key is done when it is inactive or gone', () => {
  const before = report({}, [{ user: 'ci', key1: oldKey }]);
  assert.equal(judge('key:ci:1', 'deactivate', before, report({}, [{ user: 'ci', key1: { ...oldKey, active: false } }])).status, 'done');
  assert.equal(judge('key:ci:1', 'deactivate', before, report({}, [{ user: 'ci' }])).status, 'done');
  assert.equal(judge('key:ci:1', 'deactivate', before, before).status, 'open');
});

test('"delete" a key is open while an inactive key remains, done when it is gone', () => {
  const before = report({}, [{ user: 'ci', key1: oldKey }]);
  const inactive = judge('key:ci:1', 'delete', before, report({}, [{ user: 'ci', key1: { ...oldKey, active: false } }]));
  assert.equal(inactive.status, 'open');
  assert.match(inactive.note, /inactive but still exists: delete it/);
  assert.equal(judge('key:ci:1', 'delete', before, report({}, [{ user: 'ci' }])).status, 'done');
});

test('"delete" a user is done when the user is gone', () => {
  const before = report({}, [{ user: 'former', password: { lastUsed: 'no_information' } }, { user: 'stays', password: {} }]);
  const after = report({}, [{ user: 'stays', password: {} }]);
  assert.deepEqual(judge('user:former', 'delete', before, after), { status: 'done', note: 'The user former no longer exists.' });
  assert.deepEqual(judge('user:stays', 'delete', before, after), { status: 'open', note: 'The user stays still exists.' });
});

test('"deactivate" a user switches off what put the user on the agenda', () => {
  const before = report({}, [{ user: 'frank', password: { lastUsed: daysAgo(200) }, key1: { active: true, lastRotated: daysAgo(10), lastUsed: daysAgo(1) } }]);
  // The console password is gone; the key was not flagged and may stay.
  const after = report({}, [{ user: 'frank', key1: { active: true, lastRotated: daysAgo(10), lastUsed: daysAgo(1) } }]);
  assert.equal(judge('user:frank', 'deactivate', before, after, ['no-mfa', 'unused-password']).status, 'done');
  const open = judge('user:frank', 'deactivate', before, before, ['no-mfa']);
  assert.deepEqual(open, { status: 'open', note: 'Not yet: the console password is still enabled.' });
  // A programmatic-only user is deactivated when no key is active any more.
  assert.equal(judge('user:frank', 'deactivate', before, after, ['programmatic-only']).status, 'open');
});

test('"convert to a role" is done when the user holds no active key', () => {
  const before = report({}, [{ user: 'app', key1: oldKey }]);
  assert.equal(judge('user:app', 'convert-to-role', before, report({}, [{ user: 'app', key1: { ...oldKey, active: false } }])).status, 'done');
  assert.equal(judge('user:app', 'convert-to-role', before, before).status, 'open');
});

test('root: deleting root keys is done when none is left; an MFA-only item is done when root has MFA', () => {
  const withKey = report({ key1: { active: true, lastRotated: daysAgo(400), lastUsed: daysAgo(3) } }, []);
  assert.equal(judge('root', 'delete', withKey, report({}, [])).status, 'done');
  assert.equal(judge('root', 'delete', withKey, withKey).status, 'open');
  const noMfa = report({ mfa: false }, []);
  assert.equal(judge('root', 'deactivate', noMfa, noMfa).status, 'open');
  assert.equal(judge('root', 'deactivate', noMfa, report({ mfa: true }, [])).status, 'done');
});

test('a subject missing from the decision\'s own report is left open for a person to check', () => {
  const before = report({}, []);
  assert.equal(judge('user:ghost', 'delete', before, before).status, 'open');
  assert.equal(judge('nonsense', 'delete', before, before).status, 'open');
});
