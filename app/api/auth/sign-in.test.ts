import '@/lib/testing/test-store';
import { currentTime } from '@/lib/clock';
import '@/lib/testing/sign-in-required';
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { db } from '@/lib/db';
import { browserRequest } from '@/lib/testing/auth-fixture';
import { createLocalUser } from '@/lib/auth/users';
import { findSession, sessionCookie } from '@/lib/auth/sessions';
import { signInLimits } from '@/lib/auth/rate-limit';
import { POST as signIn } from '@/app/api/auth/sign-in/route';
import { POST as signOut } from '@/app/api/auth/sign-out/route';
import { GET as checklist } from '@/app/api/checklist/route';

// POST /api/auth/sign-in and /api/auth/sign-out with local accounts, on a real database: cookies,
// sessions, the per-account and per-address limits, and the audit log.

const password = 'correct horse battery staple';

async function attempt(username: string, pw: string, ip = '203.0.113.7', extra: Record<string, string> = {}) {
  return signIn(browserRequest('/api/auth/sign-in', { method: 'POST', body: { username, password: pw, next: '/findings?status=ACTIVE' }, headers: { 'x-forwarded-for': ip, ...extra } }));
}

const cookieValue = (res: Response) => /^[^=]+=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '';

beforeEach(async () => {
  await db.signInAttempt.deleteMany({});
});

