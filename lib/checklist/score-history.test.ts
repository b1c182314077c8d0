import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getScoreHistory } from '@/lib/checklist/queries';
import { currentTime } from '@/lib/clock';
import { db } from '@/lib/db';

// The score chart reads a window of the newest evaluations (an organization of 1,000 accounts has
// 1,000 per sync): its first points still sum every account, from each one's newest evaluation
// before the window.

test('the window\'s points sum every account, the older ones from before the window', async () => {
  const base = currentTime().getTime();
  const at = (seconds: number) => new Date(base + seconds * 1000);
  const ids = ['400000000001', '400000000002', '400000000003'];
  await db.account.createMany({ data: ids.map((id, i) => ({ id, name: `score-${i}`, access: 'own', regions: [] })) });
  const evaluation = (accountId: string, runId: string | null, seconds: number, passed: number) =>
    db.checklistRun.create({ data: { accountId, runId, evaluatedAt: at(seconds), passed, failed: 1, unknown: 0, notApplicable: 0 } });
  // Sync run r1, then r2, then one account re-evaluated outside a run.
  for (const [i, id] of ids.entries()) await evaluation(id, 'r1', i, 10 * (i + 1));
  for (const [i, id] of ids.entries()) await evaluation(id, 'r2', 100 + i, 10 * (i + 1) + 1);
  await evaluation(ids[1]!, null, 200, 5);

  const all = await getScoreHistory({});
  assert.deepEqual(all.map((p) => p.passed), [60, 63, 47]);
  assert.deepEqual(all.map((p) => p.failed), [3, 3, 3]);

  // A window of the newest three evaluations: r2's last two and the re-evaluation.
  const windowed = await getScoreHistory({ take: 3 });
  assert.deepEqual(windowed.map((p) => p.passed), [63, 47]);
  assert.deepEqual(windowed.map((p) => p.evaluatedAt), [at(102).toISOString(), at(200).toISOString()]);

  const one = await getScoreHistory({ accountId: ids[1], take: 1 });
  assert.deepEqual(one.map((p) => p.passed), [5]);
});
