import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedAccountUrlSchema } from '@/lib/accounts/schema';
import { readUrlState, writeUrlState } from '@/lib/url-state';

test('the selected account is read from ?account=; anything but a 12-digit id means all accounts', () => {
  assert.deepEqual(readUrlState(selectedAccountUrlSchema, new URLSearchParams('account=123456789012&q=x')), { value: { account: '123456789012' }, invalid: [] });
  assert.deepEqual(readUrlState(selectedAccountUrlSchema, new URLSearchParams('account=12345')), { value: {}, invalid: ['account'] });
  assert.deepEqual(readUrlState(selectedAccountUrlSchema, new URLSearchParams('')).value, {});
});

test('choosing an account keeps the rest of the URL; all accounts removes the parameter', () => {
  const chosen = writeUrlState(selectedAccountUrlSchema, new URLSearchParams('q=bob&page=2'), { account: '123456789012' });
  assert.equal(chosen.toString(), 'q=bob&page=2&account=123456789012');
  assert.equal(writeUrlState(selectedAccountUrlSchema, chosen, { account: undefined }).toString(), 'q=bob&page=2');
});
