import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crossOriginProblem, expectedOrigin } from '@/lib/auth/origin';

const url = 'http://127.0.0.1:3000/api/findings/status';
const h = (headers: Record<string, string>) => new Headers(headers);

test('reads are never refused', () => {
  for (const method of ['GET', 'HEAD', 'OPTIONS']) assert.equal(crossOriginProblem(method, h({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }), url), null);
});

test('a state-changing request from this site passes', () => {
  assert.equal(crossOriginProblem('POST', h({ 'sec-fetch-site': 'same-origin', origin: 'http://127.0.0.1:3000' }), url), null);
  assert.equal(crossOriginProblem('PUT', h({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }), url), null);
  assert.equal(crossOriginProblem('DELETE', h({ 'sec-fetch-site': 'none' }), url), null);
});

test('Sec-Fetch-Site other than same-origin is refused, whatever the Origin says', () => {
  for (const site of ['cross-site', 'same-site']) {
    assert.match(crossOriginProblem('POST', h({ 'sec-fetch-site': site, origin: 'http://127.0.0.1:3000' }), url) ?? '', /cross-site request refused/);
  }
});

test('without Sec-Fetch-Site, another Origin (or "null") is refused', () => {
  for (const origin of ['https://evil.example', 'http://127.0.0.1:3001', 'https://127.0.0.1:3000', 'null']) {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      assert.match(crossOriginProblem(method, h({ origin, host: '127.0.0.1:3000' }), url) ?? '', /cross-origin request refused/, `${method} ${origin}`);
    }
  }
});

test('a request with neither header is not from a browser (a pipeline with a token): it passes', () => {
  assert.equal(crossOriginProblem('POST', h({ authorization: 'Bearer wdn_x' }), url), null);
});

test('the expected origin: WARDEN_PUBLIC_URL when set, else the host and scheme the request was sent to', () => {
  assert.equal(expectedOrigin(h({}), url), 'http://127.0.0.1:3000');
  assert.equal(expectedOrigin(h({ host: 'warden.internal:8443', 'x-forwarded-proto': 'https' }), url), 'https://warden.internal:8443');
  assert.equal(expectedOrigin(h({ host: 'anything' }), url, 'https://warden.example.com'), 'https://warden.example.com');
  assert.match(crossOriginProblem('POST', h({ origin: 'http://127.0.0.1:3000' }), url, 'https://warden.example.com') ?? '', /refused/);
  assert.equal(crossOriginProblem('POST', h({ origin: 'https://warden.example.com' }), url, 'https://warden.example.com'), null);
});
