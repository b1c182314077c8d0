import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claimValues, hasClaim, roleForGroups } from '@/lib/auth/role-map';

const map = { 'sec-admins': 'admin', 'sec-team': 'triager', auditors: 'viewer' } as const;

test('the highest role among mapped groups wins', () => {
  assert.equal(roleForGroups(['auditors', 'sec-team'], map, null), 'triager');
  assert.equal(roleForGroups(['sec-team', 'sec-admins', 'auditors'], map, null), 'admin');
  assert.equal(roleForGroups(['auditors'], map, null), 'viewer');
});

test('unmapped groups give the default: none (refused) unless configured', () => {
  assert.equal(roleForGroups(['engineering', 'everyone'], map, null), null);
  assert.equal(roleForGroups([], map, null), null);
  assert.equal(roleForGroups(['engineering'], map, 'viewer'), 'viewer');
  // Object.prototype names are not groups.
  assert.equal(roleForGroups(['constructor', '__proto__', 'toString'], map, null), null);
});

test('claim values: arrays, single strings, dotted paths; anything else is no group', () => {
  assert.deepEqual(claimValues({ groups: ['a', 'b', 3] }, 'groups'), ['a', 'b']);
  assert.deepEqual(claimValues({ groups: 'sec-team' }, 'groups'), ['sec-team']);
  assert.deepEqual(claimValues({ realm_access: { roles: ['sec-admins'] } }, 'realm_access.roles'), ['sec-admins']);
  assert.deepEqual(claimValues({ groups: { a: 1 } }, 'groups'), []);
  assert.deepEqual(claimValues({}, 'groups'), []);
  assert.equal(hasClaim({ groups: [] }, 'groups'), true);
  assert.equal(hasClaim({ other: [] }, 'groups'), false);
});
