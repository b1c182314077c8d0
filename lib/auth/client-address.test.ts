import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEnv } from '@/lib/env';
import { clientAddress } from '@/lib/auth/request-meta';

// The client's address for rate limits and the audit log: the socket's unless trusted proxies say
// otherwise, and X-Forwarded-For entries a client wrote itself count for nothing.

const trusted = (value: string) => parseEnv({ NODE_ENV: 'test', WARDEN_TRUSTED_PROXIES: value }).WARDEN_TRUSTED_PROXIES;
const none = trusted('');

test('without trusted proxies the socket address wins over any X-Forwarded-For', () => {
  assert.equal(clientAddress('6.6.6.6', '203.0.113.9', none), '203.0.113.9');
  assert.equal(clientAddress('6.6.6.6, 7.7.7.7', '203.0.113.9', none), '203.0.113.9');
  assert.equal(clientAddress(null, '::ffff:203.0.113.9', none), '203.0.113.9');
  assert.equal(clientAddress(null, null, none), 'unknown');
});

test('without a socket address (not started by npm start) Next’s own X-Forwarded-For entry stands in', () => {
  assert.equal(clientAddress('203.0.113.9', null, none), '203.0.113.9');
});

test('a hop count skips that many proxies from the right, and no more', () => {
  const one = trusted('1');
  assert.deepEqual(one, { kind: 'hops', hops: 1 });
  assert.equal(clientAddress('6.6.6.6, 198.51.100.4', '10.0.0.2', one), '198.51.100.4');
  assert.equal(clientAddress(null, '10.0.0.2', one), '10.0.0.2');
  assert.equal(clientAddress('6.6.6.6, 198.51.100.4, 10.0.0.3', '10.0.0.2', trusted('2')), '198.51.100.4');
});

test('CIDR ranges (IPv4 and IPv6) skip every trusted hop from the right; a forged entry further left is never reached', () => {
  const ranges = trusted('10.0.0.0/8, fd00::/8, 192.0.2.7');
  assert.equal(clientAddress('6.6.6.6, 198.51.100.4, 10.1.2.3', '10.0.0.2', ranges), '198.51.100.4');
  assert.equal(clientAddress('2001:db8::1, fd00::5', 'fd00::2', ranges), '2001:db8::1');
  assert.equal(clientAddress('198.51.100.4', '192.0.2.7', ranges), '198.51.100.4');
  // The socket is not a trusted proxy: its X-Forwarded-For is the client's own invention.
  assert.equal(clientAddress('10.0.0.9', '198.51.100.4', ranges), '198.51.100.4');
  assert.equal(clientAddress('[2001:db8::1]:4711, 198.51.100.4:80', '10.0.0.2', ranges), '198.51.100.4');
});

test('WARDEN_TRUSTED_PROXIES must be a hop count or addresses and ranges', () => {
  for (const bad of ['0', '11', '10.0.0.0/33', 'fd00::/129', 'proxy.internal', '10.0.0.0/8/1']) {
    assert.throws(() => trusted(bad), /WARDEN_TRUSTED_PROXIES/, bad);
  }
  assert.deepEqual(trusted('10.0.0.0/8'), { kind: 'cidrs', cidrs: [{ address: '10.0.0.0', prefix: 8, family: 'ipv4' }] });
});
