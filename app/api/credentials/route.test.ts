import '@/lib/testing/test-store';
import { currentTime } from '@/lib/clock';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { startDemoFixture, type DemoFixture } from '@/lib/testing/demo-sync';
import { GET as listRoute } from '@/app/api/credentials/route';
import { GET as summaryRoute } from '@/app/api/credentials/summary/route';
import { GET as exportRoute } from '@/app/api/credentials/export/route';
import { credentialMatchesAll, type FilterContext } from '@/lib/credentials/filters';
import { credentialFilterNames, credentialsPageSchema, credentialsSummarySchema, type CredentialFilter, type CredentialRow, type CredentialsPage } from '@/lib/credentials/schema';
import { credentialCsvHeader } from '@/lib/credentials/csv';
import { keyStatus } from '@/lib/credentials/display';
import { db } from '@/lib/db';
import { DAY_MS, isoDate } from '@/lib/dates';

// The credentials API against a store filled by a real sync of a seeded sandbox.

let fixture: DemoFixture;
const injectedUser = '=1+2@evil';
// Users whose names mix cases, for the search: PostgreSQL's LIKE tells cases apart, SQLite's does not.
const mixedCaseUser = 'Build.Agent_Ops';
const lookalikeUser = 'build.agentXops';

before(async () => {
  fixture = await startDemoFixture({ seed: 11 });
  // A user whose name a spreadsheet would run as a formula (IAM allows = + @ in names).
  const account = fixture.sandbox.state.accounts.find((a) => a.users.length > 0);
  const template = account?.users[0];
  assert.ok(account && template);
  for (const [userName, userId] of [
    [injectedUser, 'AIDAINJECTEDUSER0001'],
    [mixedCaseUser, 'AIDAMIXEDCASEUSER001'],
    [lookalikeUser, 'AIDALOOKALIKEUSER001'],
  ] as const) {
    account.users.push({ ...structuredClone(template), userName, userId, arn: template.arn.replace(/user\/.*$/, `user/${userName}`) });
  }
  await fixture.sync();
});

after(async () => {
  await fixture.close();
});

async function get(handler: (r: Request) => Promise<Response>, path: string) {
  const res = await handler(new Request(`http://localhost${path}`));
  return { res, body: res.headers.get('content-type')?.includes('json') ? ((await res.json()) as unknown) : await res.text() };
}

async function list(qs: string): Promise<CredentialsPage> {
  const { res, body } = await get(listRoute, `/api/credentials?${qs}`);
  assert.equal(res.status, 200, JSON.stringify(body));
  return credentialsPageSchema.parse(body);
}

/** Every row of a view, page by page. */
async function listAll(qs: string): Promise<{ rows: CredentialRow[]; first: CredentialsPage }> {
  const first = await list(`${qs}&pageSize=200&page=1`);
  const rows = [...first.rows];
  for (let page = 2; page <= first.pageCount; page++) rows.push(...(await list(`${qs}&pageSize=200&page=${page}`)).rows);
  return { rows, first };
}

const key = (r: CredentialRow) => `${r.accountId}/${r.user}`;

async function filterContext(page: CredentialsPage): Promise<FilterContext> {
  const { body } = await get(summaryRoute, '/api/credentials/summary');
  const summary = credentialsSummarySchema.parse(body);
  const reviews = new Map(summary.reviews.map((r) => [r.accountId, new Date(r.nextReviewAt)]));
  return { now: new Date(page.asOf), thresholds: page.thresholds, nextReviewAt: (id) => reviews.get(id) ?? new Date(0) };
}

