import '@/lib/testing/test-store';
import { currentTime } from '@/lib/clock';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDemoFixture, type DemoFixture } from '@/lib/testing/demo-sync';
import { GET as listRoute } from '@/app/api/findings/route';
import { GET as detailRoute } from '@/app/api/findings/[key]/route';
import { GET as auditRoute } from '@/app/api/findings/audit/route';
import { auditResponseSchema, findingDetailResponseSchema, findingListResponseSchema, type FindingListResponse } from '@/lib/findings/schema';
import { DAY_MS, daysSince } from '@/lib/dates';
import { db } from '@/lib/db';

// GET /api/findings, /api/findings/<key> and /api/findings/audit against a store filled by a real
// sync of a seeded sandbox.

let fixture: DemoFixture;

before(async () => {
  fixture = await startDemoFixture({ seed: 61 });
  const run = await fixture.sync();
  assert.notEqual(run.status, 'failed');
});

after(async () => {
  await fixture.close();
});

async function list(qs: string): Promise<FindingListResponse> {
  const res = await listRoute(new Request(`http://localhost/api/findings${qs}`));
  assert.equal(res.status, 200, await res.clone().text());
  return findingListResponseSchema.parse(await res.json());
}

async function errorOf(res: Response): Promise<{ status: number; error: string }> {
  const body = (await res.json()) as { error?: unknown };
  assert.equal(typeof body.error, 'string');
  return { status: res.status, error: String(body.error) };
}

const detail = (key: string) => detailRoute(new Request(`http://localhost/api/findings/${encodeURIComponent(key)}`), { params: Promise.resolve({ key: encodeURIComponent(key) }) });

