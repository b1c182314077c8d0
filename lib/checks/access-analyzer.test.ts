import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessAnalyzerFindingsRule, accessAnalyzerRule } from '@/lib/checks/access-analyzer';
import { toResult, type ChecklistRule } from '@/lib/checks/rule';
import type { AccessAnalyzerData, AccountSnapshot } from '@/lib/checks/types';
import { accountId, denied, finding, goodSnapshot } from '@/lib/checks/fixtures';

const run = (rule: ChecklistRule, snapshot: AccountSnapshot) => toResult(rule, rule.evaluate(snapshot));

function withAnalyzer(changes: Partial<AccessAnalyzerData>): AccountSnapshot {
  const snapshot = goodSnapshot();
  if (snapshot.accessAnalyzer === null) throw new Error('fixture has no Access Analyzer data');
  return { ...snapshot, accessAnalyzer: { ...snapshot.accessAnalyzer, ...changes } };
}

const externalIn = (region: string, status = 'ACTIVE') => ({
  arn: `arn:aws:access-analyzer:${region}:${accountId}:analyzer/ExternalAccess`,
  name: 'ExternalAccess',
  region,
  type: 'ACCOUNT',
  status,
});

// ---------------------------------------------------------------------------------------------
// 8. IAM Access Analyzer active
// ---------------------------------------------------------------------------------------------

test('analyzers: pass with an active external-access analyzer in every configured region', () => {
  const result = run(accessAnalyzerRule, goodSnapshot());
  assert.equal(result.verdict, 'pass');
  assert.match(result.summary, /Unused-access analyzer: UnusedAccess/);
  assert.deepEqual(result.references.map((reference) => reference.id), ['1.20', 'IAM.28']);
});

test('analyzers: fail names regions without one; an unused-access analyzer does not count', () => {
  const result = run(accessAnalyzerRule, withAnalyzer({
    analyzers: [externalIn('us-east-1'), { ...externalIn('eu-west-1'), name: 'Unused', type: 'ACCOUNT_UNUSED_ACCESS' }],
  }));
  assert.equal(result.verdict, 'fail');
  assert.match(result.summary, /1 region of 2: eu-west-1/);
  assert.equal(result.evidence.find((item) => item.id === 'eu-west-1')?.status, 'fail');
  assert.deepEqual(result.remedy.commands, ['aws accessanalyzer create-analyzer --region eu-west-1 --analyzer-name ExternalAccess --type ACCOUNT']);
});

test('analyzers: a disabled or failed analyzer is not active', () => {
  const result = run(accessAnalyzerRule, withAnalyzer({ analyzers: [externalIn('us-east-1'), externalIn('eu-west-1', 'FAILED')] }));
  assert.equal(result.verdict, 'fail');
  assert.match(result.evidence.find((item) => item.id === 'eu-west-1')?.detail ?? '', /ExternalAccess is FAILED/);
  assert.ok(result.remedy.commands.some((command) => command.includes('--type ACCOUNT_UNUSED_ACCESS')));
});

test('analyzers: unknown when a region could not be listed and the rest pass', () => {
  const result = run(accessAnalyzerRule, withAnalyzer({ analyzers: [externalIn('us-east-1')], unreadRegions: ['eu-west-1'] }));
  assert.equal(result.verdict, 'unknown');
  assert.deepEqual(result.missingPermissions, ['access-analyzer:ListAnalyzers']);
});

test('analyzers: unknown when ListAnalyzers was denied', () => {
  const result = run(accessAnalyzerRule, denied({ ...goodSnapshot(), accessAnalyzer: null }, 'accessAnalyzer', ['access-analyzer:ListAnalyzers']));
  assert.equal(result.verdict, 'unknown');
  assert.deepEqual(result.missingPermissions, ['access-analyzer:ListAnalyzers']);
});

test('analyzers: unknown when no regions are configured', () => {
  assert.equal(run(accessAnalyzerRule, { ...goodSnapshot(), regions: [] }).verdict, 'unknown');
});

// ---------------------------------------------------------------------------------------------
// 17. Active Access Analyzer findings
// ---------------------------------------------------------------------------------------------

test('findings: pass when every finding is archived or resolved', () => {
  const result = run(accessAnalyzerFindingsRule, goodSnapshot());
  assert.equal(result.verdict, 'pass');
  assert.equal(result.summary, 'No active Access Analyzer findings (1 archived, 1 resolved).');
});

