import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decide, matchesPattern, type Caller } from '@/lib/auth/policy';

// What the issue asks of the roles, pinned: app/access-policy.test.ts checks that the app follows
// the table; this checks that the table says what Warden's roles mean.

const viewer: Caller = { role: 'viewer', via: 'session' };
const triager: Caller = { role: 'triager', via: 'session' };
const admin: Caller = { role: 'admin', via: 'session' };
const adminToken: Caller = { role: 'admin', via: 'token' };
const demo: Caller = { role: 'admin', via: 'demo' };
const allowed = (method: string, path: string, caller: Caller) => decide(method, path, caller).kind === 'allow';

test('a viewer reads every screen and every read API, and changes nothing', () => {
  for (const path of ['/', '/credentials', '/findings', '/activity', '/review', '/review/abc', '/review/abc/print', '/sync']) assert.ok(allowed('GET', path, viewer), path);
  for (const path of ['/api/checklist', '/api/credentials/export', '/api/findings/arn%3Aaws%2Fx', '/api/findings/audit', '/api/reviews/abc/csv', '/api/sync']) assert.ok(allowed('GET', path, viewer), path);
  assert.equal(allowed('POST', '/api/findings/status', viewer), false);
  assert.equal(allowed('POST', '/api/reviews', viewer), false);
  assert.equal(allowed('POST', '/api/sync', viewer), false);
});

test('a triager also archives and re-activates findings and takes part in reviews, but does not sync or administer', () => {
  assert.ok(allowed('POST', '/api/findings/status', triager));
  assert.ok(allowed('POST', '/api/reviews', triager));
  assert.ok(allowed('POST', '/api/reviews/r1/decisions', triager));
  assert.ok(allowed('PUT', '/api/reviews/r1/attendees', triager));
  assert.ok(allowed('POST', '/api/reviews/r1/sign-off', triager));
  assert.equal(allowed('POST', '/api/sync', triager), false);
  assert.equal(allowed('GET', '/admin/users', triager), false);
  assert.equal(allowed('GET', '/api/admin/audit', triager), false);
});

test('an admin also triggers syncs and manages users and tokens; API tokens cannot manage users or tokens', () => {
  assert.ok(allowed('POST', '/api/sync', admin));
  for (const [m, p] of [['GET', '/admin/users'], ['GET', '/admin/tokens'], ['GET', '/admin/audit'], ['POST', '/api/admin/users'], ['PATCH', '/api/admin/users/u1'], ['POST', '/api/admin/tokens'], ['DELETE', '/api/admin/tokens/t1']] as const) {
    assert.ok(allowed(m, p, admin), `${m} ${p}`);
  }
  assert.ok(allowed('POST', '/api/sync', adminToken));
  assert.equal(decide('POST', '/api/admin/tokens', adminToken).kind, 'forbidden');
  assert.equal(decide('PATCH', '/api/admin/users/u1', adminToken).kind, 'forbidden');
});

test('the demo administrator may do everything an admin may', () => {
  assert.ok(allowed('POST', '/api/sync', demo));
  assert.ok(allowed('GET', '/admin/audit', demo));
});

test('anonymous callers reach only sign-in, setup and the health probe', () => {
  assert.equal(decide('GET', '/', null).kind, 'sign-in-needed');
  assert.equal(decide('GET', '/api/checklist', null).kind, 'sign-in-needed');
  for (const [m, p] of [['GET', '/sign-in'], ['GET', '/setup'], ['GET', '/api/health'], ['POST', '/api/auth/sign-in'], ['GET', '/api/auth/oidc/start'], ['GET', '/icon.svg']] as const) {
    assert.ok(allowed(m, p, null), `${m} ${p}`);
  }
});

test('fail closed: unknown paths and methods, deeper paths, pages other than GET', () => {
  assert.equal(decide('GET', '/api/unknown', admin).kind, 'not-listed');
  assert.equal(decide('GET', '/api/findings/a/b', admin).kind, 'not-listed');
  assert.equal(decide('DELETE', '/api/checklist', admin).kind, 'method-not-allowed');
  assert.equal(decide('POST', '/findings', admin).kind, 'method-not-allowed');
  assert.equal(decide('GET', '/admin/users/extra', admin).kind, 'not-listed');
});

test('literal segments win over parameters; a parameter matches exactly one non-empty segment', () => {
  assert.equal(decide('POST', '/api/findings/audit', triager).kind, 'method-not-allowed');
  assert.ok(matchesPattern('/api/findings/[key]', '/api/findings/abc'));
  assert.equal(matchesPattern('/api/findings/[key]', '/api/findings/'), false);
  assert.equal(matchesPattern('/api/findings/[key]', '/api/findings/a/b'), false);
  assert.ok(matchesPattern('/', '/'));
  assert.equal(matchesPattern('/', '/x'), false);
});
