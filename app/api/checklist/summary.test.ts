import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDemoFixture, type DemoFixture } from '@/lib/testing/demo-sync';
import { GET as summaryRoute } from '@/app/api/checklist/summary/route';
import { GET as itemsRoute } from '@/app/api/checklist/items/route';
import { GET as evidenceRoute } from '@/app/api/checklist/evidence/route';
import { getChecklist } from '@/lib/checklist/queries';
import { accountItemsSchema, checklistSummarySchema, evidencePageSchema, type AccountChecklist, type ChecklistSummary, type EvidencePage } from '@/lib/checklist/schema';
import { db } from '@/lib/db';
import { isInOu } from '@/lib/organization/ou-path';

// The Overview's API at organization scale against real syncs of the demo organisation: the
// roll-up per OU and the page of accounts agree with the full checklist; an account the member
// role cannot reach and one the organization suspended show up as not read, never as passing;
// evidence comes one item and one page at a time.

let fixture: DemoFixture;
let full: AccountChecklist[];
let ouOf: Map<string, string | null>;
const closing = { id: '210987654321', name: 'acme-closing' };

before(async () => {
  fixture = await startDemoFixture({ seed: 29 });
  assert.notEqual((await fixture.sync()).status, 'failed');
  // The member role disappears from acme-staging: the next sync cannot reach it.
  const staging = fixture.sandbox.accounts.find((a) => a.name === 'acme-staging');
  const state = fixture.sandbox.state.accounts.find((a) => a.name === 'acme-staging');
  assert.ok(staging && state);
  state.roles = state.roles.filter((r) => r.arn !== staging.roleArn);
  await fixture.sync();
  // A suspended account discovery recorded: left out of every sync, nothing of it ever read.
  await db.account.create({
    data: { ...closing, access: 'assume-role', managedBy: 'organization', regions: [], ouPath: 'Root/Workloads/Staging', orgStatus: 'SUSPENDED', exclusion: 'suspended in the organization' },
  });
  full = await getChecklist();
  ouOf = new Map((await db.account.findMany({ select: { id: true, ouPath: true } })).map((a) => [a.id, a.ouPath]));
});

after(async () => {
  await fixture.close();
});

async function summary(qs = ''): Promise<ChecklistSummary> {
  const res = await summaryRoute(new Request(`http://localhost/api/checklist/summary${qs}`));
  assert.equal(res.status, 200, await res.clone().text());
  return checklistSummarySchema.parse(await res.json());
}

async function evidence(qs: string): Promise<EvidencePage> {
  const res = await evidenceRoute(new Request(`http://localhost/api/checklist/evidence${qs}`));
  assert.equal(res.status, 200, await res.clone().text());
  return evidencePageSchema.parse(await res.json());
}

const fails = (a: AccountChecklist) => a.items.filter((i) => i.verdict === 'fail').length;