describe('GET /api/findings', () => {
  test('lists ACTIVE findings by default, with counts by type and status across every status', async () => {
    const body = await list('');
    assert.ok(body.total > 0, 'the demo organisation has active findings');
    assert.ok(body.findings.every((f) => f.status === 'ACTIVE'));
    const statuses = new Set(body.counts.map((c) => c.status));
    for (const s of ['ACTIVE', 'ARCHIVED', 'RESOLVED']) assert.ok(statuses.has(s), `counts include ${s}`);
    const activeCount = body.counts.filter((c) => c.status === 'ACTIVE').reduce((n, c) => n + c.count, 0);
    assert.equal(activeCount, body.total);
    assert.ok(body.facets.analyzers.length > 0);
    assert.ok(body.readAt !== null);
    const first = body.findings[0];
    assert.ok(first);
    // The analyzer filter offers the analyzers with findings: not one that reports nothing (an
    // organization of 1,000 accounts has many).
    const silent = { arn: `arn:aws:access-analyzer:eu-west-3:${first.accountId}:analyzer/reports-nothing`, accountId: first.accountId, region: 'eu-west-3', name: 'reports-nothing', type: 'ACCOUNT', status: 'ACTIVE', createdAt: currentTime(), lastSeenAt: currentTime() };
    await db.analyzer.create({ data: silent });
    try {
      const again = await list('');
      const withFindings = await db.analyzer.findMany({ where: { findings: { some: { duplicateOf: null } } }, select: { arn: true } });
      assert.deepEqual(again.facets.analyzers.map((a) => a.arn).sort(), withFindings.map((a) => a.arn).sort());
      assert.ok(!again.facets.analyzers.some((a) => a.arn === silent.arn));
    } finally {
      await db.analyzer.delete({ where: { arn: silent.arn } });
    }
    assert.match(first.key, /^arn:aws:access-analyzer:[a-z0-9-]+:\d{12}:analyzer\/.+\/.+$/);
    assert.notEqual(first.accountName, '');
    assert.notEqual(first.gist.text, '');
  });

  test('status=all, ARCHIVED and RESOLVED select those statuses', async () => {
    const all = await list('?status=all&pageSize=200');
    const archived = await list('?status=ARCHIVED&pageSize=200');
    const resolved = await list('?status=RESOLVED&pageSize=200');
    const active = await list('?pageSize=200');
    assert.ok(archived.total > 0 && resolved.total > 0);
    assert.ok(archived.findings.every((f) => f.status === 'ARCHIVED'));
    assert.ok(resolved.findings.every((f) => f.status === 'RESOLVED'));
    assert.equal(all.total, archived.total + resolved.total + active.total);
  });

  test('filters by account, analyzer, type, resource type, resource substring and age', async () => {
    const all = await list('?status=all&pageSize=200');
    const sample = all.findings.find((f) => f.findingType === 'ExternalAccess');
    assert.ok(sample);

    const byAccount = await list(`?status=all&pageSize=200&account=${sample.accountId}`);
    assert.ok(byAccount.total > 0 && byAccount.findings.every((f) => f.accountId === sample.accountId));
    assert.ok(byAccount.facets.analyzers.every((a) => a.accountId === sample.accountId));

    const byAnalyzer = await list(`?status=all&analyzer=${encodeURIComponent(sample.analyzerArn)}`);
    assert.ok(byAnalyzer.total > 0 && byAnalyzer.findings.every((f) => f.analyzerArn === sample.analyzerArn));

    const byType = await list('?status=all&type=ExternalAccess&pageSize=200');
    assert.ok(byType.total > 0 && byType.findings.every((f) => f.findingType === 'ExternalAccess'));
    assert.ok(byType.total < all.total);

    const byResourceType = await list(`?status=all&resourceType=${encodeURIComponent(sample.resourceType)}&pageSize=200`);
    assert.ok(byResourceType.findings.every((f) => f.resourceType === sample.resourceType));

    const part = sample.resource.slice(-8);
    const byResource = await list(`?status=all&resource=${encodeURIComponent(part)}&pageSize=200`);
    assert.ok(byResource.findings.some((f) => f.key === sample.key));
    assert.ok(byResource.findings.every((f) => f.resource.toLowerCase().includes(part.toLowerCase())));
    // Typed in other cases, the same findings: on PostgreSQL (whose LIKE tells cases apart) as on SQLite.
    const swapped = [...part].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
    assert.notEqual(swapped, part, `${part} has letters`);
    const bySwapped = await list(`?status=all&resource=${encodeURIComponent(swapped)}&pageSize=200`);
    assert.deepEqual(bySwapped.findings.map((f) => f.key), byResource.findings.map((f) => f.key));

    const ageDays = daysSince(currentTime(), new Date(sample.createdAt));
    const older = await list(`?status=all&minAgeDays=${ageDays}&pageSize=200`);
    assert.ok(older.findings.some((f) => f.key === sample.key));
    assert.ok(older.findings.every((f) => currentTime().getTime() - new Date(f.createdAt).getTime() >= ageDays * DAY_MS));
    const newer = await list(`?status=all&maxAgeDays=${Math.max(0, ageDays - 2)}&pageSize=200`);
    assert.ok(!newer.findings.some((f) => f.key === sample.key));
  });

  test('?ou= takes the findings of the accounts in the OU and below it; the facets follow', async () => {
    const accounts = await db.account.findMany({ select: { id: true, ouPath: true } });
    const inWorkloads = new Set(accounts.filter((a) => a.ouPath?.startsWith('Root/Workloads/')).map((a) => a.id));
    assert.ok(inWorkloads.size >= 2);
    const all = await list('?status=all&pageSize=200');
    const workloads = await list('?status=all&pageSize=200&ou=Root/Workloads');
    assert.ok(workloads.total > 0);
    assert.ok(workloads.findings.every((f) => inWorkloads.has(f.accountId)));
    let expected = 0;
    for (const id of inWorkloads) expected += (await list(`?status=all&pageSize=1&account=${id}`)).total;
    assert.equal(workloads.total, expected);
    assert.ok(workloads.total < all.total, 'the other accounts have findings too');
    assert.ok(workloads.facets.analyzers.length <= all.facets.analyzers.length);
    assert.equal((await list('?ou=Root/Elsewhere')).total, 0);
    const bad = await listRoute(new Request('http://localhost/api/findings?ou=Root//x'));
    assert.equal(bad.status, 400);
  });

  test('sorts and paginates on the server', async () => {
    const asc = await list('?status=all&sort=resource&order=asc&pageSize=200');
    const resources = asc.findings.map((f) => f.resource);
    assert.deepEqual(resources, [...resources].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const byCreated = await list('?status=all&sort=createdAt&order=desc&pageSize=200');
    const times = byCreated.findings.map((f) => f.createdAt);
    assert.deepEqual(times, [...times].sort().reverse());

    const page1 = await list('?status=all&sort=resource&pageSize=5&page=1');
    const page2 = await list('?status=all&sort=resource&pageSize=5&page=2');
    assert.equal(page1.findings.length, 5);
    assert.equal(page1.total, asc.total);
    const keys1 = new Set(page1.findings.map((f) => f.key));
    assert.ok(page2.findings.every((f) => !keys1.has(f.key)), 'pages do not overlap');
  });

  test('bad input is answered 400 naming the field; an unknown account 404', async () => {
    const cases: [string, RegExp][] = [
      ['?pageSize=201', /pageSize: must be at most 200/],
      ['?pageSize=abc', /pageSize: must be a number/],
      ['?page=0', /page: must be at least 1/],
      ['?status=OPEN', /status: must be one of ACTIVE, ARCHIVED, RESOLVED or all/],
      ['?sort=colour', /sort:/],
      ['?order=up', /order: must be asc or desc/],
      ['?account=12345', /account: must be a 12-digit AWS account id/],
      ['?analyzer=not-an-arn', /analyzer: must be an Access Analyzer analyzer ARN/],
      ['?minAgeDays=-1', /minAgeDays: must be at least 0/],
      ['?minAgeDays=10&maxAgeDays=5', /maxAgeDays: must not be less than minAgeDays/],
      ['?resourceType=S3%20bucket', /resourceType:/],
    ];
    for (const [qs, message] of cases) {
      const { status, error } = await errorOf(await listRoute(new Request(`http://localhost/api/findings${qs}`)));
      assert.equal(status, 400, qs);
      assert.match(error, message, qs);
    }
    const unknown = await errorOf(await listRoute(new Request('http://localhost/api/findings?account=000000000000')));
    assert.equal(unknown.status, 404);
    assert.match(unknown.error, /account: 000000000000 is not known/);
  });
});

describe('GET /api/findings/<key>', () => {
  test('answers one finding with its details, times and (empty) audit trail', async () => {
    const external = (await list('?type=ExternalAccess&pageSize=1')).findings[0];
    assert.ok(external);
    const res = await detail(external.key);
    assert.equal(res.status, 200);
    const body = findingDetailResponseSchema.parse(await res.json());
    assert.equal(body.finding.key, external.key);
    assert.ok(body.finding.details && body.finding.details.length > 0);
    const d = body.finding.details[0];
    assert.equal(d?.kind, 'externalAccess');
    assert.ok(d?.kind === 'externalAccess' && Object.keys(d.principal).length > 0);
    assert.ok(body.finding.analyzedAt && body.finding.updatedAt && body.finding.createdAt);
    assert.deepEqual(body.triage, []);

    const unused = (await list('?status=all&type=UnusedPermission&pageSize=1')).findings[0];
    assert.ok(unused);
    const u = findingDetailResponseSchema.parse(await (await detail(unused.key)).json());
    assert.ok(u.finding.details?.every((x) => x.kind === 'unusedPermission'));
  });

  test('an unknown key is 404, a malformed key 400, both naming the key', async () => {
    const any = (await list('?pageSize=1')).findings[0];
    assert.ok(any);
    const missing = `${any.analyzerArn}/00000000-0000-4000-8000-000000000000`;
    const notFound = await errorOf(await detail(missing));
    assert.equal(notFound.status, 404);
    assert.match(notFound.error, /key: finding .* is not known to Warden/);
    const bad = await errorOf(await detail('not-a-key'));
    assert.equal(bad.status, 400);
    assert.match(bad.error, /key: must be a finding key/);
  });
});

describe('GET /api/findings/audit', () => {
  test('answers an empty trail before any triage, and rejects bad filters', async () => {
    const res = await auditRoute(new Request('http://localhost/api/findings/audit'));
    assert.equal(res.status, 200);
    const body = auditResponseSchema.parse(await res.json());
    assert.equal(body.total, 0);
    for (const [qs, message] of [
      ['?action=delete', /action:/],
      ['?from=yesterday', /from: must be a date such as 2025-01-31/],
      ['?from=2025-02-01&to=2025-01-01', /to: must not be before from/],
      ['?pageSize=1000', /pageSize: must be at most 200/],
    ] as const) {
      const e = await errorOf(await auditRoute(new Request(`http://localhost/api/findings/audit${qs}`)));
      assert.equal(e.status, 400, qs);
      assert.match(e.error, message, qs);
    }
  });
});

describe('details the listing does not carry', () => {
  test('are read from AWS when the finding is opened, once, and a refusal is shown in AWS\'s words', async () => {
    const unused = await db.finding.findMany({ where: { detailsFetchedAt: null, analyzer: { type: { endsWith: 'UNUSED_ACCESS' } } }, take: 2 });
    assert.equal(unused.length, 2, 'unused-access findings are stored without details by the sync');
    const [opened, refused] = unused;
    assert.ok(opened && refused);

    fixture.sandbox.resetCallCounts();
    const res = await detail(opened.key);
    assert.equal(res.status, 200);
    const body = findingDetailResponseSchema.parse(await res.json());
    assert.ok(body.finding.details && body.finding.details.length > 0, 'details read on open');
    assert.equal(body.finding.detailsError, null);
    assert.ok(body.finding.detailsFetchedAt);
    assert.equal(fixture.sandbox.callCounts()['access-analyzer:GetFindingV2'], 1);
    await detail(opened.key);
    assert.equal(fixture.sandbox.callCounts()['access-analyzer:GetFindingV2'], 1, 'kept: not read again');

    fixture.sandbox.setFault({ operation: 'access-analyzer:GetFindingV2', kind: 'deny' });
    try {
      const denied = findingDetailResponseSchema.parse(await (await detail(refused.key)).json());
      assert.equal(denied.finding.details, null);
      assert.match(denied.finding.detailsError ?? '', /access-analyzer:GetFinding.*AccessDenied/);
    } finally {
      fixture.sandbox.clearFaults();
    }
  });
});