test('lists the newest credential report of every account, root rows included, with generation times', async () => {
  const { rows, first } = await listAll('');
  const accounts = await db.account.findMany();
  assert.equal(first.reports.length, accounts.length);
  for (const r of first.reports) assert.ok(r.generatedAt && !Number.isNaN(Date.parse(r.generatedAt)), `${r.accountName} has a generation time`);
  const sandboxUsers = fixture.sandbox.state.accounts.reduce((n, a) => n + a.users.length + 1, 0);
  assert.equal(first.total, sandboxUsers, 'every user and one root per account');
  assert.equal(rows.length, first.total);
  assert.equal(rows.filter((r) => r.isRoot).length, accounts.length);
  assert.equal(new Set(rows.map(key)).size, rows.length, 'pages neither repeat nor skip rows');
  const names = rows.map((r) => r.user);
  assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'sorted by user name by default');
});

test('a second sync does not double the rows: only the newest snapshot counts', async () => {
  const before = await list('pageSize=1');
  await fixture.sync({ sources: ['credential-report'] });
  const afterSync = await list('pageSize=1');
  assert.equal(afterSync.total, before.total);
});

test('every filter returns exactly the rows its definition selects', async () => {
  const { rows: all, first } = await listAll('');
  const ctx = await filterContext(first);
  for (const f of credentialFilterNames) {
    const { rows } = await listAll(`filter=${f}`);
    const expected = all.filter((r) => credentialMatchesAll(r, [f], ctx)).map(key).sort();
    assert.ok(expected.length > 0, `the demo data has rows for ${f}`);
    assert.deepEqual(rows.map(key).sort(), expected, f);
  }
});

test('filters combine (all must hold) and with the search', async () => {
  const { rows: all, first } = await listAll('');
  const ctx = await filterContext(first);
  const combos: CredentialFilter[][] = [['no-mfa', 'root'], ['old-keys', 'unused'], ['programmatic-only', 'old-keys']];
  for (const combo of combos) {
    const { rows } = await listAll(`filter=${combo.join(',')}`);
    assert.deepEqual(rows.map(key).sort(), all.filter((r) => credentialMatchesAll(r, combo, ctx)).map(key).sort(), combo.join(','));
  }
  const { rows } = await listAll('filter=no-mfa&q=ROOT');
  assert.ok(rows.length > 0);
  assert.ok(rows.every((r) => r.isRoot && !r.mfaActive));
});

test('search is a case-insensitive substring of the user name; % and _ are literal', async () => {
  const { rows: all } = await listAll('');
  const sample = all.find((r) => !r.isRoot && r.user.length > 4);
  assert.ok(sample);
  const part = sample.user.slice(1, 4).toUpperCase();
  const { rows } = await listAll(`q=${encodeURIComponent(part)}`);
  assert.deepEqual(rows.map(key).sort(), all.filter((r) => r.user.toLowerCase().includes(part.toLowerCase())).map(key).sort());
  const underscore = await listAll('q=_');
  assert.deepEqual(underscore.rows.map(key).sort(), all.filter((r) => r.user.includes('_')).map(key).sort());
  assert.equal((await list('q=%25')).total, 0);
});

test('the search finds a name typed in other cases, on SQLite and PostgreSQL alike; _ is plain, and so are % and \\', async () => {
  const users = async (q: string) => (await listAll(`q=${encodeURIComponent(q)}`)).rows.map((r) => r.user).sort();
  assert.deepEqual(await users('bUILD.aGENT'), [mixedCaseUser, lookalikeUser].sort());
  assert.deepEqual(await users('AGENT_OPS'), [mixedCaseUser]);
  assert.deepEqual(await users('agentxOPS'), [lookalikeUser]);
  assert.deepEqual(await users('Agent%Ops'), []);
  assert.deepEqual(await users('Agent\\_Ops'), []);
});

test('sorting by key age puts active keys first, oldest first when descending', async () => {
  const { rows } = await listAll('sort=key1Age&order=desc');
  const k1 = rows.map((r) => r.keys[0]);
  const firstInactive = k1.findIndex((k) => !k.active);
  assert.ok(firstInactive > 0);
  assert.ok(k1.slice(firstInactive).every((k) => !k.active), 'active keys first');
  const ages = k1.slice(0, firstInactive).map((k) => k.lastRotated.days ?? -1);
  assert.deepEqual(ages, [...ages].sort((a, b) => b - a));
});