describe('local sign-in', () => {
  test('the right password signs in: a session in the database and an HttpOnly, SameSite=Lax cookie', async () => {
    await createLocalUser({ username: 'alice', role: 'triager', password }, 'test');
    const res = await attempt('Alice', password);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { name: string; redirect: string };
    assert.equal(body.name, 'alice');
    assert.equal(body.redirect, '/findings?status=ACTIVE');
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, new RegExp(`^${sessionCookie.plain}=[A-Za-z0-9_-]{43}; Path=/; Max-Age=\\d+; HttpOnly; SameSite=Lax$`));
    assert.doesNotMatch(cookie, /Secure/, 'not over plain http');
    const session = await findSession(cookieValue(res));
    assert.equal(session?.name, 'alice');
    assert.equal(session?.role, 'triager');
    // The database holds only the hash of the cookie value.
    assert.equal(await db.session.count({ where: { tokenHash: cookieValue(res) } }), 0);
    // The session reads the API.
    const read = await checklist(browserRequest('/api/checklist', { headers: { cookie: `${sessionCookie.plain}=${cookieValue(res)}` } }));
    assert.equal(read.status, 200);
    const events = await db.auditEvent.findMany({ where: { action: 'auth.sign-in', actor: 'alice' } });
    assert.equal(events.length, 1);
    assert.deepEqual(events[0]?.details, { method: 'password', ip: '203.0.113.7', role: 'triager' });
  });

  test('over https the cookie is Secure and __Host- prefixed, and it signs in', async () => {
    await createLocalUser({ username: 'hugo', role: 'viewer', password }, 'test');
    const res = await signIn(
      new Request('https://warden.test/api/auth/sign-in', {
        method: 'POST',
        headers: { origin: 'https://warden.test', 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'hugo', password }),
      }),
    );
    assert.equal(res.status, 200);
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^__Host-warden_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax; Secure$/);
    const read = await checklist(new Request('https://warden.test/api/checklist', { headers: { cookie: `${sessionCookie.secure}=${cookieValue(res)}` } }));
    assert.equal(read.status, 200);
  });

  test('a wrong password or unknown user: 401 with the same message, recorded as a failed sign-in by anonymous (the name tried in the details)', async () => {
    await createLocalUser({ username: 'bob', role: 'viewer', password }, 'test');
    const wrong = await attempt('bob', 'not the password at all');
    const unknown = await attempt('nobody', password);
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.deepEqual(await wrong.json(), await unknown.json());
    assert.equal(wrong.headers.get('set-cookie'), null);
    const failed = await db.auditEvent.findMany({ where: { action: 'auth.sign-in-failed' }, orderBy: { at: 'asc' } });
    assert.deepEqual(
      failed.slice(-2).map((e) => [e.actor, e.target, (e.details as { attempted: string }).attempted, (e.details as { reason: string }).reason]),
      [
        ['anonymous', null, 'bob', 'wrong password'],
        ['anonymous', null, 'nobody', 'unknown username'],
      ],
    );
  });

  test('a disabled account cannot sign in, even with the right password', async () => {
    const user = await createLocalUser({ username: 'carol', role: 'admin', password }, 'test');
    await db.user.update({ where: { id: user.id }, data: { disabled: true } });
    const res = await attempt('carol', password);
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('set-cookie'), null);
  });

  test(`after ${signInLimits.perAccount} failures an account is refused with 429 and Retry-After, even with the right password; other accounts are not`, async () => {
    await createLocalUser({ username: 'dave', role: 'viewer', password }, 'test');
    await createLocalUser({ username: 'erin', role: 'viewer', password }, 'test');
    for (let i = 0; i < signInLimits.perAccount; i++) assert.equal((await attempt('dave', `wrong password ${i}`, `198.51.100.${i}`)).status, 401);
    const limited = await attempt('dave', password, '198.51.100.99');
    assert.equal(limited.status, 429);
    assert.match(((await limited.json()) as { error: string }).error, /^Too many failed sign-ins for this account\. Try again in \d+ minutes?\.$/);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.equal(limited.headers.get('set-cookie'), null);
    assert.equal((await attempt('erin', password, '198.51.100.99')).status, 200);
    const limitedEvents = await db.auditEvent.findMany({ where: { action: 'auth.sign-in-limited', actor: 'anonymous' } });
    assert.ok(limitedEvents.some((e) => (e.details as { attempted?: string }).attempted === 'dave'));
  });

  test('a success clears the account’s earlier failures', async () => {
    await createLocalUser({ username: 'frank', role: 'viewer', password }, 'test');
    for (let i = 0; i < signInLimits.perAccount - 1; i++) await attempt('frank', 'wrong password!!');
    assert.equal((await attempt('frank', password)).status, 200);
    for (let i = 0; i < signInLimits.perAccount - 1; i++) assert.equal((await attempt('frank', 'wrong password!!')).status, 401);
    assert.equal((await attempt('frank', password)).status, 200);
  });

  test(`after ${signInLimits.perAddress} failures from one address it is refused for every account; other addresses are not`, async () => {
    await createLocalUser({ username: 'grace', role: 'viewer', password }, 'test');
    for (let i = 0; i < signInLimits.perAddress; i++) assert.equal((await attempt(`guess${i}`, 'wrong password!!', '192.0.2.50')).status, 401);
    const limited = await attempt('grace', password, '192.0.2.50');
    assert.equal(limited.status, 429);
    assert.match(((await limited.json()) as { error: string }).error, /from your address/);
    assert.equal((await attempt('grace', password, '192.0.2.51')).status, 200);
  });

  test('sign-out ends the session, clears the cookie and is recorded', async () => {
    await createLocalUser({ username: 'ivan', role: 'viewer', password }, 'test');
    const token = cookieValue(await attempt('ivan', password));
    const cookie = `${sessionCookie.plain}=${token}`;
    const res = await signOut(browserRequest('/api/auth/sign-out', { method: 'POST', headers: { cookie } }));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('set-cookie') ?? '', /^warden_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax$/);
    assert.equal(await findSession(token), null);
    assert.equal((await checklist(browserRequest('/api/checklist', { headers: { cookie } }))).status, 401);
    assert.ok(await db.auditEvent.findFirst({ where: { action: 'auth.sign-out', actor: 'ivan' } }));
  });

  test('a session ends after the idle timeout and at its absolute end', async () => {
    await createLocalUser({ username: 'judy', role: 'viewer', password }, 'test');
    const token = cookieValue(await attempt('judy', password));
    const session = await db.session.findFirstOrThrow({ where: { user: { username: 'judy' } } });
    const idleMs = 30 * 60_000;
    assert.ok(await findSession(token, new Date(session.lastSeenAt.getTime() + idleMs - 60_000)));
    const seen = (await db.session.findUniqueOrThrow({ where: { id: session.id } })).lastSeenAt;
    assert.equal(await findSession(token, new Date(seen.getTime() + idleMs + 1000)), null);
    assert.equal(await db.session.count({ where: { id: session.id } }), 0, 'an idle session is deleted');

    const second = cookieValue(await attempt('judy', password));
    const row = await db.session.findFirstOrThrow({ where: { user: { username: 'judy' } } });
    await db.session.update({ where: { id: row.id }, data: { expiresAt: new Date(currentTime().getTime() - 1000) } });
    assert.equal(await findSession(second), null);
  });

  test('signing in ends the session this browser held before', async () => {
    await createLocalUser({ username: 'mia', role: 'viewer', password }, 'test');
    const first = cookieValue(await attempt('mia', password));
    const second = cookieValue(await attempt('mia', password, '203.0.113.7', { cookie: `${sessionCookie.plain}=${first}` }));
    assert.equal(await findSession(first), null);
    assert.ok(await findSession(second));
  });

  test('sign-in from another site is refused before any password is checked', async () => {
    await createLocalUser({ username: 'kim', role: 'viewer', password }, 'test');
    const res = await signIn(
      new Request('http://warden.test/api/auth/sign-in', { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kim', password }) }),
    );
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('set-cookie'), null);
    assert.equal(await db.signInAttempt.count({ where: { username: 'kim' } }), 0);
  });

  test('the return path after sign-in stays on this site', async () => {
    await createLocalUser({ username: 'leo', role: 'viewer', password }, 'test');
    for (const next of ['https://evil.example/', '//evil.example', '/\\evil.example', '/\t/evil.example', '/api/admin/users']) {
      const res = await signIn(browserRequest('/api/auth/sign-in', { method: 'POST', body: { username: 'leo', password, next } }));
      assert.equal(((await res.json()) as { redirect: string }).redirect, '/', next);
    }
  });
});
