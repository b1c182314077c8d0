import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { listAuditLog, recordAudit } from '@/lib/audit/queries';

// The audit log's action filter is a prefix typed by an admin: it matches the same events on
// SQLite and PostgreSQL, whose LIKEs differ on case.

before(async () => {
  await recordAudit('alice', 'settings.update', 'keyRotationDays');
  await recordAudit('alice', 'user.create', 'nina');
  await recordAudit('bob', 'user.update', 'nina');
});

const actions = async (action: string, actor?: string) => (await listAuditLog({ page: 1, action, actor })).entries.map((e) => e.action).sort();

test('the action filter is a prefix, ASCII letters in either case', async () => {
  assert.deepEqual(await actions('user.'), ['user.create', 'user.update']);
  assert.deepEqual(await actions('USER.'), ['user.create', 'user.update']);
  assert.deepEqual(await actions('Settings'), ['settings.update']);
  assert.deepEqual(await actions('update'), []);
});

test('the actor is matched exactly, as on both databases', async () => {
  assert.deepEqual(await actions('user.', 'bob'), ['user.update']);
  assert.deepEqual(await actions('user.', 'BOB'), []);
});
