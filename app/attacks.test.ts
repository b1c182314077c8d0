import '@/lib/testing/test-store';
import '@/lib/testing/sign-in-required';
import { oidcIssuer, oidcProviderReady, provideIdentity } from '@/lib/testing/oidc-provider';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { NextRequest } from 'next/server';
import { db } from '@/lib/db';
import { decideMode, parseEnv, resetModeDecisionForTests, resolveMode } from '@/lib/env';
import { signInRequired } from '@/lib/auth/config';
import { anonymousActor, anonymousAuditCap } from '@/lib/audit/queries';
import { accountCheckLimit } from '@/lib/accounts/check-limit';
import { oidcStateCookie, pendingOidcSignInCap } from '@/lib/auth/oidc';
import { passwordHashingLimits, passwordHashingLoad } from '@/lib/auth/password';
import { apiRules, type Access, type Method } from '@/lib/auth/policy';
import { signInLimits } from '@/lib/auth/rate-limit';
import { safeReturnPath } from '@/lib/auth/request-meta';
import { roleAtLeast, type Role } from '@/lib/auth/roles';
import { sessionCookie } from '@/lib/auth/sessions';
import { createLocalUser } from '@/lib/auth/users';
import { minimumSyncIntervalMinutes } from '@/lib/settings/schedule-floor';
import { startDemoFixture, type DemoFixture } from '@/lib/testing/demo-sync';
import { apiTokenFor, appOrigin, browserRequest, createTestUser, sessionCookieFor } from '@/lib/testing/auth-fixture';
import { POST as createToken } from '@/app/api/admin/tokens/route';
import { POST as checkAccount } from '@/app/api/admin/accounts/check/route';
import { PUT as putSettings } from '@/app/api/admin/settings/route';
import { POST as createUser } from '@/app/api/admin/users/route';
import { GET as listAccounts } from '@/app/api/accounts/route';
import { POST as signIn } from '@/app/api/auth/sign-in/route';
import { GET as oidcStart } from '@/app/api/auth/oidc/start/route';
import { GET as oidcCallback } from '@/app/api/auth/oidc/callback/route';
import { GET as listCredentials } from '@/app/api/credentials/route';
import { GET as exportCredentials } from '@/app/api/credentials/export/route';
import { GET as health } from '@/app/api/health/route';
import { POST as startReview } from '@/app/api/reviews/route';
import { POST as signOff } from '@/app/api/reviews/[id]/sign-off/route';
import { GET as auditLog } from '@/app/api/admin/audit/route';
import { proxy } from '@/proxy';

// Issue 14's attacks, each repeated against the running route handlers and the proxy (sign-in
// enforced, real sessions in a temporary database, the demo sandbox behind them), together with
// the attacks that already held: anonymous and under-privileged access to every route, cross-site
// writes, open redirects, hostile names from AWS, spreadsheet formulas in exports.

const url = appOrigin;
const password = 'a long enough password';
const hostileMarkup = '<img src=x onerror=alert(1)>';
// IAM user names may contain = + - @ (and nothing a spreadsheet needs more to run a formula).
const hostileFormula = '=2+5@evil';

let fixture: DemoFixture;
let admin: { cookie: string; name: string; userId: string };
let viewer: { cookie: string; name: string; userId: string };
let triager: { cookie: string; name: string; userId: string };

before(async () => {
  await oidcProviderReady;
  fixture = await startDemoFixture({ seed: 91, extraUserNames: [hostileMarkup, hostileFormula] });
  await fixture.sync();
  admin = await sessionCookieFor('admin');
  viewer = await sessionCookieFor('viewer');
  triager = await sessionCookieFor('triager');
});

after(async () => {
  await fixture.close();
});

const errorOf = async (res: Response) => ((await res.clone().json()) as { error: string }).error;

/** The socket address as scripts/lib/peer-address.mjs reports it, for the length of `fn`. */
async function withPeerHeader<T>(fn: () => Promise<T>): Promise<T> {
  const before = process.env.WARDEN_PEER_HEADER;
  process.env.WARDEN_PEER_HEADER = 'x-test-peer';
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.WARDEN_PEER_HEADER;
    else process.env.WARDEN_PEER_HEADER = before;
  }
}

function signInRequest(username: string, pw: string, headers: Record<string, string> = {}, next?: string): Request {
  return browserRequest('/api/auth/sign-in', { method: 'POST', headers, body: { username, password: pw, ...(next ? { next } : {}) } });
}

