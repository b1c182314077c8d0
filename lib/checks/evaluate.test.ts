import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checklistItemResultSchema, checklistItemWithSinceSchema } from '@/lib/checklist/schema';
import { checklistRules, evaluateChecklist, withSince } from '@/lib/checks/evaluate';
import type { AccountSnapshot, SourceState } from '@/lib/checks/types';
import { badSnapshot, goodSnapshot, now } from '@/lib/checks/fixtures';
import { DAY_MS } from '@/lib/dates';

test('every rule runs in the seed\'s order, then the extras, with unique slugs', () => {
  const results = evaluateChecklist(goodSnapshot());
  assert.deepEqual(results.map((result) => result.number), Array.from({ length: 17 }, (_, index) => index + 1));
  assert.equal(new Set(results.map((result) => result.slug)).size, results.length);
  assert.equal(checklistRules.length, 17);
  for (const result of results) checklistItemResultSchema.parse(result);
});

test('the good account passes every item', () => {
  const results = evaluateChecklist(goodSnapshot());
  assert.deepEqual(results.filter((result) => result.verdict !== 'pass').map((result) => `${result.slug}: ${result.summary}`), []);
});

test('the bad account fails every item (16 included)', () => {
  const results = evaluateChecklist(badSnapshot());
  assert.deepEqual(results.filter((result) => result.verdict !== 'fail').map((result) => `${result.slug}: ${result.verdict} ${result.summary}`), []);
  for (const result of results) checklistItemResultSchema.parse(result);
});

test('an account nothing could be read from has no pass: every item says so, and asks for no permission AWS did not deny', () => {
  const unread: SourceState = { read: false, takenAt: null, missingPermissions: [], error: null };
  const snapshot: AccountSnapshot = {
    ...goodSnapshot(),
    credentialReport: null,
    iam: null,
    accessAnalyzer: null,
    cloudtrail: null,
    organization: null,
    reviews: null,
    sources: { credentialReport: unread, iam: unread, accessAnalyzer: unread, cloudtrail: unread, organization: unread, reviews: unread },
  };
  const results = evaluateChecklist(snapshot);
  assert.deepEqual(results.filter((result) => result.verdict !== 'unknown').map((result) => result.slug), []);
  for (const result of results.filter((item) => item.slug !== 'credential-report-review')) {
    assert.deepEqual(result.missingPermissions, [], `${result.slug} asks for a permission nobody denied`);
    assert.match(result.summary, /has not been read yet/, result.slug);
  }
});

test('a rule that throws becomes unknown and the others still run', () => {
  const snapshot = goodSnapshot();
  Object.defineProperty(snapshot, 'organization', {
    get() {
      throw new Error('organization state is corrupt');
    },
  });
  const results = evaluateChecklist(snapshot);
  const scps = results.find((result) => result.slug === 'service-control-policies');
  assert.equal(scps?.verdict, 'unknown');
  assert.match(scps?.summary ?? '', /organization state is corrupt/);
  assert.equal(results.filter((result) => result.verdict === 'pass').length, 16);
});

test('withSince keeps the since of an unchanged verdict and restarts a changed or new one', () => {
  const results = evaluateChecklist(goodSnapshot());
  const earlier = new Date('2024-05-01T00:00:00Z');
  const previous = [
    { slug: 'root-mfa', verdict: 'pass', since: earlier },
    { slug: 'root-access-keys', verdict: 'fail', since: earlier },
  ];
  const withHistory = withSince(results, previous, now);
  assert.deepEqual(withHistory.find((result) => result.slug === 'root-mfa')?.since, earlier);
  assert.deepEqual(withHistory.find((result) => result.slug === 'root-access-keys')?.since, now);
  assert.deepEqual(withHistory.find((result) => result.slug === 'user-mfa')?.since, now);
  const roundTrip = checklistItemWithSinceSchema.parse(JSON.parse(JSON.stringify(withHistory[0])));
  assert.deepEqual(roundTrip.since, earlier);
});

test('a pass never rests on old data: a source last read more than staleDataHours ago makes it unknown, naming the source and its age', () => {
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  const snapshot = goodSnapshot();
  const at = (source: keyof AccountSnapshot['sources'], lastReadAt: Date): AccountSnapshot['sources'] => ({ ...snapshot.sources, [source]: { ...snapshot.sources[source], lastReadAt } });

  // The credential report was last read 49 hours ago (the default limit is 48).
  const stale = evaluateChecklist({ ...snapshot, sources: at('credentialReport', hoursAgo(49)) });
  const bySlug = new Map(stale.map((r) => [r.slug, r]));
  const onReport = checklistRules.filter((r) => r.sources.includes('credentialReport')).map((r) => r.slug);
  assert.ok(onReport.includes('user-mfa') && onReport.includes('access-key-rotation'));
  for (const slug of onReport) {
    const r = bySlug.get(slug);
    assert.equal(r?.verdict, 'unknown', slug);
    assert.match(r?.summary ?? '', /^This would pass, but the credential report was last read 2024-06-13 11:00 UTC \(49 hours ago\): more than 48 hours, too old to pass on\./, slug);
    assert.ok(r?.thresholds.some((t) => t.name === 'staleDataHours' && t.value === 48), slug);
  }
  // Items that rest on other sources still pass.
  assert.equal(bySlug.get('cloudtrail-enabled')?.verdict, 'pass');
  assert.equal(bySlug.get('password-policy')?.verdict, 'pass');
  assert.equal(bySlug.get('credential-report-review')?.verdict, 'pass', 'reviews live in Warden, not AWS');

  // Exactly at the limit is still fresh; the limit is a threshold like any other.
  assert.ok(evaluateChecklist({ ...snapshot, sources: at('credentialReport', hoursAgo(48)) }).every((r) => r.verdict === 'pass'));
  const relaxed = evaluateChecklist({ ...snapshot, thresholds: { ...snapshot.thresholds, staleDataHours: 72 }, sources: at('credentialReport', hoursAgo(49)) });
  assert.ok(relaxed.every((r) => r.verdict === 'pass'));
});

test('old data never turns a fail into anything else', () => {
  const bad = badSnapshot();
  const old = new Date(now.getTime() - 30 * DAY_MS);
  const sources = Object.fromEntries(Object.entries(bad.sources).map(([k, v]) => [k, { ...v, lastReadAt: old }])) as AccountSnapshot['sources'];
  const results = evaluateChecklist({ ...bad, sources });
  assert.deepEqual(results.filter((r) => r.verdict !== 'fail').map((r) => r.slug), []);
});

test('every rule names the AWS sources its verdict rests on (only the review rule rests on none)', () => {
  for (const rule of checklistRules) {
    if (rule.slug === 'credential-report-review') assert.deepEqual(rule.sources, []);
    else assert.ok(rule.sources.length > 0, rule.slug);
  }
});

test('every rule documents what counts and what it rests on (the reference page is generated from this)', () => {
  for (const rule of checklistRules) {
    assert.ok(rule.semantics.counts.length > 40, `${rule.slug}: what counts`);
    assert.ok(rule.semantics.restsOn.length > 0, `${rule.slug}: what it rests on`);
  }
  assert.deepEqual(checklistRules.map((rule) => rule.number), Array.from({ length: 17 }, (_, k) => k + 1));
});
