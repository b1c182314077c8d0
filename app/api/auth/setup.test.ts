import '@/lib/testing/test-store';
import { currentTime } from '@/lib/clock';
import '@/lib/testing/sign-in-required';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { db } from '@/lib/db';
import { browserRequest } from '@/lib/testing/auth-fixture';
import { findSession } from '@/lib/auth/sessions';
import { announceSetupIfNeeded, issueSetupToken, needsFirstAdmin, setupTokenCap } from '@/lib/auth/setup';
import { POST as setup } from '@/app/api/auth/setup/route';
import { POST as signIn } from '@/app/api/auth/sign-in/route';

// The first administrator, without a default password: a one-time setup token printed to the log
// at start (by every instance that starts), used on /setup; or `npm run user:create-admin` on the
// host. Nothing works once an administrator exists.

const password = 'the first admin passphrase';
const post = (body: unknown) => setup(browserRequest('/api/auth/setup', { method: 'POST', body }));

async function announce(): Promise<string | null> {
  const lines: string[] = [];
  await announceSetupIfNeeded((line) => lines.push(line), 'https://warden.example.com');
  const token = /(setup_[A-Za-z0-9_-]{43})/.exec(lines.join('\n'))?.[1] ?? null;
  if (token) assert.match(lines[0] ?? '', /^No administrator yet\. Open https:\/\/warden\.example\.com\/setup and enter this one-time setup token/);
  return token;
}

describe('first administrator', () => {
  test('a fresh install has no user and no way in but the setup token; nobody can sign in', async () => {
    assert.equal(await db.user.count(), 0);
    assert.equal(await needsFirstAdmin(), true);
    const res = await signIn(browserRequest('/api/auth/sign-in', { method: 'POST', body: { username: 'admin', password: 'admin' } }));
    assert.equal(res.status, 401, 'no default account');
  });

  test('several instances on one database: each start prints its own token and every one works; a wrong one is refused; only hashes are stored', async () => {
    // Instance A starts, then instance B (a rolling deploy): the operator may read either log, and
    // the load balancer may send /setup to either instance.
    const fromA = await announce();
    const fromB = await announce();
    assert.ok(fromA && fromB && fromA !== fromB);
    assert.equal(await db.setupToken.count(), 2);
    const stored = JSON.stringify(await db.setupToken.findMany());
    assert.equal(stored.includes(fromA) || stored.includes(fromB), false);
    // The token is checked before the password: a 400 about the password means the token was accepted.
    for (const token of [fromA, fromB]) {
      const res = await post({ token, username: 'root', password: 'short' });
      assert.equal(res.status, 400, 'the token of either instance is accepted');
      assert.match(((await res.json()) as { error: string }).error, /^password:/);
    }
    assert.equal((await post({ token: 'setup_guess', username: 'root', password })).status, 403);
    assert.equal(await db.user.count(), 0);
    assert.ok(await db.auditEvent.findFirst({ where: { action: 'auth.setup-failed' } }));
  });

  test('a server that keeps restarting keeps only the newest tokens valid; expired ones are dropped at the next start', async () => {
    await db.setupToken.updateMany({ data: { expiresAt: new Date(currentTime().getTime() - 1000) } });
    const tokens: string[] = [];
    for (let i = 0; i < setupTokenCap + 3; i++) tokens.push((await issueSetupToken(new Date(currentTime().getTime() + i))).token);
    assert.equal(await db.setupToken.count(), setupTokenCap, 'the expired ones are gone, and no more than the cap are kept');
    assert.equal((await post({ token: tokens[0], username: 'root', password: 'short' })).status, 403, 'the oldest beyond the cap stops working');
    assert.equal((await post({ token: tokens.at(-1), username: 'root', password: 'short' })).status, 400);
    assert.equal((await post({ token: tokens[3], username: 'root', password: 'short' })).status, 400);
  });

  test('the setup token creates the first admin once, signs them in, and is then spent', async () => {
    const other = await announce();
    const token = await announce();
    const res = await post({ token, username: 'Margaret', password });
    assert.equal(res.status, 201);
    const cookie = /^warden_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    const session = await findSession(cookie ?? '');
    assert.equal(session?.name, 'margaret');
    assert.equal(session?.role, 'admin');
    assert.equal(await needsFirstAdmin(), false);
    assert.equal(await db.setupToken.count(), 0, "every instance's token is spent with it");
    assert.equal((await post({ token, username: 'mallory', password })).status, 409);
    assert.equal((await post({ token: other, username: 'mallory', password })).status, 409);
    assert.equal(await db.user.count(), 1);
    assert.ok(await db.auditEvent.findFirst({ where: { action: 'auth.setup', actor: 'margaret' } }));
    // Once there is an admin, a start prints no token.
    assert.equal(await announce(), null);
    assert.equal(await db.setupToken.count(), 0);
  });

  test('an expired setup token is refused', async () => {
    await db.user.updateMany({ data: { disabled: true } });
    const token = await announce();
    await db.setupToken.updateMany({ data: { expiresAt: new Date(currentTime().getTime() - 1000) } });
    const res = await post({ token, username: 'late', password });
    assert.equal(res.status, 403);
    assert.match(((await res.json()) as { error: string }).error, /expired/);
  });

  test('npm run user:create-admin creates an admin from the password on standard input, never a default one', () => {
    const run = (args: string[], input: string) =>
      spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/create-admin.ts', ...args], {
        input,
        encoding: 'utf8',
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      });
    const short = run(['--username', 'olga'], 'short\n');
    assert.equal(short.status, 65, short.stderr);
    assert.match(short.stderr, /at least 12/);
    assert.equal(run([], `${password}\n`).status, 64);
    const ok = run(['--username', 'olga'], `${password}\n`);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /Created administrator olga/);
  });

  test('the administrator the command created signs in', async () => {
    const user = await db.user.findUniqueOrThrow({ where: { username: 'olga' } });
    assert.equal(user.role, 'admin');
    const res = await signIn(browserRequest('/api/auth/sign-in', { method: 'POST', body: { username: 'olga', password } }));
    assert.equal(res.status, 200);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'user.create', target: 'olga' } });
    assert.match(event.actor, /^cli:/);
  });
});