/** A whole single sign-on: start, the provider vouches for `identity`, the callback. */
async function ssoSignIn(identity: Record<string, unknown>, next = '/findings'): Promise<{ res: Response; location: string }> {
  const start = await oidcStart(new Request(`${url}/api/auth/oidc/start?next=${encodeURIComponent(next)}`));
  assert.equal(start.status, 303, await start.clone().text());
  const authorize = new URL(start.headers.get('location') ?? '');
  const state = authorize.searchParams.get('state') ?? '';
  provideIdentity(identity, authorize.searchParams.get('nonce') ?? '');
  const res = await oidcCallback(new Request(`${url}/api/auth/oidc/callback?code=test-code&state=${state}`, { headers: { cookie: `${oidcStateCookie}=${state}` } }));
  return { res, location: res.headers.get('location') ?? '' };
}

const providerHost = new URL(oidcIssuer).host;

describe('1. sign-in cannot be turned off while the server runs', () => {
  test('sign-in decided with AWS credentials present stays required after the credentials file is removed: anonymous cannot mint an admin token', async () => {
    const home = mkdtempSync(join(tmpdir(), 'warden-home-'));
    mkdirSync(join(home, '.aws'));
    const credentials = join(home, '.aws', 'credentials');
    writeFileSync(credentials, '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = not-a-real-secret\n');
    const source: NodeJS.ProcessEnv = { NODE_ENV: 'test', HOME: home };
    const e = parseEnv({ NODE_ENV: 'test', DATABASE_URL: process.env.DATABASE_URL, WARDEN_MODE: 'auto', WARDEN_AUTH: 'auto' });
    resetModeDecisionForTests({ e, source });
    try {
      assert.equal(signInRequired(), true, 'decided at the first call: AWS mode');
      assert.equal(resolveMode(), 'aws');
      rmSync(credentials);
      // The attack's premise: decided afresh now, this would be demo mode without sign-in.
      assert.equal(decideMode(e, source).signInRequired, false);
      assert.equal(signInRequired(), true);
      const body = JSON.stringify({ name: 'backdoor', role: 'admin', expiresInDays: null });
      const headers = { origin: url, 'content-type': 'application/json' };
      const viaProxy = await proxy(new NextRequest(`${url}/api/admin/tokens`, { method: 'POST', headers, body }));
      assert.equal(viaProxy.status, 401);
      const viaHandler = await createToken(new Request(`${url}/api/admin/tokens`, { method: 'POST', headers, body }));
      assert.equal(viaHandler.status, 401);
      assert.equal(await db.apiToken.count({ where: { name: 'backdoor' } }), 0);
    } finally {
      resetModeDecisionForTests(null);
    }
  });

  test('ambiguous AWS set-ups fail closed: a key id without its secret, or a named credentials file that is missing, require sign-in', () => {
    const e = parseEnv({ NODE_ENV: 'test', WARDEN_MODE: 'auto', WARDEN_AUTH: 'auto' });
    const empty = mkdtempSync(join(tmpdir(), 'warden-empty-home-'));
    assert.equal(decideMode(e, { NODE_ENV: 'test', HOME: empty }).signInRequired, false);
    assert.equal(decideMode(e, { NODE_ENV: 'test', HOME: empty, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE' }).signInRequired, true);
    assert.equal(decideMode(e, { NODE_ENV: 'test', HOME: empty, AWS_SHARED_CREDENTIALS_FILE: join(empty, 'gone') }).signInRequired, true);
  });
});

describe('3. forged client addresses and password-hashing floods', () => {
  test('a forged X-Forwarded-For does not escape the per-address sign-in limit, and the audit log records the socket address', async () => {
    await withPeerHeader(async () => {
      const peer = '203.0.113.9';
      await createLocalUser({ username: 'xff-target', role: 'viewer', password }, 'test');
      for (let i = 0; i < signInLimits.perAddress; i++) {
        const res = await signIn(signInRequest(`xff-guess-${i}`, 'wrong password!!', { 'x-test-peer': peer, 'x-forwarded-for': `10.66.0.${i}` }));
        assert.equal(res.status, 401);
      }
      const limited = await signIn(signInRequest('xff-target', password, { 'x-test-peer': peer, 'x-forwarded-for': '10.66.9.9, 10.66.9.10' }));
      assert.equal(limited.status, 429);
      assert.match(await errorOf(limited), /from your address/);
      const failed = await db.auditEvent.findMany({ where: { action: 'auth.sign-in-failed' } });
      const mine = failed.filter((e) => String((e.details as { attempted?: string }).attempted).startsWith('xff-guess-'));
      assert.equal(mine.length, signInLimits.perAddress);
      assert.ok(mine.every((e) => (e.details as { ip: string }).ip === peer));
    });
  });

  test(`at most ${passwordHashingLimits.concurrent} password hashes run at once; beyond ${passwordHashingLimits.queued} waiting, sign-ins get 503 with a clear message`, async () => {
    await withPeerHeader(async () => {
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, passwordHashingLoad().active)), 1);
      const burst = passwordHashingLimits.concurrent + passwordHashingLimits.queued + 12;
      const responses = await Promise.all(
        Array.from({ length: burst }, (_, i) => signIn(signInRequest(`flood-${i}`, 'wrong password!!', { 'x-test-peer': `198.18.0.${i}` }))),
      ).finally(() => clearInterval(sampler));
      const statuses = responses.map((r) => r.status);
      assert.ok(statuses.every((s) => s === 401 || s === 503), statuses.join(','));
      const busy = responses.filter((r) => r.status === 503);
      assert.ok(busy.length > 0, 'some of the burst is turned away');
      assert.match(await errorOf(busy[0] as Response), /^Too many sign-ins are being checked at this moment: try again in a few seconds\.$/);
      assert.equal(busy[0]?.headers.get('retry-after'), '5');
      assert.ok(peak <= passwordHashingLimits.concurrent, `peak ${peak}`);
      assert.deepEqual(passwordHashingLoad(), { active: 0, waiting: 0 });
    });
  });
});

