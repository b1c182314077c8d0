import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateAccountChecklist } from '@/lib/checklist/evaluate-account';
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
