import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDemoFixture, type DemoFixture } from '@/lib/testing/demo-sync';
import { GET as listRoute } from '@/app/api/accounts/route';
import { GET as directoryRoute } from '@/app/api/accounts/directory/route';
import { GET as ousRoute } from '@/app/api/accounts/ous/route';
import { accountDirectorySchema, accountListSchema, ouListSchema, type AccountList, type SourceFreshness } from '@/lib/accounts/schema';
import { db } from '@/lib/db';
import { lastGoodRead } from '@/lib/sync/queries';
import { sourceNames } from '@/lib/sync/types';
import { countOus } from '@/lib/organization/ou-path';

// GET /api/accounts, /api/accounts/directory and /api/accounts/ous against a store filled by real
// syncs of a seeded sandbox: the freshness read for all accounts at once is what reading each
// account and source on its own gives; where the organization lists each account and why one is
// not read come with it.

let fixture: DemoFixture;
const suspended = { id: '210987654321', name: 'acme-closing' };

before(async () => {
  fixture = await startDemoFixture({ seed: 23 });
  assert.notEqual((await fixture.sync()).status, 'failed');
  // A second sync in which one source fails in one account: the newest attempt is no longer the newest read.
  const production = fixture.sandbox.accounts.find((a) => a.name === 'acme-production');
  assert.ok(production);
  fixture.sandbox.setFault({ operation: 'access-analyzer:ListAnalyzers', kind: 'error', accountId: production.id });
  assert.notEqual((await fixture.sync({ sources: ['access-analyzer', 'account'] })).status, 'failed');
  fixture.sandbox.clearFaults();
  // A discovered account the sync leaves out: never read, nothing stored.
  await db.account.create({
    data: { ...suspended, access: 'assume-role', managedBy: 'organization', regions: [], ouPath: 'Root/Workloads/Production', orgStatus: 'SUSPENDED', exclusion: 'suspended in the organization' },
  });
});

after(async () => {
  await fixture.close();
});

async function list(qs = ''): Promise<AccountList> {
  const res = await listRoute(new Request(`http://localhost/api/accounts${qs}`));
  assert.equal(res.status, 200, await res.clone().text());
  return accountListSchema.parse(await res.json());
}

/** The freshness of one account's source as the screen always computed it: one account and source at a time. */
async function oneByOne(accountId: string, source: string): Promise<SourceFreshness> {
  const snapshot = await db.snapshot.findFirst({ where: { accountId, source }, orderBy: { takenAt: 'desc' }, select: { takenAt: true, missingPermissions: true } });
  const attempt = await db.syncSourceRun.findFirst({ where: { accountId, source }, orderBy: [{ startedAt: { sort: 'desc', nulls: 'last' } }] });
  const failed = attempt?.status === 'failed';
  const read = await lastGoodRead(accountId, source, snapshot?.takenAt ?? null);
  return {
    source,
    lastReadAt: read?.toISOString() ?? null,
    lastStatus: (attempt?.status as SourceFreshness['lastStatus']) ?? null,
    lastAttemptAt: (attempt?.finishedAt ?? attempt?.startedAt)?.toISOString() ?? null,
    lastError: failed ? (attempt?.error ?? null) : null,
    missingPermissions: ((failed ? attempt?.missingPermissions : snapshot?.missingPermissions) as string[] | undefined) ?? [],
  };
}

describe('GET /api/accounts', () => {
  test('every account with each source as reading it on its own gives, and where the organization lists it', async () => {
    const body = await list();
    assert.equal(body.total, fixture.sandbox.accounts.length + 1);
    assert.equal(body.accounts.length, body.total);
    assert.equal(body.pageSize, null);
    for (const a of body.accounts) {
      assert.deepEqual(
        a.sources.map((s) => s.source),
        [...sourceNames],
      );
      for (const s of a.sources) assert.deepEqual(s, await oneByOne(a.id, s.source), `${a.name} ${s.source}`);
    }
    const production = body.accounts.find((a) => a.name === 'acme-production');
    const report = production?.sources.find((s) => s.source === 'access-analyzer');
    assert.equal(report?.lastStatus, 'failed', 'the failed attempt is the newest');
    assert.match(report?.lastError ?? '', /HTTP 500/);
    assert.ok(report?.lastReadAt && report.lastAttemptAt && report.lastReadAt < report.lastAttemptAt, 'the last good read is older');
    assert.equal(production?.ouPath, 'Root/Workloads/Production');
    assert.equal(production?.orgStatus, 'ACTIVE');
    const closing = body.accounts.find((a) => a.id === suspended.id);
    assert.deepEqual(
      [closing?.orgStatus, closing?.exclusion, closing?.managedBy, closing?.sources.every((s) => s.lastReadAt === null && s.lastStatus === null)],
      ['SUSPENDED', 'suspended in the organization', 'organization', true],
    );
  });

  test('?ou= takes the OU and its sub-OUs; ?q= searches name, id and OU path; ?reading=not-read', async () => {
    const workloads = await list('?ou=Root/Workloads');
    assert.deepEqual(workloads.accounts.map((a) => a.name).sort(), ['acme-closing', 'acme-production', 'acme-staging']);
    assert.deepEqual((await list('?ou=Root/Work')).accounts, [], 'a prefix of a name is not an OU');
    assert.deepEqual((await list('?q=STAG')).accounts.map((a) => a.name), ['acme-staging']);
    assert.deepEqual((await list('?q=production')).accounts.map((a) => a.name), ['acme-closing', 'acme-production']);
    assert.deepEqual((await list('?reading=not-read')).accounts.map((a) => a.id), [suspended.id]);
  });

  test('pages in name order, or problems first', async () => {
    const all = await list();
    const pages = [await list('?pageSize=2&page=1'), await list('?pageSize=2&page=2'), await list('?pageSize=2&page=3')];
    assert.deepEqual(
      pages.flatMap((p) => p.accounts.map((a) => a.id)),
      all.accounts.map((a) => a.id),
    );
    assert.ok(pages.every((p) => p.total === all.total && p.pageSize === 2));
    const worst = await list('?sort=problems&pageSize=2');
    assert.deepEqual(
      worst.accounts.map((a) => a.name),
      ['acme-closing', 'acme-production'],
      'the account not read, then the one whose source failed',
    );
  });

  test('bad parameters get 400 naming them', async () => {
    for (const [qs, field] of [
      ['?pageSize=0', 'pageSize'],
      ['?page=x', 'page'],
      ['?ou=Root/', 'ou'],
      ['?sort=worst', 'sort'],
      ['?account=12', 'account'],
    ] as const) {
      const res = await listRoute(new Request(`http://localhost/api/accounts${qs}`));
      assert.equal(res.status, 400, qs);
      assert.equal(((await res.json()) as { field?: string }).field, field, qs);
    }
  });
});