describe('4. anonymous audit rows', () => {
  test('a failed sign-in for an existing admin’s name is recorded as anonymous, with the name tried in the details', async () => {
    await createLocalUser({ username: 'alice', role: 'admin', password }, 'test');
    const res = await signIn(signInRequest('alice', 'not alice’s password', { 'x-forwarded-for': '192.0.2.77' }));
    assert.equal(res.status, 401);
    const events = await db.auditEvent.findMany({ where: { action: 'auth.sign-in-failed' }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: 1 });
    assert.equal(events[0]?.actor, anonymousActor);
    assert.equal(events[0]?.target, null);
    assert.equal((events[0]?.details as { attempted: string }).attempted, 'alice');
    assert.equal(await db.auditEvent.count({ where: { actor: 'alice' } }), 0);
  });

  test(`anonymous rows are capped at ${anonymousAuditCap}: the oldest go first`, async () => {
    const old = new Date('2020-01-01T00:00:00Z');
    await db.auditEvent.createMany({
      data: Array.from({ length: anonymousAuditCap }, (_, i) => ({ at: new Date(old.getTime() + i * 1000), actor: anonymousActor, action: 'auth.sign-in-failed', details: { attempted: `spray-${i}` } })),
    });
    const res = await signIn(signInRequest('spray-newest', 'wrong password!!', { 'x-forwarded-for': '192.0.2.78' }));
    assert.equal(res.status, 401);
    const where = { actor: anonymousActor, action: { in: ['auth.sign-in-failed', 'auth.sign-in-limited', 'auth.setup-failed'] } };
    assert.equal(await db.auditEvent.count({ where }), anonymousAuditCap);
    assert.equal(await db.auditEvent.count({ where: { ...where, at: old } }), 0, 'the oldest row is gone');
    const newest = await db.auditEvent.findFirst({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }] });
    assert.equal((newest?.details as { attempted: string }).attempted, 'spray-newest');
    // Signed-in people's events are not touched by the cap.
    assert.ok((await db.auditEvent.count({ where: { actor: { not: anonymousActor } } })) > 0);
  });
});

