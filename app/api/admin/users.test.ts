import '@/lib/testing/test-store';
import '@/lib/testing/sign-in-required';
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { db } from '@/lib/db';
import { browserRequest, sessionCookieFor } from '@/lib/testing/auth-fixture';
import { findSession } from '@/lib/auth/sessions';
import { userListSchema } from '@/lib/auth/schema';
import { GET as listUsers, POST as createUser } from '@/app/api/admin/users/route';
import { PATCH as updateUser } from '@/app/api/admin/users/[id]/route';
import { POST as signIn } from '@/app/api/auth/sign-in/route';

// User management by an admin: local accounts, roles, disabling, password resets — each ends the
// person's sessions at once, is recorded, and never leaves Warden without an enabled admin.

let admin: { cookie: string; name: string; userId: string };
const password = 'a perfectly fine passphrase';

before(async () => {
  admin = await sessionCookieFor('admin');
});

const patch = (id: string, body: unknown, cookie = admin.cookie) =>
  updateUser(browserRequest(`/api/admin/users/${id}`, { method: 'PATCH', headers: { cookie }, body }), { params: Promise.resolve({ id }) });

async function signInAs(username: string, pw: string): Promise<string | null> {
  const res = await signIn(browserRequest('/api/auth/sign-in', { method: 'POST', body: { username, password: pw } }));
  return res.ok ? (/^[^=]+=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? null) : null;
}

describe('users', () => {
  test('an admin adds a local account with a role; it signs in; the creation is recorded', async () => {
    const res = await createUser(browserRequest('/api/admin/users', { method: 'POST', headers: { cookie: admin.cookie }, body: { username: 'Nina', role: 'triager', password } }));
    assert.equal(res.status, 201);
    assert.ok(await signInAs('nina', password));
    const list = userListSchema.parse(await (await listUsers(browserRequest('/api/admin/users', { headers: { cookie: admin.cookie } }))).json());
    const nina = list.users.find((u) => u.name === 'nina');
    assert.equal(nina?.role, 'triager');
    assert.equal(nina?.source, 'local');
    assert.equal(JSON.stringify(list).includes('scrypt'), false, 'no password hash leaves the server');
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'user.create', target: 'nina' } });
    assert.equal(event.actor, admin.name);
  });

  test('bad input names the field; a short password and a taken username are refused', async () => {
    const post = (body: unknown) => createUser(browserRequest('/api/admin/users', { method: 'POST', headers: { cookie: admin.cookie }, body }));
    assert.match(((await (await post({ username: 'x y', role: 'viewer', password })).json()) as { error: string }).error, /^username:/);
    assert.match(((await (await post({ username: 'oscar', role: 'owner', password })).json()) as { error: string }).error, /^role:/);
    assert.match(((await (await post({ username: 'oscar', role: 'viewer', password: 'short' })).json()) as { error: string }).error, /at least 12/);
    assert.equal((await post({ username: 'nina', role: 'viewer', password })).status, 409);
  });

  test('a role change or disabling ends the person’s sessions at once and is recorded', async () => {
    await createUser(browserRequest('/api/admin/users', { method: 'POST', headers: { cookie: admin.cookie }, body: { username: 'paul', role: 'admin', password } }));
    const user = await db.user.findUniqueOrThrow({ where: { username: 'paul' } });
    const token = await signInAs('paul', password);
    assert.ok(token && (await findSession(token)));
    assert.equal((await patch(user.id, { role: 'viewer' })).status, 200);
    assert.equal(await findSession(token ?? ''), null);
    const again = await signInAs('paul', password);
    assert.equal((await findSession(again ?? ''))?.role, 'viewer');
    assert.equal((await patch(user.id, { disabled: true })).status, 200);
    assert.equal(await findSession(again ?? ''), null);
    assert.equal(await signInAs('paul', password), null);
    const events = await db.auditEvent.findMany({ where: { action: 'user.update', target: 'paul' }, orderBy: { at: 'asc' } });
    assert.deepEqual(events.map((e) => Object.keys(e.details as object).filter((k) => k !== 'userId' && k !== 'endedSessions')), [['role'], ['disabled']]);
  });

  test('a password reset replaces the password and ends sessions', async () => {
    await createUser(browserRequest('/api/admin/users', { method: 'POST', headers: { cookie: admin.cookie }, body: { username: 'quinn', role: 'viewer', password } }));
    const user = await db.user.findUniqueOrThrow({ where: { username: 'quinn' } });
    const token = await signInAs('quinn', password);
    assert.equal((await patch(user.id, { password: 'another fine passphrase' })).status, 200);
    assert.equal(await findSession(token ?? ''), null);
    assert.equal(await signInAs('quinn', password), null);
    assert.ok(await signInAs('quinn', 'another fine passphrase'));
  });

  test('the last enabled admin cannot be demoted or disabled', async () => {
    // Every other admin is disabled first.
    await db.user.updateMany({ where: { role: 'admin', id: { not: admin.userId } }, data: { disabled: true } });
    const demote = await patch(admin.userId, { role: 'viewer' });
    assert.equal(demote.status, 409);
    assert.equal((await patch(admin.userId, { disabled: true })).status, 409);
    assert.equal((await db.user.findUniqueOrThrow({ where: { id: admin.userId } })).role, 'admin');
  });

  test('a single sign-on user’s role comes from their groups and cannot be set here; they can be disabled', async () => {
    const sso = await db.user.create({ data: { source: 'oidc', issuer: 'https://idp.example', subject: 's-1', name: 'rita@example.com', role: 'viewer' } });
    const res = await patch(sso.id, { role: 'admin' });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { error: string }).error, /comes from their groups/);
    assert.equal((await patch(sso.id, { disabled: true })).status, 200);
  });

  test('a non-admin cannot change anyone, not even themselves', async () => {
    const triager = await sessionCookieFor('triager');
    assert.equal((await patch(triager.userId, { role: 'admin' }, triager.cookie)).status, 403);
    assert.equal((await db.user.findUniqueOrThrow({ where: { id: triager.userId } })).role, 'triager');
  });
});
