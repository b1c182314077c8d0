import '@/lib/testing/test-store';
import '@/lib/testing/sign-in-required';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NextRequest } from 'next/server';
import { db } from '@/lib/db';
import { startDemoFixture, type DemoFixture } from '@/lib/testing/demo-sync';
import { apiTokenFor, sessionCookieFor } from '@/lib/testing/auth-fixture';
import { POST as triage } from '@/app/api/findings/status/route';
import { POST as createToken } from '@/app/api/admin/tokens/route';
import { PUT as attendees } from '@/app/api/reviews/[id]/attendees/route';
import { proxy } from '@/proxy';

// Cross-site requests cannot change anything, whoever's cookie they carry; pipelines with a
// token (no browser headers) can. And every response carries the security headers.

let fixture: DemoFixture;
let admin: { cookie: string; name: string };

before(async () => {
  fixture = await startDemoFixture({ seed: 85 });
  admin = await sessionCookieFor('admin');
});

after(async () => {
  await fixture.close();
});

const url = 'http://warden.test';
const triageBody = JSON.stringify({ action: 'archive', keys: ['no-such-finding'], reason: 'x' });

describe('state-changing requests from another site are refused', () => {
  const attacks: Record<string, string>[] = [
    { origin: 'https://evil.example' },
    { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    { 'sec-fetch-site': 'cross-site' },
    { 'sec-fetch-site': 'same-site', origin: 'http://sub.warden.test' },
    { origin: 'null' },
    { origin: 'http://warden.test:8080' },
  ];

  for (const headers of attacks) {
    test(`with ${JSON.stringify(headers)}: 403 from the route handler and from the proxy, nothing recorded`, async () => {
      const before = await db.auditEvent.count();
      const init = { method: 'POST', headers: { ...headers, cookie: admin.cookie, 'content-type': 'application/json' }, body: triageBody };
      const res = await triage(new Request(`${url}/api/findings/status`, init));
      assert.equal(res.status, 403);
      assert.match(((await res.json()) as { error: string }).error, /refused/);
      const viaProxy = await proxy(new NextRequest(`${url}/api/findings/status`, init));
      assert.equal(viaProxy.status, 403);
      const token = await createToken(new Request(`${url}/api/admin/tokens`, { ...init, body: JSON.stringify({ name: 'csrf', role: 'admin', expiresInDays: null }) }));
      assert.equal(token.status, 403);
      const put = await attendees(new Request(`${url}/api/reviews/r/attendees`, { ...init, method: 'PUT', body: '{"attendees":["x"]}' }), { params: Promise.resolve({ id: 'r' }) });
      assert.equal(put.status, 403);
      assert.equal(await db.auditEvent.count(), before);
    });
  }

  test('the same request from Warden’s own page passes the check (and reaches the handler)', async () => {
    const own: Record<string, string>[] = [{ origin: url }, { 'sec-fetch-site': 'same-origin', origin: url }];
    for (const headers of own) {
      const res = await triage(new Request(`${url}/api/findings/status`, { method: 'POST', headers: { ...headers, cookie: admin.cookie, 'content-type': 'application/json' }, body: triageBody }));
      assert.notEqual(res.status, 403);
      assert.notEqual(res.status, 401);
    }
  });

  test('a pipeline with a token and no Origin passes; with a foreign Origin it is refused too', async () => {
    const { token } = await apiTokenFor('triager');
    const plain = await triage(new Request(`${url}/api/findings/status`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: triageBody }));
    assert.notEqual(plain.status, 403);
    assert.notEqual(plain.status, 401);
    const foreign = await triage(new Request(`${url}/api/findings/status`, { method: 'POST', headers: { authorization: `Bearer ${token}`, origin: 'https://evil.example' }, body: triageBody }));
    assert.equal(foreign.status, 403);
  });
});

describe('security headers', () => {
  const expectHeaders = (res: Response, what: string) => {
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/, what);
    assert.match(csp, /script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'(;|$)/, what);
    assert.doesNotMatch(csp, /unsafe-eval/, what);
    assert.match(csp, /frame-ancestors 'none'/, what);
    assert.match(csp, /object-src 'none'/, what);
    assert.match(csp, /base-uri 'none'/, what);
    assert.equal(res.headers.get('x-frame-options'), 'DENY', what);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', what);
    assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin', what);
    assert.match(res.headers.get('permissions-policy') ?? '', /camera=\(\)/, what);
  };

  test('on pages, API answers, denials, redirects and static files; a fresh nonce each time', async () => {
    const page = await proxy(new NextRequest(`${url}/findings`, { headers: { cookie: admin.cookie } }));
    expectHeaders(page, 'page');
    const again = await proxy(new NextRequest(`${url}/findings`, { headers: { cookie: admin.cookie } }));
    assert.notEqual(page.headers.get('content-security-policy'), again.headers.get('content-security-policy'));
    // Next reads the nonce from the request's CSP header to put it on its own scripts.
    assert.equal(page.headers.get('x-middleware-request-content-security-policy'), page.headers.get('content-security-policy'));
    expectHeaders(await proxy(new NextRequest(`${url}/api/checklist`, { headers: { cookie: admin.cookie } })), 'api');
    expectHeaders(await proxy(new NextRequest(`${url}/api/checklist`)), '401');
    expectHeaders(await proxy(new NextRequest(`${url}/sync`)), 'redirect to sign in');
    expectHeaders(await proxy(new NextRequest(`${url}/nowhere`)), '404');
    expectHeaders(await proxy(new NextRequest(`${url}/_next/static/chunks/app.js`)), 'static');
  });

  test('only Next’s static build output bypasses the table; its image optimizer is not reachable', async () => {
    assert.equal((await proxy(new NextRequest(`${url}/_next/static/chunks/app.js`))).headers.get('x-middleware-next'), '1');
    const image = await proxy(new NextRequest(`${url}/_next/image?url=%2Fapi%2Fchecklist&w=64&q=75`, { headers: { cookie: admin.cookie } }));
    assert.equal(image.status, 404);
  });

  test('over https: upgrade-insecure-requests and HSTS', async () => {
    const res = await proxy(new NextRequest(`${url}/sign-in`, { headers: { 'x-forwarded-proto': 'https' } }));
    assert.match(res.headers.get('content-security-policy') ?? '', /upgrade-insecure-requests/);
    assert.equal(res.headers.get('strict-transport-security'), 'max-age=31536000');
    const plain = await proxy(new NextRequest(`${url}/sign-in`));
    assert.equal(plain.headers.get('strict-transport-security'), null);
  });
});