describe('5. account checks and credential exports leave a trace', () => {
  test(`an account check is audited without its ExternalId, and limited to ${accountCheckLimit.checks} per ${accountCheckLimit.windowMs / 60_000} minutes per caller`, async () => {
    const prober = await sessionCookieFor('admin');
    const externalId = 'the-secret-external-id-42';
    const probe = () =>
      checkAccount(browserRequest('/api/admin/accounts/check', { method: 'POST', headers: { cookie: prober.cookie }, body: { roleArn: 'arn:aws:iam::210987654321:role/Probe', externalId } }));
    for (let i = 0; i < accountCheckLimit.checks; i++) assert.notEqual((await probe()).status, 429, `check ${i + 1}`);
    const refused = await probe();
    assert.equal(refused.status, 429);
    assert.match(await errorOf(refused), /^at most 10 account checks per 10 minutes per person or token: try again in \d+ minutes?$/);
    const events = await db.auditEvent.findMany({ where: { action: 'account.check', actor: prober.name } });
    assert.equal(events.length, accountCheckLimit.checks);
    assert.deepEqual(events[0]?.details, { roleArn: 'arn:aws:iam::210987654321:role/Probe', externalIdGiven: true });
    assert.ok(!JSON.stringify(events).includes(externalId));
    // Another admin is not held back by the prober's checks.
    const other = await checkAccount(browserRequest('/api/admin/accounts/check', { method: 'POST', headers: { cookie: admin.cookie }, body: { roleArn: 'arn:aws:iam::210987654321:role/Probe' } }));
    assert.notEqual(other.status, 429);
  });

  test('a credential CSV export is audited with who took it and how many rows', async () => {
    const res = await exportCredentials(browserRequest('/api/credentials/export', { headers: { cookie: viewer.cookie } }));
    assert.equal(res.status, 200);
    await res.text();
    const event = await db.auditEvent.findFirst({ where: { action: 'credentials.export-csv', actor: viewer.name } });
    assert.ok(event);
    assert.ok((event.details as { rows: number }).rows > 0);
  });
});

describe('6. the session cookie over https', () => {
  test('over https a plain warden_session cookie is ignored; only __Host-warden_session signs in', async () => {
    const token = admin.cookie.slice(`${sessionCookie.plain}=`.length);
    const overHttps = (cookie: string) => new Request(`${url}/api/admin/audit`, { headers: { cookie, 'x-forwarded-proto': 'https' } });
    assert.equal((await auditLog(overHttps(`${sessionCookie.plain}=${token}`))).status, 401);
    assert.equal((await proxy(new NextRequest(`${url}/api/admin/audit`, { headers: { cookie: `${sessionCookie.plain}=${token}`, 'x-forwarded-proto': 'https' } }))).status, 401);
    assert.equal((await auditLog(overHttps(`${sessionCookie.secure}=${token}`))).status, 200);
  });
});

describe('7. DNS rebinding while sign-in is off', () => {
  test('without sign-in only loopback host names are answered; any other Host gets 421, from the proxy and the handler', async () => {
    resetModeDecisionForTests({ e: parseEnv({ NODE_ENV: 'test', DATABASE_URL: process.env.DATABASE_URL, WARDEN_MODE: 'demo', WARDEN_AUTH: 'auto' }), source: { NODE_ENV: 'test' } });
    try {
      assert.equal(signInRequired(), false);
      for (const origin of ['http://rebind.evil.example:3000', 'http://warden.test', 'http://127.0.0.1.nip.io:3000', 'http://10.0.0.5:3000']) {
        const viaHandler = await listAccounts(new Request(`${origin}/api/accounts`));
        assert.equal(viaHandler.status, 421, origin);
        assert.match(await errorOf(viaHandler), /sign-in is off \(demo mode\), so Warden answers only on loopback addresses/);
        assert.equal((await proxy(new NextRequest(`${origin}/api/accounts`))).status, 421, origin);
        assert.equal((await proxy(new NextRequest(`${origin}/`))).status, 421, origin);
      }
      const forwarded = await listAccounts(new Request('http://localhost:3000/api/accounts', { headers: { 'x-forwarded-host': 'rebind.evil.example' } }));
      assert.equal(forwarded.status, 421);
      for (const origin of ['http://localhost:3000', 'http://127.0.0.1:8080', 'http://[::1]:3000', 'http://127.3.2.1']) {
        assert.equal((await listAccounts(new Request(`${origin}/api/accounts`))).status, 200, origin);
      }
    } finally {
      resetModeDecisionForTests(null);
    }
  });
});