test('sorting by password last use keeps sentinels (never used) last in both directions', async () => {
  for (const order of ['asc', 'desc'] as const) {
    const { rows } = await listAll(`sort=passwordLastUsed&order=${order}`);
    const dates = rows.map((r) => r.passwordLastUsed.at);
    const firstNull = dates.indexOf(null);
    assert.ok(firstNull > 0);
    assert.ok(dates.slice(firstNull).every((d) => d === null));
    const known = dates.slice(0, firstNull) as string[];
    const sorted = [...known].sort();
    assert.deepEqual(known, order === 'asc' ? sorted : sorted.reverse());
  }
});

test('every sort key is accepted and keeps the rows the same', async () => {
  const base = (await listAll('')).rows.map(key).sort();
  for (const sort of ['account', 'console', 'mfa', 'key1Status', 'key1LastUsed', 'key2Status', 'key2Age', 'key2LastUsed']) {
    const { rows } = await listAll(`sort=${sort}&order=desc`);
    assert.deepEqual(rows.map(key).sort(), base, sort);
  }
  const byAccount = (await listAll('sort=account')).rows.map((r) => r.accountName);
  assert.deepEqual(byAccount, [...byAccount].sort());
});

test('pages are consecutive slices of the same order', async () => {
  const ten = await list('pageSize=10&sort=key1LastUsed&order=desc');
  const a = await list('pageSize=5&page=1&sort=key1LastUsed&order=desc');
  const b = await list('pageSize=5&page=2&sort=key1LastUsed&order=desc');
  assert.deepEqual([...a.rows, ...b.rows].map(key), ten.rows.map(key));
  assert.equal(a.pageCount, Math.ceil(a.total / 5));
  const beyond = await list('pageSize=200&page=99');
  assert.equal(beyond.rows.length, 0);
  assert.equal(beyond.total, ten.total);
});

test('one account: only its rows and its report', async () => {
  const account = await db.account.findFirstOrThrow({ orderBy: { name: 'asc' } });
  const { rows, first } = await listAll(`account=${account.id}`);
  assert.ok(rows.length > 0);
  assert.ok(rows.every((r) => r.accountId === account.id && r.accountName === account.name));
  assert.deepEqual(first.reports.map((r) => r.accountId), [account.id]);
});

test('one OU: the rows and reports of the accounts in it and below it, the summary too', async () => {
  const accounts = await db.account.findMany({ select: { id: true, ouPath: true } });
  const inWorkloads = accounts.filter((a) => a.ouPath?.startsWith('Root/Workloads/')).map((a) => a.id).sort();
  assert.ok(inWorkloads.length >= 2, 'the demo organisation has accounts under Root/Workloads');
  const { rows, first } = await listAll('ou=Root/Workloads');
  assert.deepEqual([...new Set(rows.map((r) => r.accountId))].sort(), inWorkloads);
  assert.deepEqual(first.reports.map((r) => r.accountId).sort(), inWorkloads);
  const all = await listAll('');
  assert.equal(rows.length, all.rows.filter((r) => inWorkloads.includes(r.accountId)).length);
  const { body } = await get(summaryRoute, '/api/credentials/summary?ou=Root/Workloads');
  assert.deepEqual(credentialsSummarySchema.parse(body).reviews.map((r) => r.accountId).sort(), inWorkloads);
  assert.equal((await list('ou=Root/Nowhere')).total, 0);
  const { res } = await get(listRoute, '/api/credentials?ou=Root/');
  assert.equal(res.status, 400);
});

