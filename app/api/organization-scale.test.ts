import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, test } from 'node:test';
import { currentTime } from '@/lib/clock';
import { DAY_MS } from '@/lib/dates';
import { db } from '@/lib/db';
import { GET as summaryRoute } from '@/app/api/checklist/summary/route';
import { GET as accountsRoute } from '@/app/api/accounts/route';
import { GET as directoryRoute } from '@/app/api/accounts/directory/route';
import { GET as findingsRoute } from '@/app/api/findings/route';
import { GET as credentialsSummaryRoute } from '@/app/api/credentials/summary/route';
import { GET as credentialsRoute } from '@/app/api/credentials/route';
import { GET as reviewsRoute } from '@/app/api/reviews/route';
import { listManagedAccounts } from '@/lib/accounts/admin';
import { accountDirectorySchema, accountListSchema } from '@/lib/accounts/schema';
import { checklistSummarySchema } from '@/lib/checklist/schema';

// The organization-wide reads with more accounts than SQLite takes bound parameters in one
// statement (999): nothing sends a list of every account's id or time, so each answers.

const size = 1200;
const ids = Array.from({ length: size }, (_, i) => String(100000000000 + i));
// Most accounts in Root/Big; the rest in Root/Big_2, which a LIKE 'Root/Big_%' would take in too.
const ouOf = (i: number) => (i < 1100 ? 'Root/Big' : 'Root/Big_2');

before(async () => {
  await db.account.createMany({
    data: ids.map((id, i) => ({
      id,
      name: `acct-${String(i).padStart(4, '0')}`,
      access: 'assume-role',
      managedBy: 'organization',
      regions: [],
      ouPath: ouOf(i),
      orgStatus: i % 100 === 99 ? 'SUSPENDED' : 'ACTIVE',
      exclusion: i % 100 === 99 ? 'suspended in the organization' : null,
    })),
  });
  const run = await db.syncRun.create({ data: { trigger: 'cli', mode: 'aws', status: 'ok' } });
  const read = ids.filter((_, i) => i % 100 !== 99);
  await db.syncSourceRun.createMany({ data: read.map((accountId) => ({ runId: run.id, accountId, source: 'credential-report', status: 'ok', startedAt: currentTime(), finishedAt: currentTime() })) });
  // Each account's current report (as the sync's writers mark it), one user each.
  await db.snapshot.createMany({ data: read.map((accountId) => ({ id: `cr-${accountId}`, accountId, source: 'credential-report', runId: run.id, current: true, meta: { users: 1 } })) });
  await db.credentialReportEntry.createMany({
    data: read.map((accountId) => ({ snapshotId: `cr-${accountId}`, user: `deploy-${accountId}`, arn: `arn:aws:iam::${accountId}:user/deploy`, isRoot: false, userCreationTime: new Date(currentTime().getTime() - 300 * DAY_MS), passwordEnabled: false, mfaActive: false, accessKey1Active: true, accessKey1LastRotated: new Date(currentTime().getTime() - 300 * DAY_MS), accessKey2Active: false, cert1Active: false, cert2Active: false })),
  });
  const runs = read.map((accountId) => ({ id: randomUUID(), accountId, runId: run.id, passed: 1, failed: 1, unknown: 1, notApplicable: 0 }));
  await db.checklistRun.createMany({ data: runs });
  await db.checklistVerdict.createMany({
    data: runs.flatMap((r) =>
      (['pass', 'fail', 'unknown'] as const).map((verdict, j) => ({
        checklistRunId: r.id,
        slug: `item-${j + 1}`,
        number: j + 1,
        title: `Item ${j + 1}`,
        verdict,
        severity: 'high',
        summary: '',
        evidence: [],
        remedy: { text: '', commands: [] },
        references: [],
        thresholds: [],
        since: currentTime(),
      })),
    ),
  });
});

async function get(handler: (r: Request) => Promise<Response>, path: string): Promise<unknown> {
  const res = await handler(new Request(`http://localhost${path}`));
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  return res.json();
}

test('the Overview’s summary: the roll-up of 1,100 accounts in one OU and a page of them', async () => {
  const body = checklistSummarySchema.parse(await get(summaryRoute, '/api/checklist/summary?ou=Root/Big&pageSize=10'));
  assert.equal(body.total, 1100);
  assert.equal(body.accounts.length, 10);
  assert.deepEqual(
    body.ous.map((o) => [o.path, o.accounts, o.notRead, o.items['item-2']?.fail, o.items['item-3']?.unknown]),
    [['Root/Big', 1100, 11, 1089, 1089]],
    'Root/Big_2 is another OU',
  );
  const last = checklistSummarySchema.parse(await get(summaryRoute, `/api/checklist/summary?pageSize=200&page=${size / 200}`));
  assert.equal(last.total, size);
  assert.deepEqual(
    last.accounts.slice(-12).map((a) => a.exclusion),
    Array.from({ length: 12 }, () => 'suspended in the organization'),
    'accounts left out on purpose come last',
  );
});

test('the accounts, the picker’s directory and the Accounts screen', async () => {
  const page = accountListSchema.parse(await get(accountsRoute, '/api/accounts?ou=Root/Big&sort=problems&pageSize=8'));
  assert.equal(page.total, 1100);
  assert.ok(page.accounts.every((a) => a.exclusion !== null), 'accounts not read first');
  const directory = accountDirectorySchema.parse(await get(directoryRoute, '/api/accounts/directory'));
  assert.equal(directory.accounts.length, size);
  assert.deepEqual(
    directory.ous.map((o) => [o.path, o.accounts]),
    [
      ['Root', size],
      ['Root/Big', 1100],
      ['Root/Big_2', 100],
    ],
  );
  const managed = await listManagedAccounts();
  assert.equal(managed.accounts.length, size);
  assert.equal(managed.accounts.filter((a) => a.lastSync.status === 'ok').length, size - 12);
});

test('the OU filters of findings, credentials and reviews', async () => {
  assert.equal(((await get(findingsRoute, '/api/findings?ou=Root/Big')) as { total: number }).total, 0);
  assert.equal(((await get(credentialsSummaryRoute, '/api/credentials/summary?ou=Root/Big')) as { reviews: unknown[] }).reviews.length, 1100);
  assert.deepEqual(((await get(reviewsRoute, '/api/reviews?ou=Root/Big')) as { reviews: unknown[] }).reviews, []);
  // The credential report of every account in scope, a page at a time: a join on the current reports, not a list of ids.
  const all = (await get(credentialsRoute, '/api/credentials?pageSize=50')) as { total: number; entries: unknown[] };
  assert.equal(all.total, size - 12);
  const big = (await get(credentialsRoute, '/api/credentials?ou=Root/Big&pageSize=50&q=deploy')) as { total: number };
  assert.equal(big.total, 1100 - 11);
  const keys = (await get(credentialsSummaryRoute, '/api/credentials/summary')) as { keyAges: { total?: number } };
  assert.ok(keys);
  // The crossing filter compares each account with its own review: bounded, and said so.
  const crossing = await credentialsRoute(new Request('http://localhost/api/credentials?filter=crossing'));
  assert.equal(crossing.status, 400);
  assert.match(((await crossing.json()) as { error: string }).error, /at most 200 accounts at once.*choose an OU or an account/);
});