test('findings: fail lists the active findings with their resources', () => {
  const snapshot = goodSnapshot();
  const findings = [
    ...(snapshot.accessAnalyzer?.findings ?? []),
    finding('f-public', 'ExternalAccess', 'arn:aws:s3:::acme-public-assets', 'ACTIVE'),
    finding('f-unused', 'UnusedIAMRole', `arn:aws:iam::${accountId}:role/legacy-batch`, 'ACTIVE'),
  ];
  const result = run(accessAnalyzerFindingsRule, withAnalyzer({ findings }));
  assert.equal(result.verdict, 'fail');
  assert.match(result.summary, /2 active findings \(1 ExternalAccess, 1 UnusedIAMRole\)/);
  assert.deepEqual(result.evidence.map((item) => item.values['resource']), ['arn:aws:s3:::acme-public-assets', `arn:aws:iam::${accountId}:role/legacy-batch`]);
  assert.ok(result.remedy.commands.includes(`aws accessanalyzer list-findings --analyzer-arn arn:aws:access-analyzer:us-east-1:${accountId}:analyzer/ExternalAccess`));
});

test('findings: not applicable when no analyzer exists', () => {
  assert.equal(run(accessAnalyzerFindingsRule, withAnalyzer({ analyzers: [], findings: [] })).verdict, 'not_applicable');
});

test('findings: unknown when the findings could not be listed', () => {
  const result = run(accessAnalyzerFindingsRule, withAnalyzer({ findings: null }));
  assert.equal(result.verdict, 'unknown');
  assert.deepEqual(result.missingPermissions, [], 'nothing was denied: no permission is asked for');
  const deniedResult = run(accessAnalyzerFindingsRule, denied(withAnalyzer({ findings: null }), 'accessAnalyzer', ['access-analyzer:ListFindings']));
  assert.deepEqual(deniedResult.missingPermissions, ['access-analyzer:ListFindings']);
});

test('findings: unknown when Access Analyzer was not read', () => {
  const result = run(accessAnalyzerFindingsRule, { ...goodSnapshot(), accessAnalyzer: null });
  assert.equal(result.verdict, 'unknown');
  assert.deepEqual(result.missingPermissions, []);
  assert.doesNotMatch(result.remedy.text, /Grant Warden/);
});

test('findings: unknown, not pass, when a region\'s analyzers could not be listed and the rest have no active finding', () => {
  const resolvedOnly = (goodSnapshot().accessAnalyzer?.findings ?? []).filter((f) => f.status !== 'ACTIVE');
  const snapshot = { ...withAnalyzer({ findings: resolvedOnly, unreadRegions: ['eu-west-1'] }), regions: ['us-east-1', 'eu-west-1'] };
  const result = run(accessAnalyzerFindingsRule, snapshot);
  assert.equal(result.verdict, 'unknown');
  assert.match(result.summary, /eu-west-1/);
  // An active finding in a region that was read still fails.
  const active = finding('f-open', 'ExternalAccess', 'arn:aws:s3:::open-bucket', 'ACTIVE');
  assert.equal(run(accessAnalyzerFindingsRule, { ...withAnalyzer({ findings: [active], unreadRegions: ['eu-west-1'] }), regions: ['us-east-1', 'eu-west-1'] }).verdict, 'fail');
});

test('findings: with no analyzer listed anywhere because regions could not be read, not "not applicable"', () => {
  const result = run(accessAnalyzerFindingsRule, { ...withAnalyzer({ analyzers: [], findings: [], unreadRegions: ['us-east-1'] }), regions: ['us-east-1'] });
  assert.equal(result.verdict, 'unknown');
});

test('analyzers: every enabled region counts; WARDEN_REGIONS narrowing says so on the verdict', () => {
  const base = goodSnapshot();
  const wider = { ...base, enabledRegions: [...base.regions, 'ap-southeast-2'] };
  const unread = run(accessAnalyzerRule, wider);
  assert.equal(unread.verdict, 'unknown', 'an enabled region that was not read is no pass');
  assert.match(unread.summary, /ap-southeast-2/);
  const narrowed = run(accessAnalyzerRule, { ...wider, regionsNarrowed: true });
  assert.equal(narrowed.verdict, 'pass');
  assert.match(narrowed.evidence.find((item) => item.id === 'enabled-regions')?.detail ?? '', new RegExp(`Judged over ${base.regions.length} of the ${base.regions.length + 1} enabled regions`));
});

test('analyzers and findings: enabled regions that could not be listed make a pass unknown, naming what was denied', () => {
  const snapshot = { ...goodSnapshot(), enabledRegions: null, regionDiscoveryDenied: ['account:ListRegions', 'ec2:DescribeRegions'] };
  for (const rule of [accessAnalyzerRule, accessAnalyzerFindingsRule]) {
    const result = run(rule, snapshot);
    assert.equal(result.verdict, 'unknown', rule.slug);
    assert.match(result.summary, /account:ListRegions and ec2:DescribeRegions were denied/);
    assert.deepEqual(result.missingPermissions, ['account:ListRegions']);
  }
});