describe('GET /api/accounts/directory and /api/accounts/ous', () => {
  async function directory(qs = '') {
    const res = await directoryRoute(new Request(`http://localhost/api/accounts/directory${qs}`));
    assert.equal(res.status, 200, await res.clone().text());
    return accountDirectorySchema.parse(await res.json());
  }

  test('the picker’s search: every account, light, by OU in tree order then name, accounts in no OU last', async () => {
    const body = await directory();
    const count = fixture.sandbox.accounts.length + 1;
    assert.deepEqual([body.accounts.length, body.matches, body.total, body.selected], [count, count, count, null]);
    assert.deepEqual(
      body.accounts.map((a) => [a.ouPath, a.name]),
      [
        ['Root', 'acme-management'],
        ['Root/Workloads/Production', 'acme-closing'],
        ['Root/Workloads/Production', 'acme-production'],
        ['Root/Workloads/Staging', 'acme-staging'],
        [null, 'acme-legacy'],
      ],
    );
    assert.equal(body.accounts.find((a) => a.id === suspended.id)?.hasCredentialReport, false);
    assert.ok(body.accounts.filter((a) => a.id !== suspended.id).every((a) => a.hasCredentialReport));
    assert.ok(body.accounts.every((a) => !('sources' in a)));
  });

  test('?q= matches part of the name, id or OU path, case-insensitive; ?take= and ?selected=', async () => {
    // "PROD" is in acme-production's name and in acme-closing's OU path.
    const prod = await directory('?q=PROD');
    assert.deepEqual([prod.accounts.map((a) => a.name), prod.matches, prod.total], [['acme-closing', 'acme-production'], 2, 5]);
    const byId = await directory(`?q=${suspended.id.slice(2, 8)}`);
    assert.deepEqual(byId.accounts.map((a) => a.id), [suspended.id]);
    assert.equal((await directory('?q=acme_')).matches, 0, '_ is a character, not a wildcard');
    const first = await directory('?q=acme&take=1');
    assert.deepEqual([first.accounts.map((a) => a.name), first.matches], [['acme-management'], 5]);
    const counts = await directory(`?take=0&selected=${suspended.id}`);
    assert.deepEqual([counts.accounts, counts.matches, counts.selected?.name, counts.selected?.exclusion], [[], 5, 'acme-closing', 'suspended in the organization']);
    const elsewhere = await directory(`?q=staging&selected=${suspended.id}`);
    assert.deepEqual([elsewhere.accounts.map((a) => a.name), elsewhere.selected?.id], [['acme-staging'], suspended.id], 'the selected account comes back though it does not match');
    assert.equal((await directory('?selected=000000000000')).selected, null);
  });

  test('bad parameters are a 400 naming them', async () => {
    for (const [qs, field] of [
      ['?take=101', 'take'],
      ['?take=-1', 'take'],
      ['?take=many', 'take'],
      ['?selected=12', 'selected'],
      [`?q=${'x'.repeat(129)}`, 'q'],
    ] as const) {
      const res = await directoryRoute(new Request(`http://localhost/api/accounts/directory${qs}`));
      assert.equal(res.status, 400, qs);
      const body = (await res.json()) as { field?: string; error: string };
      assert.equal(body.field, field, qs);
      assert.match(body.error, new RegExp(`^${field}: ${field} must`), qs);
    }
  });

  test('the OU tree with its counts, one row per OU from the database', async () => {
    const ous = ouListSchema.parse(await (await ousRoute(new Request('http://localhost/api/accounts/ous'))).json());
    const all = await db.account.findMany({ select: { ouPath: true } });
    assert.deepEqual(ous.ous, countOus(all.map((a) => a.ouPath)));
    assert.deepEqual(
      ous.ous.map((o) => [o.path, o.accounts, o.direct]),
      [
        ['Root', 4, 1],
        ['Root/Workloads', 3, 0],
        ['Root/Workloads/Production', 2, 2],
        ['Root/Workloads/Staging', 1, 1],
      ],
    );
    assert.equal(ous.withoutOu, 1, 'acme-legacy is outside the organization');
  });
});
