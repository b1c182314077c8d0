import '@/lib/testing/test-store';
import { currentTime } from '@/lib/clock';
import '@/lib/testing/sign-in-required';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NextRequest } from 'next/server';
import { db } from '@/lib/db';
import { startDemoFixture, type DemoFixture } from '@/lib/testing/demo-sync';
import { apiTokenFor, browserRequest, sessionCookieFor } from '@/lib/testing/auth-fixture';
import { sha256Hex } from '@/lib/auth/secrets';
import { tokenCreatedSchema, tokenListSchema } from '@/lib/auth/schema';
import { GET as listTokens, POST as createToken } from '@/app/api/admin/tokens/route';
import { DELETE as revokeToken } from '@/app/api/admin/tokens/[id]/route';
import { GET as listUsers } from '@/app/api/admin/users/route';
import { GET as checklist } from '@/app/api/checklist/route';
import { POST as triage } from '@/app/api/findings/status/route';
import { POST as startSync } from '@/app/api/sync/route';
import { proxy } from '@/proxy';

// API tokens for pipelines: created by an admin (shown once, stored hashed), scoped to a role,
// refused once revoked or expired, never accepted for user and token management or pages.

let fixture: DemoFixture;
let admin: { cookie: string; name: string };

before(async () => {
  fixture = await startDemoFixture({ seed: 83 });
  assert.notEqual((await fixture.sync()).status, 'failed');
  admin = await sessionCookieFor('admin');
});

after(async () => {
  await fixture.close();
});

/** A request as a pipeline sends it: no browser headers, just the token. */
const pipeline = (path: string, token: string, init: { method?: string; body?: unknown } = {}) =>
  new Request(`http://warden.test${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });

describe('API tokens', () => {
  test('an admin creates a token: shown once, stored only as its sha256, listed by its prefix, recorded', async () => {
    const res = await createToken(browserRequest('/api/admin/tokens', { method: 'POST', headers: { cookie: admin.cookie }, body: { name: 'CI checklist gate', role: 'viewer', expiresInDays: 90 } }));
    assert.equal(res.status, 201);
    const { token, record } = tokenCreatedSchema.parse(await res.json());
    assert.match(token, /^wdn_[A-Za-z0-9_-]{43}$/);
    assert.equal(record.prefix, token.slice(0, 12));
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: record.id } });
    assert.equal(row.tokenHash, sha256Hex(token));
    assert.equal(JSON.stringify(row).includes(token), false);
    const listed = tokenListSchema.parse(await (await listTokens(browserRequest('/api/admin/tokens', { headers: { cookie: admin.cookie } }))).json());
    assert.ok(listed.tokens.some((t) => t.id === record.id && t.createdBy === admin.name));
    assert.equal(JSON.stringify(listed).includes(token), false);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'token.create', target: 'CI checklist gate' } });
    assert.equal(event.actor, admin.name);
    assert.equal((event.details as { role: string }).role, 'viewer');

    // The pipeline reads the checklist with it.
    const read = await checklist(pipeline('/api/checklist', token));
    assert.equal(read.status, 200);
    assert.ok(((await read.json()) as { accounts: unknown[] }).accounts.length > 0);
  });

  test('a token can do what its role may and nothing more', async () => {
    const viewer = await apiTokenFor('viewer');
    const triager = await apiTokenFor('triager');
    const body = { action: 'archive', keys: ['no-such-finding'], reason: 'pipeline' };
    assert.equal((await triage(pipeline('/api/findings/status', viewer.token, { method: 'POST', body }))).status, 403);
    const asTriager = await triage(pipeline('/api/findings/status', triager.token, { method: 'POST', body }));
    assert.notEqual(asTriager.status, 401);
    assert.notEqual(asTriager.status, 403);
    assert.equal((await startSync(pipeline('/api/sync', triager.token, { method: 'POST', body: {} }))).status, 403);
    const denied = await triage(pipeline('/api/findings/status', viewer.token, { method: 'POST', body }));
    assert.match(((await denied.json()) as { error: string }).error, /needs the triager role; you are a viewer/);
  });

  test('not even an admin token manages users or tokens: that needs a signed-in person', async () => {
    const token = await apiTokenFor('admin');
    assert.equal((await listUsers(pipeline('/api/admin/users', token.token))).status, 403);
    assert.equal((await createToken(pipeline('/api/admin/tokens', token.token, { method: 'POST', body: { name: 'x', role: 'admin', expiresInDays: null } }))).status, 403);
    assert.equal((await revokeToken(pipeline(`/api/admin/tokens/${token.id}`, token.token, { method: 'DELETE' }), { params: Promise.resolve({ id: token.id }) })).status, 403);
  });

  test('a revoked token is refused at once, and the revocation is recorded', async () => {
    const { token, id } = await apiTokenFor('viewer');
    assert.equal((await checklist(pipeline('/api/checklist', token))).status, 200);
    const res = await revokeToken(browserRequest(`/api/admin/tokens/${id}`, { method: 'DELETE', headers: { cookie: admin.cookie } }), { params: Promise.resolve({ id }) });
    assert.equal(res.status, 200);
    const refused = await checklist(pipeline('/api/checklist', token));
    assert.equal(refused.status, 401);
    assert.match(((await refused.json()) as { error: string }).error, /revoked/);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id } });
    assert.equal(row.revokedBy, admin.name);
    const revocations = await db.auditEvent.findMany({ where: { action: 'token.revoke', actor: admin.name } });
    assert.equal(revocations.filter((e) => (e.details as { tokenId?: string }).tokenId === id).length, 1);
  });

  test('expired, unknown and malformed tokens are refused; a token never opens a page', async () => {
    const expired = await apiTokenFor('admin', 1);
    await db.apiToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(currentTime().getTime() - 1000) } });
    assert.match(((await (await checklist(pipeline('/api/checklist', expired.token))).json()) as { error: string }).error, /expired/);
    assert.equal((await checklist(pipeline('/api/checklist', `wdn_${'A'.repeat(43)}`))).status, 401);
    assert.equal((await checklist(pipeline('/api/checklist', 'not-a-token'))).status, 401);
    const valid = await apiTokenFor('admin');
    const page = await proxy(new NextRequest('http://warden.test/findings', { headers: { authorization: `Bearer ${valid.token}` } }));
    assert.equal(page.status, 303);
    assert.match(page.headers.get('location') ?? '', /\/sign-in\?next=%2Ffindings$/);
  });

  test('only admins create or revoke tokens', async () => {
    const triager = await sessionCookieFor('triager');
    const res = await createToken(browserRequest('/api/admin/tokens', { method: 'POST', headers: { cookie: triager.cookie }, body: { name: 'x', role: 'viewer', expiresInDays: null } }));
    assert.equal(res.status, 403);
    assert.equal(await db.apiToken.count({ where: { name: 'x' } }), 0);
  });
});