test('bad input is answered with 400 naming the parameter, unknown accounts with 404', async () => {
  const cases: [string, number, RegExp][] = [
    ['pageSize=201', 400, /pageSize must be at most 200/],
    ['pageSize=abc', 400, /pageSize must be a number/],
    ['page=0', 400, /page must be at least 1/],
    ['page=1.5', 400, /page must be a whole number/],
    ['filter=no-mfa,stale', 400, /unknown filter "stale"/],
    ['sort=arn', 400, /sort must be one of/],
    ['order=up', 400, /order must be asc or desc/],
    ['account=12345', 400, /account must be a 12-digit AWS account id/],
    ['account=000000000000', 404, /account 000000000000 is not known/],
    ['q=' + 'x'.repeat(129), 400, /q must be at most 128 characters/],
    ['colour=red', 400, /colour/],
  ];
  for (const [qs, status, message] of cases) {
    const { res, body } = await get(listRoute, `/api/credentials?${qs}`);
    assert.equal(res.status, status, qs);
    assert.match((body as { error: string }).error, message, qs);
  }
});

test('summary: key-age buckets count the active keys of the table; crossing keys match the filter', async () => {
  const { rows, first } = await listAll('');
  const { res, body } = await get(summaryRoute, '/api/credentials/summary');
  assert.equal(res.status, 200);
  const summary = credentialsSummarySchema.parse(body);
  const active = rows.flatMap((r) => r.keys.filter((k) => k.active));
  assert.equal(summary.activeKeys, active.length);
  assert.equal(summary.buckets.reduce((n, b) => n + b.count, 0) + summary.unknownAge, active.length);
  const over365 = active.filter((k) => (k.lastRotated.days ?? 0) > 365).length;
  assert.equal(summary.buckets.find((b) => b.bucket === 'over-365')?.count, over365);
  assert.equal(summary.reviews.length, first.reports.length);
  for (const r of summary.reviews) {
    assert.equal(r.lastSignedAt, null, 'no review signed in a fresh store');
    assert.equal(Math.round((Date.parse(r.nextReviewAt) - Date.parse(summary.asOf)) / DAY_MS), 31);
  }
  const crossingUsers = (await listAll('filter=crossing')).rows.map(key).sort();
  assert.ok(summary.crossingTotal > 0);
  assert.deepEqual([...new Set(summary.crossing.map((c) => `${c.accountId}/${c.user}`))].sort(), crossingUsers);
  for (const c of summary.crossing) {
    assert.ok(c.ageDays <= 90);
    assert.ok(Date.parse(c.overLimitOn) <= Date.parse(c.nextReviewAt));
  }
});

test('summary: the next review is 31 days after the last signed review of the account', async () => {
  const account = await db.account.findFirstOrThrow({ orderBy: { name: 'asc' } });
  const snapshot = await db.snapshot.findFirstOrThrow({ where: { accountId: account.id, source: 'credential-report' }, orderBy: { takenAt: 'desc' } });
  const signedAt = new Date(currentTime().getTime() - 20 * DAY_MS);
  const review = await db.review.create({
    data: { title: 'Test review', status: 'signed', startedBy: 'test', signedBy: 'test', signedAt, accounts: { create: { accountId: account.id, snapshotId: snapshot.id } } },
  });
  try {
    const { body } = await get(summaryRoute, `/api/credentials/summary?account=${account.id}`);
    const summary = credentialsSummarySchema.parse(body);
    assert.equal(summary.reviews.length, 1);
    assert.equal(summary.reviews[0]?.lastSignedAt, signedAt.toISOString());
    assert.equal(summary.reviews[0]?.nextReviewAt, new Date(signedAt.getTime() + 31 * DAY_MS).toISOString());
    assert.ok(summary.crossing.every((c) => c.nextReviewAt === summary.reviews[0]?.nextReviewAt));
  } finally {
    await db.review.delete({ where: { id: review.id } });
  }
});

test('summary: bad input', async () => {
  const bad = await get(summaryRoute, '/api/credentials/summary?account=abc');
  assert.equal(bad.res.status, 400);
  assert.match((bad.body as { error: string }).error, /account must be a 12-digit/);
  const unknown = await get(summaryRoute, '/api/credentials/summary?account=999999999999');
  assert.equal(unknown.res.status, 404);
  const extra = await get(summaryRoute, '/api/credentials/summary?page=2');
  assert.equal(extra.res.status, 400);
});

