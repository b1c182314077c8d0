import { test } from 'node:test';
import assert from 'node:assert/strict';
import { credentialsQuerySchema, credentialsSearchParams, readCredentialsView } from '@/lib/credentials/schema';

test('the query: defaults, a comma-separated filter list, trimmed search', () => {
  assert.deepEqual(credentialsQuerySchema.parse({}), { filter: [], sort: 'user', order: 'asc', page: 1, pageSize: 50 });
  const q = credentialsQuerySchema.parse({ filter: 'no-mfa, root,no-mfa', q: '  alice ', page: '3', pageSize: '200', sort: 'key1Age', order: 'desc' });
  assert.deepEqual(q.filter, ['no-mfa', 'root']);
  assert.equal(q.q, 'alice');
  assert.equal(q.page, 3);
  assert.equal(q.pageSize, 200);
});

test('the query refuses what it does not understand, naming it', () => {
  const problems = (input: Record<string, string>) => {
    const r = credentialsQuerySchema.safeParse(input);
    assert.equal(r.success, false, JSON.stringify(input));
    return r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') ?? '';
  };
  assert.match(problems({ pageSize: '201' }), /pageSize must be at most 200/);
  assert.match(problems({ pageSize: 'ten' }), /pageSize must be a number/);
  assert.match(problems({ page: '0' }), /page must be at least 1/);
  assert.match(problems({ filter: 'no-mfa,bogus' }), /unknown filter "bogus"/);
  assert.match(problems({ sort: 'password' }), /sort must be one of/);
  assert.match(problems({ account: '12345' }), /account must be a 12-digit AWS account id/);
  assert.match(problems({ pagesize: '10' }), /pagesize/);
});

test('search params leave defaults out and round-trip through the schema', () => {
  const view = { account: '123456789012', ou: 'Root/Workloads', q: 'bob', filter: ['old-keys' as const], sort: 'mfa' as const, order: 'desc' as const, page: 2, pageSize: 100 };
  const params = credentialsSearchParams(view);
  assert.equal(params.toString(), 'account=123456789012&ou=Root%2FWorkloads&q=bob&filter=old-keys&sort=mfa&order=desc&page=2&pageSize=100');
  assert.deepEqual(credentialsQuerySchema.parse(Object.fromEntries(params)), view);
  assert.equal(credentialsSearchParams({ sort: 'user', order: 'asc', page: 1, pageSize: 50, filter: [] }).toString(), '');
});

test('the page URL is read leniently: malformed parts fall back to defaults', () => {
  const view = readCredentialsView(new URLSearchParams('account=abc&ou=Root/&filter=root,nope&sort=bad&order=sideways&page=-1&pageSize=9999&q=%20x%20'));
  assert.deepEqual(view, { account: undefined, ou: undefined, q: 'x', filter: ['root'], sort: 'user', order: 'asc', page: 1, pageSize: 50 });
});