describe('8. the sync schedule has a floor', () => {
  test(`a schedule firing more often than every ${minimumSyncIntervalMinutes} minutes is refused from Settings (400 naming the field) and from WARDEN_SYNC_SCHEDULE (at start-up)`, async () => {
    for (const expression of ['* * * * * *', '* * * * *', '*/5 * * * *', '0,10 3 * * *']) {
      const res = await putSettings(browserRequest('/api/admin/settings', { method: 'PUT', headers: { cookie: admin.cookie }, body: { syncSchedule: expression } }));
      assert.equal(res.status, 400, expression);
      assert.match(await errorOf(res), /^syncSchedule: Sync schedule would sync every \d+ (second|minute)s?; the shortest interval Warden allows is 15 minutes/);
      assert.throws(() => parseEnv({ NODE_ENV: 'test', WARDEN_SYNC_SCHEDULE: expression }), /WARDEN_SYNC_SCHEDULE: the schedule would sync every/);
    }
    assert.equal(parseEnv({ NODE_ENV: 'test', WARDEN_SYNC_SCHEDULE: '*/15 * * * *' }).WARDEN_SYNC_SCHEDULE, '*/15 * * * *');
    assert.equal(await db.setting.count({ where: { key: 'syncSchedule' } }), 0);
  });
});

