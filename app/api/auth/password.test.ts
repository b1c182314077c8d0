import '@/lib/testing/test-store';
import '@/lib/testing/sign-in-required';
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { db } from '@/lib/db';
import { apiTokenFor, browserRequest } from '@/lib/testing/auth-fixture';
import { findSession, sessionCookie } from '@/lib/auth/sessions';
import { createLocalUser } from '@/lib/auth/users';
import { POST as changePassword } from '@/app/api/auth/password/route';
import { POST as signIn } from '@/app/api/auth/sign-in/route';

// Changing one's own password: the current password is asked for again, wrong guesses count
// against the account's sign-in limit, the new one follows the password rules, the person's other
// sessions end (this one stays), single sign-on users and API tokens cannot, and all is recorded.

const first = 'the first passphrase of vera';
const second = 'the second passphrase of vera';

async function signInAs(username: string, password: string, ip = '203.0.113.7'): Promise<string | null> {
  const res = await signIn(browserRequest('/api/auth/sign-in', { method: 'POST', headers: { 'x-forwarded-for': ip }, body: { username, password } }));
  return res.ok ? (/^[^=]+=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? null) : null;
}

const change = (token: string, body: unknown, ip = '203.0.113.7') =>
  changePassword(browserRequest('/api/auth/password', { method: 'POST', headers: { cookie: `${sessionCookie.plain}=${token}`, 'x-forwarded-for': ip }, body }));

const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

describe('own password', () => {
  before(async () => {
    await createLocalUser({ username: 'vera', role: 'viewer', password: first }, 'test');
  });

  test('bad input names the field; a wrong current password is refused and recorded', async () => {
    const token = (await signInAs('vera', first)) ?? assert.fail('vera signs in');
    assert.match(await errorOf(await change(token, { newPassword: second })), /^currentPassword: is required/);
    assert.match(await errorOf(await change(token, { currentPassword: first, newPassword: 'short' })), /^newPassword: must be at least 12 characters/);
    assert.match(await errorOf(await change(token, { currentPassword: first, newPassword: first })), /^newPassword: choose a password different/);
    const wrong = await change(token, { currentPassword: 'not the current one', newPassword: second });
    assert.equal(wrong.status, 400);
    assert.match(await errorOf(wrong), /^currentPassword: that is not your current password/);
    assert.equal((await db.auditEvent.count({ where: { action: 'user.password-change-failed', target: 'vera' } })), 1);
    assert.ok(await signInAs('vera', first), 'nothing changed');
  });

  test('the password changes, the other sessions end and this one stays; the change is recorded', async () => {
    const here = (await signInAs('vera', first)) ?? assert.fail('signs in');
    const elsewhere = (await signInAs('vera', first, '198.51.100.9')) ?? assert.fail('signs in elsewhere');
    const res = await change(here, { currentPassword: first, newPassword: second });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { endedSessions: number };
    assert.ok(body.endedSessions >= 1);
    assert.ok(await findSession(here), 'this session stays');
    assert.equal(await findSession(elsewhere), null, 'the other browser is signed out');
    assert.equal(await signInAs('vera', first), null, 'the old password no longer works');
    assert.ok(await signInAs('vera', second), 'the new one does');
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'user.password-change', target: 'vera' } });
    assert.equal(event.actor, 'vera');
    assert.equal(JSON.stringify(event.details).includes(second), false, 'no password in the log');
  });

  test('wrong guesses count against the account: after five, even the right password waits', async () => {
    await createLocalUser({ username: 'walt', role: 'triager', password: first }, 'test');
    const token = (await signInAs('walt', first)) ?? assert.fail('walt signs in');
    for (let i = 0; i < 5; i += 1) assert.equal((await change(token, { currentPassword: `guess number ${i}`, newPassword: second })).status, 400);
    const limited = await change(token, { currentPassword: first, newPassword: second });
    assert.equal(limited.status, 429);
    assert.match(await errorOf(limited), /Too many wrong passwords for this account/);
  });

  test('single sign-on users and API tokens cannot change a password here', async () => {
    const sso = await db.user.create({ data: { source: 'oidc', name: 'sso-sam', subject: 'sub-sam', issuer: 'https://idp.test', role: 'viewer' } });
    const { createSession } = await import('@/lib/auth/sessions');
    const { token } = await createSession(sso.id, { ip: '127.0.0.1', userAgent: 'test' });
    const res = await change(token, { currentPassword: first, newPassword: second });
    assert.equal(res.status, 400);
    assert.match(await errorOf(res), /single sign-on/);

    const { token: apiToken } = await apiTokenFor('admin');
    const viaToken = await changePassword(new Request('http://warden.test/api/auth/password', { method: 'POST', headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ currentPassword: first, newPassword: second }) }));
    assert.equal(viaToken.status, 403);
    const anonymous = await changePassword(browserRequest('/api/auth/password', { method: 'POST', body: { currentPassword: first, newPassword: second } }));
    assert.equal(anonymous.status, 401);
  });
});