describe('GET /api/checklist/summary', () => {
  test('each account’s verdicts and counts are those of its full checklist; worst first', async () => {
    const body = await summary();
    assert.equal(body.total, full.length + 1);
    assert.deepEqual(
      body.items.map((i) => i.slug),
      full[0]?.items.map((i) => i.slug),
    );
    for (const a of full) {
      const row = body.accounts.find((r) => r.id === a.accountId);
      assert.ok(row, a.accountName);
      assert.deepEqual(row.verdicts, Object.fromEntries(a.items.map((i) => [i.slug, i.verdict])));
      assert.equal(row.counts.fail, fails(a));
      assert.equal(row.counts.pass, a.items.filter((i) => i.verdict === 'pass').length);
      assert.equal(row.counts.unknown, a.items.filter((i) => i.verdict === 'unknown').length);
    }
    const evaluated = body.accounts.filter((r) => r.evaluatedAt !== null);
    for (let i = 1; i < evaluated.length; i++) assert.ok((evaluated[i - 1]?.counts.fail ?? 0) >= (evaluated[i]?.counts.fail ?? 0), 'most failures first');
    assert.equal(body.accounts.at(-1)?.id, closing.id, 'an account left out on purpose comes last');
  });

  test('the roll-up per OU counts, per item, the accounts below it that fail or cannot be judged', async () => {
    const body = await summary();
    assert.deepEqual(
      body.ous.map((o) => [o.path, o.accounts]),
      [
        ['Root', 4],
        ['Root/Workloads', 3],
        ['Root/Workloads/Production', 1],
        ['Root/Workloads/Staging', 2],
        [null, 1],
      ],
    );
    for (const ou of body.ous) {
      const inside = full.filter((a) => (ou.path === null ? ouOf.get(a.accountId) === null : isInOu(ouOf.get(a.accountId) ?? null, ou.path)));
      for (const item of body.items) {
        const verdicts = inside.map((a) => a.items.find((i) => i.slug === item.slug)?.verdict);
        assert.deepEqual(
          ou.items[item.slug],
          { fail: verdicts.filter((v) => v === 'fail').length, unknown: verdicts.filter((v) => v === 'unknown').length },
          `${ou.path ?? 'outside'} ${item.slug}`,
        );
      }
      assert.equal(ou.failing, inside.filter((a) => fails(a) > 0).length);
    }
    const staging = body.ous.find((o) => o.path === 'Root/Workloads/Staging');
    assert.equal(staging?.notRead, 2, 'the unreachable account and the suspended one');
    assert.equal(body.ous.find((o) => o.path === 'Root/Workloads/Production')?.notRead, 0);
  });

  test('an account the member role cannot reach and a suspended one show up as not read', async () => {
    const body = await summary('?q=acme-');
    const staging = body.accounts.find((a) => a.name === 'acme-staging');
    assert.match(staging?.lastReachError ?? '', /sts:AssumeRole: AccessDenied/);
    assert.equal(staging?.exclusion, null);
    const suspended = body.accounts.find((a) => a.id === closing.id);
    assert.deepEqual(
      [suspended?.evaluatedAt, suspended?.exclusion, suspended?.orgStatus, suspended?.counts.pass, suspended?.verdicts],
      [null, 'suspended in the organization', 'SUSPENDED', 0, {}],
    );
  });

  test('an OU takes its sub-OUs; the search narrows the page but not the roll-up; pages add up', async () => {
    const workloads = await summary('?ou=Root/Workloads');
    assert.deepEqual(workloads.accounts.map((a) => a.name).sort(), ['acme-closing', 'acme-production', 'acme-staging']);
    assert.deepEqual(
      workloads.ous.map((o) => o.path),
      ['Root/Workloads', 'Root/Workloads/Production', 'Root/Workloads/Staging'],
    );
    const searched = await summary('?ou=Root/Workloads&q=PROD');
    assert.deepEqual(searched.accounts.map((a) => a.name), ['acme-production']);
    assert.equal(searched.total, 1);
    assert.deepEqual(searched.ous, workloads.ous);
    const production = full.find((a) => a.accountName === 'acme-production');
    assert.deepEqual((await summary(`?q=${production?.accountId}`)).accounts.map((a) => a.name), ['acme-production'], 'by account id');

    const all = await summary('?sort=name');
    const paged = [];
    for (let page = 1; page <= Math.ceil(all.total / 2); page++) {
      const p = await summary(`?sort=name&pageSize=2&page=${page}`);
      assert.equal(p.total, all.total);
      assert.ok(p.accounts.length <= 2);
      paged.push(...p.accounts.map((a) => a.id));
    }
    assert.deepEqual(paged, all.accounts.map((a) => a.id));
    assert.deepEqual(
      all.accounts.map((a) => a.name),
      [...all.accounts.map((a) => a.name)].sort((x, y) => x.localeCompare(y)),
    );
    assert.deepEqual((await summary('?page=99')).accounts, []);
  });

  test('bad parameters get 400 naming them', async () => {
    for (const [qs, field] of [
      ['?pageSize=201', 'pageSize'],
      ['?page=0', 'page'],
      ['?ou=Root//x', 'ou'],
      ['?sort=best', 'sort'],
    ] as const) {
      const res = await summaryRoute(new Request(`http://localhost/api/checklist/summary${qs}`));
      assert.equal(res.status, 400, qs);
      assert.equal(((await res.json()) as { field?: string }).field, field, qs);
    }
  });
});