describe('9. identity hygiene', () => {
  test('(a) single sign-on cannot take a local admin’s name or a reserved actor’s: unverified emails and chosen usernames are not names', async () => {
    await createTestUser('admin', 'carol@example.com');
    const unverified = await ssoSignIn({ sub: 'sub-mallory', email: 'carol@example.com', email_verified: false, preferred_username: 'warden', name: 'warden', groups: ['everyone'] });
    assert.equal(unverified.location, '/findings');
    const mallory = await db.user.findFirstOrThrow({ where: { subject: 'sub-mallory' } });
    assert.equal(mallory.name, `sub-mallory@${providerHost}`);
    // Even a verified address is not used when a Warden user already goes by it.
    await ssoSignIn({ sub: 'sub-mallory-2', email: 'carol@example.com', email_verified: true, groups: ['everyone'] });
    assert.equal((await db.user.findFirstOrThrow({ where: { subject: 'sub-mallory-2' } })).name, `sub-mallory-2@${providerHost}`);
    // A verified, unclaimed address is the name.
    await ssoSignIn({ sub: 'sub-dana', email: 'Dana@Example.com', email_verified: true, groups: ['everyone'] });
    assert.equal((await db.user.findFirstOrThrow({ where: { subject: 'sub-dana' } })).name, 'dana@example.com');
    const names = (await db.user.findMany({ select: { name: true } })).map((u) => u.name);
    for (const reserved of ['warden', 'anonymous', 'system', 'demo-admin']) assert.ok(!names.includes(reserved), reserved);
    // Nor can an admin create a local account under a reserved name or an SSO user's name.
    for (const username of ['anonymous', 'warden', 'system', 'dana@example.com']) {
      const res = await createUser(browserRequest('/api/admin/users', { method: 'POST', headers: { cookie: admin.cookie }, body: { username, role: 'viewer', password } }));
      assert.ok(res.status === 400 || res.status === 409, `${username}: ${res.status}`);
    }
  });

  test('(b) the last enabled admin cannot be demoted by a single sign-on whose groups no longer map to admin', async () => {
    await ssoSignIn({ sub: 'sub-last-admin', email: 'last@example.com', email_verified: true, groups: ['sec-admins'] });
    const last = await db.user.findFirstOrThrow({ where: { subject: 'sub-last-admin' } });
    assert.equal(last.role, 'admin');
    const others = await db.user.findMany({ where: { role: 'admin', disabled: false, id: { not: last.id } }, select: { id: true } });
    await db.user.updateMany({ where: { id: { in: others.map((u) => u.id) } }, data: { disabled: true } });
    try {
      const demoted = await ssoSignIn({ sub: 'sub-last-admin', email: 'last@example.com', email_verified: true, groups: ['everyone'] });
      assert.match(demoted.location, /^\/sign-in\?error=last-admin/);
      assert.equal((await db.user.findUniqueOrThrow({ where: { id: last.id } })).role, 'admin');
      const event = await db.auditEvent.findFirst({ where: { action: 'auth.sign-in-failed', actor: 'last@example.com' }, orderBy: [{ at: 'desc' }, { id: 'desc' }] });
      assert.match(String((event?.details as { reason: string }).reason), /last enabled administrator/);
    } finally {
      await db.user.updateMany({ where: { id: { in: others.map((u) => u.id) } }, data: { disabled: false } });
    }
    // With another admin, the groups win again.
    const demoted = await ssoSignIn({ sub: 'sub-last-admin', email: 'last@example.com', email_verified: true, groups: ['everyone'] });
    assert.equal(demoted.location, '/findings');
    assert.equal((await db.user.findUniqueOrThrow({ where: { id: last.id } })).role, 'viewer');
  });

  test('(c) a review is signed off by the signed-in caller: a name in the body is refused', async () => {
    const accountIds = (await db.account.findMany({ select: { id: true } })).map((a) => a.id);
    const started = await startReview(browserRequest('/api/reviews', { method: 'POST', headers: { cookie: triager.cookie }, body: { accountIds: accountIds.slice(0, 1) } }));
    assert.equal(started.status, 201, await started.clone().text());
    const { id } = (await started.json()) as { id: string };
    const forged = await signOff(browserRequest(`/api/reviews/${id}/sign-off`, { method: 'POST', headers: { cookie: triager.cookie }, body: { signedBy: 'The CISO' } }), { params: Promise.resolve({ id }) });
    assert.equal(forged.status, 400);
    assert.match(await errorOf(forged), /^signedBy: not accepted/);
    assert.equal((await db.review.findUniqueOrThrow({ where: { id } })).signedBy, null);
  });

  test(`(d) anonymous sign-in starts are bounded: beyond ${pendingOidcSignInCap} pending, 429`, async () => {
    await db.oidcLogin.deleteMany({});
    const future = new Date(Date.UTC(2100, 0, 1));
    await db.oidcLogin.createMany({
      data: Array.from({ length: pendingOidcSignInCap }, (_, i) => ({ state: `flood-${i}`, codeVerifier: 'v', nonce: 'n', returnTo: '/', createdAt: future, expiresAt: future })),
    });
    try {
      const refused = await oidcStart(new Request(`${url}/api/auth/oidc/start`));
      assert.equal(refused.status, 429);
      assert.match(await errorOf(refused), /Too many single sign-ons have been started and not finished/);
      assert.equal(await db.oidcLogin.count(), pendingOidcSignInCap);
    } finally {
      await db.oidcLogin.deleteMany({ where: { state: { startsWith: 'flood-' } } });
    }
    // Expired ones are pruned, so they never fill the table.
    const past = new Date(Date.UTC(2000, 0, 1));
    await db.oidcLogin.createMany({ data: Array.from({ length: pendingOidcSignInCap }, (_, i) => ({ state: `stale-${i}`, codeVerifier: 'v', nonce: 'n', returnTo: '/', createdAt: past, expiresAt: past })) });
    assert.equal((await oidcStart(new Request(`${url}/api/auth/oidc/start`))).status, 303);
    assert.equal(await db.oidcLogin.count({ where: { state: { startsWith: 'stale-' } } }), 0);
  });

  test('(e) /api/health tells anonymous callers and non-admins only its status; admins get the details', async () => {
    for (const headers of [{}, { cookie: viewer.cookie }, { cookie: triager.cookie }] as Record<string, string>[]) {
      const res = await health(new Request(`${url}/api/health`, { headers }));
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: 'ok' });
    }
    const full = (await (await health(new Request(`${url}/api/health`, { headers: { cookie: admin.cookie } }))).json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(full).sort(), ['database', 'migrations', 'mode', 'status', 'version']);
  });
});

// ---------------------------------------------------------------------------------------------
// The attacks that already held.

const roleCallers = (): Record<Role, string> => ({ viewer: viewer.cookie, triager: triager.cookie, admin: admin.cookie });
const sample = (path: string) => path.replace(/\[([^\]]+)\]/g, 'sample-$1');
const params = (path: string) => ({ params: Promise.resolve(Object.fromEntries([...path.matchAll(/\[([^\]]+)\]/g)].map((m) => [m[1] ?? '', `sample-${m[1] ?? ''}`]))) });
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const handlerOf = async (path: string, method: Method) => ((await import(join(process.cwd(), 'app', ...path.split('/').filter(Boolean), 'route.ts'))) as Record<string, Handler>)[method];
const rules = apiRules.flatMap((rule) => (Object.entries(rule.methods) as [Method, Access][]).map(([method, access]) => ({ path: rule.path, method, access, sessionOnly: rule.sessionOnly === true })));

