import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareOuPaths, countOus, countOusOf, isInOu, ouAncestry, ouName, ouPathSchema } from '@/lib/organization/ou-path';

describe('isInOu', () => {
  test('an OU includes itself and its sub-OUs, not siblings that share a prefix', () => {
    assert.equal(isInOu('Root/Workloads', 'Root/Workloads'), true);
    assert.equal(isInOu('Root/Workloads/Production', 'Root/Workloads'), true);
    assert.equal(isInOu('Root/Workloads-old', 'Root/Workloads'), false);
    assert.equal(isInOu('Root', 'Root/Workloads'), false);
    assert.equal(isInOu(null, 'Root'), false);
  });

  test('% and _ in OU names are plain characters', () => {
    assert.equal(isInOu('Root/Dev_Ops/a', 'Root/Dev_Ops'), true);
    assert.equal(isInOu('Root/DevXOps/a', 'Root/Dev_Ops'), false);
    assert.equal(isInOu('Root/100%/a', 'Root/100%'), true);
  });
});

test('ancestry and name of a path', () => {
  assert.deepEqual(ouAncestry('Root/Workloads/Production'), ['Root', 'Root/Workloads', 'Root/Workloads/Production']);
  assert.equal(ouName('Root/Workloads/Production'), 'Production');
  assert.equal(ouName('Root'), 'Root');
});

test('countOus: every OU above an account, with its own and its subtree’s accounts, parents before children', () => {
  const counts = countOus(['Root', 'Root/Workloads/Production', 'Root/Workloads/Staging', 'Root/Workloads/Production', null, 'Root/Security']);
  assert.deepEqual(counts, [
    { path: 'Root', depth: 0, accounts: 5, direct: 1 },
    { path: 'Root/Security', depth: 1, accounts: 1, direct: 1 },
    { path: 'Root/Workloads', depth: 1, accounts: 3, direct: 0 },
    { path: 'Root/Workloads/Production', depth: 2, accounts: 2, direct: 2 },
    { path: 'Root/Workloads/Staging', depth: 2, accounts: 1, direct: 1 },
  ]);
  const grouped = countOusOf([
    { path: 'Root', accounts: 1 },
    { path: 'Root/Workloads/Production', accounts: 2 },
    { path: 'Root/Workloads/Staging', accounts: 1 },
    { path: null, accounts: 1 },
    { path: 'Root/Security', accounts: 1 },
  ]);
  assert.deepEqual(grouped, counts, 'counted per OU, the same tree');
});

test('tree order compares name by name', () => {
  const sorted = ['Root/A-2', 'Root/A/B', 'Root/A', 'Root'].sort(compareOuPaths);
  assert.deepEqual(sorted, ['Root', 'Root/A', 'Root/A/B', 'Root/A-2']);
});

test('ouPathSchema refuses empty names and names the parameter', () => {
  assert.equal(ouPathSchema.parse(' Root/Workloads '), 'Root/Workloads');
  for (const bad of ['', 'Root/', 'Root//A']) {
    const r = ouPathSchema.safeParse(bad);
    assert.equal(r.success, false);
    assert.match(r.error?.issues[0]?.message ?? '', /^ou must be/);
  }
});
