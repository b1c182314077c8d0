import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checklistEvaluator, evaluateAccountChecklist } from '@/lib/checklist/evaluate-account';
import { loadAccountSnapshot, loadOwnAccounts } from '@/lib/checklist/load-snapshot';
import { db } from '@/lib/db';

// An organization of more accounts than SQLite takes bound parameters (999): evaluating one account
// must not send every account's id in one query.
test('an account\'s checklist is evaluated among 1,200 own accounts, some read by hand', async () => {
  const ids = Array.from({ length: 1200 }, (_, i) => String(100000000000 + i));
  await db.account.createMany({
    data: ids.map((id, i) => ({ id, name: `member-${i}`, access: 'assume-role', regions: ['us-east-1'], isOwn: true, ...(i % 2 === 0 ? { organizationId: 'o-scale00001', managedBy: 'organization' } : {}) })),
  });
  // An account read by hand whose organization is known only from its Organizations read.
  const hand = ids[1] as string;
  await db.snapshot.create({ data: { accountId: hand, source: 'organizations', takenAt: new Date('2026-11-28T00:00:00Z'), meta: { organizationId: 'o-byhand0001' } } });
  const run = await evaluateAccountChecklist(ids[0] as string, null, new Date('2026-11-29T09:00:00Z'));
  assert.ok(run);
  assert.equal(await db.checklistRun.count({ where: { accountId: ids[0] } }), 1);
});

// A sync evaluates account after account with the own accounts read once; an organization that a
// hand-added account's Organizations read reveals later in the same run still counts as the
// operator's own.
test('evaluations in a row share the own accounts, and see an organization read after they were loaded', async () => {
  const own = await loadOwnAccounts();
  assert.ok(own.length >= 1200);
  const late = String(100000000000 + 3);
  await db.snapshot.create({ data: { accountId: late, source: 'organizations', current: true, takenAt: new Date('2026-11-29T08:00:00Z'), meta: { organizationId: 'o-latelate01' } } });
  const snapshot = await loadAccountSnapshot(String(100000000000 + 4), new Date('2026-11-29T09:00:00Z'), own);
  assert.ok(snapshot.ownOrganizationIds.includes('o-latelate01'), 'the organization read in this run');
  assert.ok(snapshot.ownOrganizationIds.includes('o-scale00001'), 'the organization discovery listed');
  assert.equal(snapshot.ownAccountIds.length, own.length);

  const evaluate = checklistEvaluator();
  const viaEvaluator = await evaluate(String(100000000000 + 4), null, new Date('2026-11-29T09:00:00Z'));
  const direct = await evaluateAccountChecklist(String(100000000000 + 4), null, new Date('2026-11-29T09:00:00Z'));
  const verdicts = (id: string) => db.checklistVerdict.findMany({ where: { checklistRunId: id }, orderBy: { slug: 'asc' }, select: { slug: true, verdict: true, summary: true } });
  assert.deepEqual(await verdicts(viaEvaluator.id), await verdicts(direct.id));
});