describe('every route in the access table refuses callers it does not list', () => {
  test('anonymous: 401 from the proxy and the handler for every non-public route', async () => {
    for (const { path, method, access } of rules.filter((r) => r.access !== 'public')) {
      const headers: Record<string, string> = method === 'GET' ? {} : { origin: url, 'content-type': 'application/json' };
      const init = { method, headers, body: method === 'GET' ? undefined : '{}' };
      assert.equal((await proxy(new NextRequest(`${url}${sample(path)}`, init))).status, 401, `${method} ${path} (${access}) via proxy`);
      const handler = await handlerOf(path, method);
      assert.ok(handler, `${method} ${path} has a handler`);
      assert.equal((await handler(new Request(`${url}${sample(path)}`, init), params(path))).status, 401, `${method} ${path} via handler`);
    }
  });

  test('under-privileged roles: 403 for every route above their role; API tokens: 403 on session-only routes', async () => {
    const callers = roleCallers();
    const adminToken = (await apiTokenFor('admin')).token;
    for (const { path, method, access, sessionOnly } of rules.filter((r) => r.access !== 'public')) {
      const handler = await handlerOf(path, method);
      assert.ok(handler);
      for (const role of ['viewer', 'triager'] as const) {
        if (roleAtLeast(role, access as Role)) continue;
        const request = browserRequest(sample(path), { method, headers: { cookie: callers[role] } });
        assert.equal((await handler(request, params(path))).status, 403, `${role} ${method} ${path}`);
      }
      if (sessionOnly) {
        const request = new Request(`${url}${sample(path)}`, { method, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
        assert.equal((await handler(request, params(path))).status, 403, `admin token ${method} ${path}`);
      }
    }
  });

  test('cross-site writes: every state-changing route refuses another site’s request, whoever’s cookie it carries', async () => {
    for (const { path, method } of rules.filter((r) => r.method !== 'GET')) {
      const headers = { cookie: admin.cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' };
      assert.equal((await proxy(new NextRequest(`${url}${sample(path)}`, { method, headers, body: '{}' }))).status, 403, `${method} ${path}`);
      const handler = await handlerOf(path, method);
      assert.ok(handler);
      assert.equal((await handler(new Request(`${url}${sample(path)}`, { method, headers, body: '{}' }), params(path))).status, 403, `${method} ${path}`);
    }
  });
});

describe('open redirects', () => {
  test('return paths to other sites become "/", in sign-in and single sign-on alike', async () => {
    const hostile = ['//evil.example', '/\\evil.example', '/\t/evil.example', 'https://evil.example', 'javascript:alert(1)', '/api/admin/tokens', ' /x'];
    for (const next of hostile) assert.equal(safeReturnPath(next), '/', next);
    assert.equal(safeReturnPath('/findings?account=1'), '/findings?account=1');
    await createLocalUser({ username: 'redirect-victim', role: 'viewer', password }, 'test');
    const res = await signIn(signInRequest('redirect-victim', password, { 'x-forwarded-for': '192.0.2.90' }, '//evil.example/phish'));
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { redirect: string }).redirect, '/');
    await oidcStart(new Request(`${url}/api/auth/oidc/start?next=${encodeURIComponent('https://evil.example/')}`));
    const login = await db.oidcLogin.findFirst({ orderBy: { createdAt: 'desc' } });
    assert.equal(login?.returnTo, '/');
  });
});

describe('hostile names from AWS', () => {
  test('are returned verbatim as JSON data (no markup is built on the server), and exported with formulas defused', async () => {
    const res = await listCredentials(browserRequest(`/api/credentials?q=${encodeURIComponent('onerror')}`, { headers: { cookie: viewer.cookie } }));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const text = await res.text();
    assert.ok(text.includes(JSON.stringify(hostileMarkup)), 'the name comes back as a JSON string, unchanged');
    const csv = await (await exportCredentials(browserRequest('/api/credentials/export', { headers: { cookie: viewer.cookie } }))).text();
    assert.ok(csv.includes(`'${hostileFormula}`), 'the formula is prefixed with an apostrophe');
    assert.ok(!/(^|,)"?=2\+5/m.test(csv), 'no cell starts with =');
    assert.ok(csv.includes(hostileMarkup));
  });
});