test('export: a CSV of every row of the view (all pages), in its order, named with the date', async () => {
  const qs = 'filter=old-keys&sort=key1Age&order=desc';
  const { rows } = await listAll(qs);
  const { res, body } = await get(exportRoute, `/api/credentials/export?${qs}`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
  assert.match(res.headers.get('content-disposition') ?? '', new RegExp(`attachment; filename="warden-credentials-all-accounts-${isoDate(currentTime())}\\.csv"`));
  const [header, ...lines] = parse(body as string) as string[][];
  assert.deepEqual(header, [...credentialCsvHeader]);
  const guarded = (user: string) => (/^[=+\-@]/.test(user) ? `'${user}` : user);
  assert.deepEqual(
    lines.map((l) => `${l[0]}/${l[2]}`),
    rows.map((r) => `${r.accountId}/${guarded(r.user)}`),
  );
  for (const l of lines) assert.equal(l[credentialCsvHeader.indexOf('key_1_status')] === 'active' || l[credentialCsvHeader.indexOf('key_2_status')] === 'active', true);
});

test('export: sentinels are words and formula-like cells are defused', async () => {
  const { body } = await get(exportRoute, '/api/credentials/export');
  const [header, ...lines] = parse(body as string) as string[][];
  assert.ok(header);
  const col = (name: (typeof credentialCsvHeader)[number]) => header.indexOf(name);
  const all = (await listAll('')).rows;
  assert.equal(lines.length, all.length);
  const injected = lines.find((l) => l[col('user')] === `'${injectedUser}`);
  assert.ok(injected, 'the formula-like user name is prefixed with a quote');
  assert.ok(!(body as string).includes(`,${injectedUser},`));
  for (const l of lines) {
    for (const c of ['password_last_used', 'key_1_last_rotated', 'key_1_last_used', 'key_2_last_used'] as const) {
      assert.match(l[col(c)] ?? '', /^(\d{4}-\d{2}-\d{2}|never|no information|not supported|no password)$/, `${c}: ${l[col(c)]}`);
    }
    if (l[col('console_access')] === 'no') assert.equal(l[col('password_last_used')], 'no password');
  }
  const root = lines.find((l) => l[col('root')] === 'yes');
  assert.equal(root?.[col('console_access')], 'not supported');
  const noKey = all.find((r) => keyStatus(r.keys[1]) === 'none' && !/^[=+\-@]/.test(r.user));
  assert.ok(noKey);
  const line = lines.find((l) => l[col('account_id')] === noKey.accountId && l[col('user')] === noKey.user);
  assert.equal(line?.[col('key_2_status')], 'none');
  assert.equal(line?.[col('key_2_age_days')], '');
  assert.equal(line?.[col('key_2_last_used_service')], 'never');
});

test('export: one account, a search, and bad input', async () => {
  const account = await db.account.findFirstOrThrow({ orderBy: { name: 'desc' } });
  const { res, body } = await get(exportRoute, `/api/credentials/export?account=${account.id}&q=root`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition') ?? '', new RegExp(`warden-credentials-${account.id}-`));
  const [, ...lines] = parse(body as string) as string[][];
  assert.equal(lines.length, 1);
  assert.equal(lines[0]?.[0], account.id);
  assert.equal(lines[0]?.[2], '<root_account>');
  for (const [qs, status] of [
    ['filter=everything', 400],
    ['pageSize=10', 400],
    ['account=111111111111', 404],
  ] as const) {
    const r = await get(exportRoute, `/api/credentials/export?${qs}`);
    assert.equal(r.res.status, status, qs);
    assert.ok(typeof r.body === 'object' && r.body !== null && 'error' in r.body, qs);
  }
});