describe('GET /api/checklist/items and /api/checklist/evidence', () => {
  test('one account’s items without their evidence', async () => {
    const management = full.find((a) => a.accountName === 'acme-management');
    assert.ok(management);
    const res = await itemsRoute(new Request(`http://localhost/api/checklist/items?account=${management.accountId}`));
    assert.equal(res.status, 200);
    const raw = (await res.json()) as { items: object[] };
    assert.ok(raw.items.every((i) => !('evidence' in i)));
    const body = accountItemsSchema.parse(raw);
    assert.equal(body.account.ouPath, 'Root');
    assert.deepEqual(
      body.items.map((i) => [i.slug, i.verdict, i.summary]),
      management.items.map((i) => [i.slug, i.verdict, i.summary]),
    );
    const unknown = await itemsRoute(new Request('http://localhost/api/checklist/items?account=999999999999'));
    assert.equal(unknown.status, 404);
    const never = accountItemsSchema.parse(await (await itemsRoute(new Request(`http://localhost/api/checklist/items?account=${closing.id}`))).json());
    assert.deepEqual([never.evaluatedAt, never.items, never.account.exclusion], [null, [], 'suspended in the organization']);
  });

  test('evidence a page at a time, failing first, with the counts per status', async () => {
    const [account, item] = full
      .flatMap((a) => a.items.map((i) => [a, i] as const))
      .filter(([, i]) => i.evidence.length >= 3 && i.evidence.some((e) => e.status === 'fail'))
      .sort(([, x], [, y]) => y.evidence.length - x.evidence.length)[0] ?? [];
    assert.ok(account && item, 'the demo organisation has an item with several evidence entries');
    const qs = `?account=${account.accountId}&item=${item.slug}`;
    const first = await evidence(`${qs}&pageSize=2`);
    assert.equal(first.total, item.evidence.length);
    assert.equal(Object.values(first.counts).reduce((n, c) => n + c, 0), item.evidence.length);
    assert.equal(first.counts.fail, item.evidence.filter((e) => e.status === 'fail').length);
    const pages = [...first.evidence];
    for (let page = 2; page <= Math.ceil(first.total / 2); page++) pages.push(...(await evidence(`${qs}&pageSize=2&page=${page}`)).evidence);
    assert.deepEqual(
      [...pages].sort((a, b) => a.id.localeCompare(b.id) || a.kind.localeCompare(b.kind)),
      [...item.evidence].sort((a, b) => a.id.localeCompare(b.id) || a.kind.localeCompare(b.kind)),
      'every entry once',
    );
    const order = ['fail', 'unknown', 'noted', 'pass', 'excluded'];
    for (let i = 1; i < pages.length; i++) assert.ok(order.indexOf(pages[i - 1]?.status ?? '') <= order.indexOf(pages[i]?.status ?? ''), 'failing evidence first');
    const failing = await evidence(`${qs}&status=fail&pageSize=500`);
    assert.equal(failing.total, first.counts.fail);
    assert.ok(failing.evidence.every((e) => e.status === 'fail'));

    const missing = await evidenceRoute(new Request(`http://localhost/api/checklist/evidence?account=${account.accountId}&item=no-such-item`));
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { field?: string }).field, 'item');
    const bad = await evidenceRoute(new Request(`http://localhost/api/checklist/evidence?account=${account.accountId}&item=Bad%20Slug`));
    assert.equal(bad.status, 400);
  });
});
