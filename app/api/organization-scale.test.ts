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
import { GET as ousRoute } from '@/app/api/accounts/ous/route';
import { GET as findingsRoute } from '@/app/api/findings/route';
import { GET as credentialsSummaryRoute } from '@/app/api/credentials/summary/route';
import { GET as credentialsRoute } from '@/app/api/credentials/route';
import { GET as reviewsRoute } from '@/app/api/reviews/route';
import { GET as syncRoute } from '@/app/api/sync/route';
import { GET as runAccountsRoute } from '@/app/api/sync/runs/[id]/accounts/route';
import { listManagedAccounts } from '@/lib/accounts/admin';
import { accountDirectorySchema, accountListSchema } from '@/lib/accounts/schema';
import { checklistSummarySchema } from '@/lib/checklist/schema';
import { compareOuPaths } from '@/lib/organization/ou-path';
import { getReview, signOffReview, startReview } from '@/lib/review/queries';
import { syncRunAccountsSchema, syncRunListSchema, type SyncRunAccounts } from '@/lib/sync/schema';

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
  const run = await db.syncRun.create({ data: { trigger: 'cli', mode: 'aws', status: 'ok', startedAt: currentTime() } });
  const read = ids.filter((_, i) => i % 100 !== 99);
  await db.syncSourceRun.createMany({ data: read.map((accountId) => ({ runId: run.id, accountId, source: 'credential-report', status: 'ok', startedAt: currentTime(), finishedAt: currentTime() })) });
  // Each account's current report (as the sync's writers mark it), one user each.
  await db.snapshot.createMany({ data: read.map((accountId) => ({ id: `cr-${accountId}`, accountId, source: 'credential-report', runId: run.id, current: true, meta: { users: 1 } })) });
  // One user each: deploy_…, deploy_x… or deploy-… (a search for _ must not take in the other two); one
  // active key, rotated 82 or 70 days ago (crossing the 90-day limit before some reviews) or 300.
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const userOf = (i: number, accountId: string) => (i % 5 === 0 ? `deploy_${accountId}` : i % 5 === 1 ? `deploy_x${accountId}` : `deploy-${accountId}`);
  const rotatedDaysAgo = (i: number) => (i % 10 === 0 ? 82 : i % 10 === 5 ? 70 : 300);
  await db.credentialReportEntry.createMany({
    data: read.map((accountId) => {
      const i = indexOf.get(accountId) ?? 0;
      return { snapshotId: `cr-${accountId}`, user: userOf(i, accountId), arn: `arn:aws:iam::${accountId}:user/deploy`, isRoot: false, userCreationTime: new Date(currentTime().getTime() - 300 * DAY_MS), passwordEnabled: false, mfaActive: false, accessKey1Active: true, accessKey1LastRotated: new Date(currentTime().getTime() - rotatedDaysAgo(i) * DAY_MS), accessKey2Active: false, cert1Active: false, cert2Active: false };
    }),
  });
  // Reviews signed 20 days ago (next review in 11 days) and 40 days ago (overdue where it is the last).
  const signed = async (daysAgo: number, accountIds: string[]) =>
    db.review.create({
      data: {
        title: `signed ${daysAgo} days ago`,
        status: 'signed',
        startedBy: 'alice',
        startedAt: new Date(currentTime().getTime() - daysAgo * DAY_MS),
        signedBy: 'alice',
        signedAt: new Date(currentTime().getTime() - daysAgo * DAY_MS),
        accounts: { create: accountIds.map((accountId) => ({ accountId, snapshotId: `cr-${accountId}` })) },
      },
    });
  await signed(20, ids.filter((_, i) => i % 20 === 0 || i % 20 === 5));
  await signed(40, ids.filter((_, i) => i % 20 === 0 || i % 40 === 10));
  // Three of the checklist's items: passed, failed, unknown; each account's evaluation is its current one.
  const slugs = ['root-mfa', 'root-access-keys', 'user-mfa'] as const;
  const verdictMap = { 'root-mfa': 'pass', 'root-access-keys': 'fail', 'user-mfa': 'unknown' };
  const runs = read.map((accountId) => ({ id: randomUUID(), accountId, runId: run.id, passed: 1, failed: 1, unknown: 1, notApplicable: 0, current: true, verdictMap }));
  await db.checklistRun.createMany({ data: runs });
  await db.checklistVerdict.createMany({
    data: runs.flatMap((r) =>
      (['pass', 'fail', 'unknown'] as const).map((verdict, j) => ({
        checklistRunId: r.id,
        slug: slugs[j] ?? '',
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
  // An earlier run of three sources per account, some of which failed, were skipped or came back incomplete.
  const earlier = await db.syncRun.create({ data: { trigger: 'schedule', mode: 'aws', status: 'partial', startedAt: new Date(currentTime().getTime() - 3_600_000) } });
  earlierRunId = earlier.id;
  await db.syncSourceRun.createMany({
    data: ids.flatMap((accountId, i) =>
      i % 100 === 99
        ? []
        : (['credential-report', 'account', 'cloudtrail'] as const).map((source) => ({
            runId: earlier.id,
            accountId,
            source,
            ...outcomeOf(i, source),
            startedAt: currentTime(),
            finishedAt: currentTime(),
            apiCalls: 1 + (i % 3),
            records: i % 7,
          })),
    ),
  });
});

let earlierRunId = '';

/** The earlier run's outcome of account i's source: a few of each kind of problem among many ok. */
function outcomeOf(i: number, source: string): { status: string; error?: string; errorCode?: string; missingPermissions?: string[] } {
  if (source === 'credential-report' && i % 50 === 7) return { status: 'failed', error: 'AccessDenied: not authorized', errorCode: 'AccessDenied', missingPermissions: ['iam:GenerateCredentialReport'] };
  if (source === 'account' && i % 40 === 3) return { status: 'ok', missingPermissions: ['iam:GetAccountPasswordPolicy'] };
  if (source === 'cloudtrail' && i % 333 === 5) return { status: 'skipped', error: 'another sync of this account is running' };
  return { status: 'ok' };
}
const hasProblem = (i: number) => i % 100 !== 99 && (i % 50 === 7 || i % 40 === 3 || i % 333 === 5);

async function get(handler: (r: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>, path: string): Promise<unknown> {
  const id = /^\/api\/sync\/runs\/([^/]+)\//.exec(path)?.[1] ?? '';
  const res = await handler(new Request(`http://localhost${path}`), { params: Promise.resolve({ id }) });
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  return res.json();
}

test('the Overview’s summary: the roll-up of 1,100 accounts in one OU and a page of them', async () => {
  const body = checklistSummarySchema.parse(await get(summaryRoute, '/api/checklist/summary?ou=Root/Big&pageSize=10'));
  assert.equal(body.total, 1100);
  assert.equal(body.accounts.length, 10);
  assert.deepEqual(
    body.ous.map((o) => [o.path, o.accounts, o.notRead, o.items['root-access-keys']?.fail, o.items['user-mfa']?.unknown]),
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
  // The picker's search: the first 100 matches by OU then name, how many match, how many there are.
  const directory = accountDirectorySchema.parse(await get(directoryRoute, '/api/accounts/directory'));
  assert.deepEqual([directory.accounts.length, directory.matches, directory.total], [100, size, size]);
  assert.deepEqual(
    directory.accounts.map((a) => a.name),
    ids.slice(0, 100).map((_, i) => `acct-${String(i).padStart(4, '0')}`),
    'Root/Big first, by name',
  );
  const ordered = [...directory.accounts].sort((a, b) => compareOuPaths(a.ouPath ?? '', b.ouPath ?? '') || a.name.localeCompare(b.name));
  assert.deepEqual(directory.accounts, ordered);
  // "big_2" is the other OU's path, _ and all: not a LIKE wildcard that would take in Root/Big's accounts.
  const other = accountDirectorySchema.parse(await get(directoryRoute, `/api/accounts/directory?q=BIG_2&selected=${ids[5]}`));
  assert.deepEqual([other.matches, other.accounts.length, other.total], [100, 100, size]);
  assert.ok(other.accounts.every((a) => a.ouPath === 'Root/Big_2'));
  assert.deepEqual([other.selected?.id, other.selected?.name, other.selected?.ouPath], [ids[5], 'acct-0005', 'Root/Big'], 'the selected account though it does not match');
  const few = accountDirectorySchema.parse(await get(directoryRoute, '/api/accounts/directory?q=acct-11&take=5'));
  assert.deepEqual([few.matches, few.accounts.map((a) => a.name)], [100, ['acct-1100', 'acct-1101', 'acct-1102', 'acct-1103', 'acct-1104']]);
  // A review's choice: accounts of an OU with a credential report, and those without.
  const withReport = accountDirectorySchema.parse(await get(directoryRoute, '/api/accounts/directory?ou=Root/Big_2&report=read'));
  const withoutReport = accountDirectorySchema.parse(await get(directoryRoute, '/api/accounts/directory?ou=Root/Big_2&report=not-read&take=10'));
  assert.deepEqual([withReport.matches, withoutReport.matches], [99, 1]);
  assert.deepEqual(withoutReport.accounts.map((a) => [a.name, a.hasCredentialReport]), [['acct-1199', false]]);
  const ous = (await get(ousRoute, '/api/accounts/ous')) as { ous: { path: string; accounts: number }[] };
  assert.deepEqual(
    ous.ous.map((o) => [o.path, o.accounts]),
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
  assert.equal(((await get(reviewsRoute, '/api/reviews?ou=Root/Big')) as { reviews: unknown[] }).reviews.length, 2);
  assert.deepEqual(((await get(reviewsRoute, '/api/reviews?ou=Root/Nowhere')) as { reviews: unknown[] }).reviews, []);
  // The credential report of every account in scope, a page at a time: a join on the current reports, not a list of ids.
  const all = (await get(credentialsRoute, '/api/credentials?pageSize=50')) as { total: number; entries: unknown[] };
  assert.equal(all.total, size - 12);
  const big = (await get(credentialsRoute, '/api/credentials?ou=Root/Big&pageSize=50&q=deploy')) as { total: number };
  assert.equal(big.total, 1100 - 11);
  const keys = (await get(credentialsSummaryRoute, '/api/credentials/summary')) as { keyAges: { total?: number } };
  assert.ok(keys);
  // The crossing filter compares each key with its own account's next review, at 1,188 accounts:
  // never reviewed (due in 31 days), last signed 20 days ago (due in 11), or 40 days ago (overdue).
  const crossesAt = (i: number) =>
    i % 100 !== 99 && (i % 10 === 0 ? i % 40 !== 10 : i % 10 === 5 ? i % 20 === 15 : false);
  const crossing = (await get(credentialsRoute, '/api/credentials?filter=crossing&pageSize=200')) as { total: number; rows: { accountId: string }[] };
  assert.equal(crossing.total, ids.filter((_, i) => crossesAt(i)).length);
  assert.equal(crossing.total, 150);
  const summary = (await get(credentialsSummaryRoute, '/api/credentials/summary')) as { crossingTotal: number };
  assert.equal(summary.crossingTotal, crossing.total, 'the summary, judged key by key in JavaScript, agrees');
  const crossingOfOu = (await get(credentialsRoute, '/api/credentials?filter=crossing&ou=Root/Big_2&pageSize=200')) as { total: number };
  assert.equal(crossingOfOu.total, ids.filter((_, i) => i >= 1100 && crossesAt(i)).length);
  // A search with _: literal, whether what LIKE wrongly takes in is left out (few) or what matches is named (few).
  const exact = (await get(credentialsRoute, `/api/credentials?q=_${ids[1040]?.slice(0, 11)}&pageSize=50`)) as { total: number; rows: { user: string }[] };
  assert.deepEqual(exact.rows.map((r) => r.user).sort(), [`deploy_${ids[1040]}`, `deploy_${ids[1045]}`]);
  const underscored = (await get(credentialsRoute, '/api/credentials?q=deploy_1&pageSize=50')) as { total: number };
  assert.equal(underscored.total, ids.filter((_, i) => i % 5 === 0 && i % 100 !== 99).length, 'more than LIKE’s wrong matches can name: the true ones are named');
  assert.equal(((await get(credentialsRoute, '/api/credentials?q=%25')) as { total: number }).total, 0);
  // Hundreds both ways: refused, saying so, instead of a silently shortened list.
  const broad = await credentialsRoute(new Request('http://localhost/api/credentials?q=deploy_'));
  assert.equal(broad.status, 400);
  assert.match(((await broad.json()) as { error: string }).error, /^q: “deploy_” holds _, .*more than 300 users/);
});

test('the Sync screen: each run’s tally counted in the database, its accounts a page at a time, problems first', async () => {
  const raw = await syncRoute(new Request('http://localhost/api/sync?take=20'));
  const text = await raw.text();
  assert.equal(raw.status, 200, text);
  assert.ok(text.length < 5_000, `the run list carries tallies, not 4,752 source rows: ${text.length} bytes`);
  const list = syncRunListSchema.parse(JSON.parse(text));
  assert.equal(list.runs.length, 2);
  const earlier = list.runs[1];
  assert.equal(earlier?.id, earlierRunId);
  const rows = await db.syncSourceRun.findMany({ where: { runId: earlierRunId } });
  const read = ids.filter((_, i) => i % 100 !== 99);
  const problems = ids.filter((_, i) => hasProblem(i));
  assert.deepEqual(earlier?.tally, {
    total: rows.length,
    done: rows.length,
    ok: rows.filter((r) => r.status === 'ok').length,
    incomplete: rows.filter((r) => r.status === 'ok' && Array.isArray(r.missingPermissions) && r.missingPermissions.length > 0).length,
    failed: rows.filter((r) => r.status === 'failed').length,
    skipped: rows.filter((r) => r.status === 'skipped').length,
    records: rows.reduce((sum, r) => sum + r.records, 0),
    apiCalls: rows.reduce((sum, r) => sum + r.apiCalls, 0),
    accounts: read.length,
    problemAccounts: problems.length,
  });
  assert.deepEqual([rows.length, earlier?.tally.failed, earlier?.tally.skipped], [read.length * 3, 24, 4], 'the fixture is what the test thinks');

  // Every page, in order: the accounts with a problem first, then the rest, each by name; none twice.
  const pages: SyncRunAccounts[] = [];
  for (let page = 1; page <= Math.ceil(read.length / 50); page += 1) {
    pages.push(syncRunAccountsSchema.parse(await get(runAccountsRoute, `/api/sync/runs/${earlierRunId}/accounts?page=${page}`)));
  }
  assert.ok(pages.every((p) => p.total === read.length && p.problemAccounts === problems.length && p.runStatus === 'partial'));
  assert.ok(pages.slice(0, -1).every((p) => p.accounts.length === 50));
  const walked = pages.flatMap((p) => p.accounts);
  const name = (id: string) => `acct-${String(ids.indexOf(id)).padStart(4, '0')}`;
  assert.deepEqual(
    walked.map((a) => a.accountId),
    [...problems, ...read.filter((id) => !problems.includes(id))],
  );
  assert.ok(walked.every((a) => a.accountName === name(a.accountId) && a.sources.length === 3 && a.problem === problems.includes(a.accountId)));
  const failedSource = walked.find((a) => a.accountId === ids[7])?.sources.find((s) => s.source === 'credential-report');
  assert.deepEqual([failedSource?.status, failedSource?.errorCode, failedSource?.missingPermissions], ['failed', 'AccessDenied', ['iam:GenerateCredentialReport']]);

  // Search by name or id, case-insensitive; only the problems; one account.
  const found = syncRunAccountsSchema.parse(await get(runAccountsRoute, `/api/sync/runs/${earlierRunId}/accounts?q=ACCT-010`));
  assert.deepEqual(found.accounts.map((a) => a.accountName), ['acct-0107', 'acct-0100', 'acct-0101', 'acct-0102', 'acct-0103', 'acct-0104', 'acct-0105', 'acct-0106', 'acct-0108', 'acct-0109']);
  const byId = syncRunAccountsSchema.parse(await get(runAccountsRoute, `/api/sync/runs/${earlierRunId}/accounts?q=${ids[1042]?.slice(4)}`));
  assert.deepEqual(byId.accounts.map((a) => a.accountId), [ids[1042]]);
  const onlyProblems = syncRunAccountsSchema.parse(await get(runAccountsRoute, `/api/sync/runs/${earlierRunId}/accounts?problems=only&pageSize=200`));
  assert.deepEqual([onlyProblems.total, onlyProblems.accounts.length], [problems.length, problems.length]);
  const one = syncRunAccountsSchema.parse(await get(runAccountsRoute, `/api/sync/runs/${earlierRunId}/accounts?account=${ids[7]}`));
  assert.deepEqual([one.total, one.accounts.map((a) => a.accountId)], [1, [ids[7]]]);
  const runsOfOne = syncRunListSchema.parse(await get(syncRoute, `/api/sync?account=${ids[7]}`));
  assert.deepEqual(runsOfOne.runs.map((r) => [r.tally.accounts, r.tally.total, r.tally.failed]), [[1, 1, 0], [1, 3, 1]], 'only its own sources counted');
});

test('bad parameters of the Sync screen’s routes are a 400 naming them; an unknown run a 404', async () => {
  for (const [path, field] of [
    [`/api/sync/runs/${earlierRunId}/accounts?page=0`, 'page'],
    [`/api/sync/runs/${earlierRunId}/accounts?page=x`, 'page'],
    [`/api/sync/runs/${earlierRunId}/accounts?pageSize=1000`, 'pageSize'],
    [`/api/sync/runs/${earlierRunId}/accounts?problems=some`, 'problems'],
    [`/api/sync/runs/${earlierRunId}/accounts?account=1`, 'account'],
    [`/api/sync/runs/${earlierRunId}/accounts?q=${'a'.repeat(200)}`, 'q'],
    ['/api/sync?take=0', 'take'],
    ['/api/sync?account=abc', 'account'],
  ] as const) {
    const res = path.startsWith('/api/sync/runs/')
      ? await runAccountsRoute(new Request(`http://localhost${path}`), { params: Promise.resolve({ id: earlierRunId }) })
      : await syncRoute(new Request(`http://localhost${path}`));
    assert.equal(res.status, 400, path);
    const body = (await res.json()) as { error: string; field?: string };
    assert.equal(body.field, field, path);
    assert.match(body.error, new RegExp(`^${field}: ${field} must`), path);
  }
  const missing = await runAccountsRoute(new Request('http://localhost/api/sync/runs/nope/accounts'), { params: Promise.resolve({ id: 'nope' }) });
  assert.equal(missing.status, 404);
});

test('a review of every read account (more than 999) starts, shows, and refuses a sign-off naming what is undecided', async () => {
  const read = ids.filter((_, i) => i % 100 !== 99);
  const { id } = await startReview({ accountIds: read }, 'alice');
  const detail = await getReview(id);
  assert.equal(detail.inReview.accounts, read.length);
  assert.equal(detail.accounts.length, read.length);
  assert.ok(detail.items.length >= read.length, 'one user each, every one on the agenda');
  await assert.rejects(signOffReview(id, 'alice', 'alice'), (error: unknown) => error instanceof Error && /^Cannot sign off: \d+ agenda items are still undecided — acct-0000: /.test(error.message));
});
