import type { EvidenceItem } from '@/lib/checklist/schema';
import {
  cis,
  evidence,
  listNames,
  permissions,
  plural,
  regionCoverage,
  securityHub,
  unknownOutcome,
  unreadable,
  type ChecklistRule,
  type RuleOutcome,
} from '@/lib/checks/rule';
import type { AccountSnapshot, AnalyzerData } from '@/lib/checks/types';
import type { FindingData } from '@/lib/aws/records';

// IAM Access Analyzer: an external-access analyzer in every configured region (item 8) and the
// findings still open (extra 17).

const externalAccessTypes = new Set(['ACCOUNT', 'ORGANIZATION']);
const unusedAccessTypes = new Set(['ACCOUNT_UNUSED_ACCESS', 'ORGANIZATION_UNUSED_ACCESS']);

export function isUnusedAccessAnalyzer(analyzer: AnalyzerData): boolean {
  return unusedAccessTypes.has(analyzer.type);
}

/** Open findings: ARCHIVED and RESOLVED never count. */
export function isActiveFinding(finding: FindingData): boolean {
  return finding.status === 'ACTIVE';
}

// ---------------------------------------------------------------------------------------------
// 8. IAM Access Analyzer active
// ---------------------------------------------------------------------------------------------

function evaluateAnalyzers(snapshot: AccountSnapshot): RuleOutcome {
  const data = snapshot.accessAnalyzer;
  if (data === null) {
    return unknownOutcome(
      [unreadable(snapshot, 'accessAnalyzer', 'The account\'s analyzers', permissions.listAnalyzers)],
      {},
    );
  }
  if (snapshot.regions.length === 0) {
    return {
      verdict: 'unknown',
      summary: 'No regions are configured for this account, so "every region" cannot be checked.',
      evidence: [],
      remedy: { text: 'Configure the regions Warden should read for this account.', commands: [] },
    };
  }
  const items: EvidenceItem[] = [];
  const missingRegions: string[] = [];
  const unreadRegions = snapshot.regions.filter((region) => data.unreadRegions.includes(region));
  for (const region of snapshot.regions) {
    const external = data.analyzers.filter((analyzer) => analyzer.region === region && externalAccessTypes.has(analyzer.type));
    const active = external.find((analyzer) => analyzer.status === 'ACTIVE');
    if (active !== undefined) {
      items.push(
        evidence('analyzer', active.arn, `${region}: ${active.name}`, 'pass', `Active ${active.type} analyzer.`,
          { region, name: active.name, type: active.type, status: active.status }),
      );
    } else if (unreadRegions.includes(region)) {
      items.push(
        evidence('region', region, region, 'unknown',
          `The analyzers in ${region} could not be listed (${permissions.listAnalyzers.join(', ')}).`, { region }),
      );
    } else {
      missingRegions.push(region);
      const inactive = external.map((analyzer) => `${analyzer.name} is ${analyzer.status}`);
      items.push(
        evidence('region', region, region, 'fail',
          inactive.length > 0 ? `No active external-access analyzer (${inactive.join(', ')}).` : 'No external-access analyzer.',
          { region, analyzers: external.length }),
      );
    }
  }
  const unused = data.analyzers.filter(isUnusedAccessAnalyzer);
  for (const analyzer of unused) {
    items.push(
      evidence('analyzer', analyzer.arn, `${analyzer.region}: ${analyzer.name}`, 'noted',
        `Unused-access analyzer (${analyzer.type}), ${analyzer.status}.`,
        { region: analyzer.region, name: analyzer.name, type: analyzer.type, status: analyzer.status }),
    );
  }
  if (unused.length === 0) {
    items.push(
      evidence('account', 'unused-access-analyzer', 'Unused-access analyzer', 'noted',
        'No unused-access analyzer: unused roles, keys, passwords and permissions are not reported by Access Analyzer.'),
    );
  }
  const unusedRegion = snapshot.regions[0] ?? 'us-east-1';
  const commands = missingRegions.map(
    (region) => `aws accessanalyzer create-analyzer --region ${region} --analyzer-name ExternalAccess --type ACCOUNT`,
  );
  if (unused.length === 0) {
    commands.push(
      `aws accessanalyzer create-analyzer --region ${unusedRegion} --analyzer-name UnusedAccess --type ACCOUNT_UNUSED_ACCESS --configuration '{"unusedAccess":{"unusedAccessAge":${snapshot.thresholds.unusedCredentialDays}}}'`,
    );
  }
  const remedy = {
    text: missingRegions.length > 0
      ? 'Create an external-access analyzer in each region without one (an organization analyzer in another account is not visible from this one).'
      : unused.length === 0
        ? 'Consider an unused-access analyzer (one per account is enough; it is a paid feature).'
        : 'Nothing to do.',
    commands,
  };
  const note = unused.length > 0 ? ` Unused-access analyzer: ${unused.map((analyzer) => analyzer.name).join(', ')}.` : ' No unused-access analyzer.';
  if (missingRegions.length > 0) {
    return {
      verdict: 'fail',
      summary: `No active external-access analyzer in ${plural(missingRegions.length, 'region')} of ${snapshot.regions.length}: ${listNames(missingRegions)}.${note}`,
      evidence: items,
      remedy,
    };
  }
  if (unreadRegions.length > 0) {
    return {
      verdict: 'unknown',
      summary: `The analyzers in ${listNames(unreadRegions)} could not be listed; Warden needs ${permissions.listAnalyzers.join(', ')} there.`,
      evidence: items,
      remedy,
      missingPermissions: [...permissions.listAnalyzers],
    };
  }
  const coverage = regionCoverage(snapshot);
  if (coverage.gap) {
    return { verdict: 'unknown', summary: `An external-access analyzer is active in every region read. ${coverage.gap.sentence}`, evidence: items, remedy, missingPermissions: coverage.gap.missingPermissions };
  }
  if (coverage.note) items.push(coverage.note);
  return {
    verdict: 'pass',
    summary: `An external-access analyzer is active in every ${coverage.note ? 'region read' : 'enabled region'} (${snapshot.regions.join(', ')}).${note}`,
    evidence: items,
    remedy,
  };
}

export const accessAnalyzerRule: ChecklistRule = {
  number: 8,
  slug: 'access-analyzer-active',
  title: 'IAM Access Analyzer active',
  severity: 'medium',
  references: [
    cis('1.20', 'Ensure that IAM External Access Analyzer is enabled for all regions'),
    securityHub('IAM.28', 'IAM Access Analyzer external access analyzer should be enabled'),
  ],
  semantics: {
    counts: "Pass when every configured region has an ACTIVE external-access analyzer (ACCOUNT or ORGANIZATION type); unused-access analyzers are noted, not counted. A region whose analyzers could not be listed makes it unknown.",
    restsOn: ["access-analyzer:ListAnalyzers in every configured region"],
  },
  sources: ['accessAnalyzer'],
  evaluate: evaluateAnalyzers,
};

// ---------------------------------------------------------------------------------------------
// 17. Active Access Analyzer findings
// ---------------------------------------------------------------------------------------------

const maxFindingEvidence = 50;

export function findingEvidence(finding: FindingData, status: 'fail' | 'noted'): EvidenceItem {
  return evidence('finding', `${finding.analyzerArn}/${finding.id}`, `${finding.findingType}: ${finding.resource}`, status,
    `${finding.findingType} finding on ${finding.resourceType} ${finding.resource} (${finding.region}), open since ${finding.createdAt.toISOString()}.`,
    {
      id: finding.id,
      analyzerArn: finding.analyzerArn,
      region: finding.region,
      findingType: finding.findingType,
      resourceType: finding.resourceType,
      resource: finding.resource,
      resourceOwnerAccount: finding.resourceOwnerAccount,
      status: finding.status,
      createdAt: finding.createdAt,
      updatedAt: finding.updatedAt,
    });
}

function evaluateFindings(snapshot: AccountSnapshot): RuleOutcome {
  const data = snapshot.accessAnalyzer;
  const commands: string[] = [];
  if (data === null) {
    return unknownOutcome(
      [unreadable(snapshot, 'accessAnalyzer', 'Access Analyzer', [...permissions.listAnalyzers, ...permissions.listFindings])],
      { commands },
    );
  }
  if (data.findings === null) {
    return unknownOutcome(
      [unreadable(snapshot, 'accessAnalyzer', 'The Access Analyzer findings', permissions.listFindings)],
      { commands },
    );
  }
  // Findings of a region whose analyzers could not be listed were never read: "no active finding"
  // cannot be said of it. An active finding elsewhere still fails.
  const unreadRegions = snapshot.regions.filter((region) => data.unreadRegions.includes(region));
  const hasActive = data.findings.some(isActiveFinding);
  if (unreadRegions.length > 0 && !hasActive) {
    return {
      verdict: 'unknown',
      summary: `No active finding in the regions read, but the analyzers (and so the findings) of ${listNames(unreadRegions)} could not be read.`,
      evidence: unreadRegions.map((region) => evidence('region', region, region, 'unknown', `The analyzers in ${region} could not be listed, so its findings are unknown.`, { region })),
      remedy: { text: 'Make the analyzers of every region readable (see the Sync screen for what failed), then sync.', commands },
      missingPermissions: snapshot.sources.accessAnalyzer.missingPermissions.filter((p) => p.startsWith('access-analyzer:')),
    };
  }
  if (data.analyzers.length === 0 && data.findings.length === 0) {
    return {
      verdict: 'not_applicable',
      summary: 'No analyzer exists, so there are no findings to review (see item 8).',
      evidence: [],
      remedy: { text: 'Create an analyzer first (item 8).', commands },
    };
  }
  const active = data.findings.filter(isActiveFinding).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const archived = data.findings.filter((finding) => finding.status === 'ARCHIVED').length;
  const resolved = data.findings.filter((finding) => finding.status === 'RESOLVED').length;
  const items = active.slice(0, maxFindingEvidence).map((finding) => findingEvidence(finding, 'fail'));
  if (active.length > maxFindingEvidence) {
    items.push(
      evidence('finding', 'more-findings', `${active.length - maxFindingEvidence} more active findings`, 'fail',
        `Only ${maxFindingEvidence} of ${active.length} active findings are listed.`, { count: active.length }),
    );
  }
  for (const analyzerArn of [...new Set(active.map((finding) => finding.analyzerArn))]) {
    commands.push(`aws accessanalyzer list-findings --analyzer-arn ${analyzerArn}`);
  }
  const closed = `${archived} archived, ${resolved} resolved`;
  if (active.length > 0) {
    const byType = new Map<string, number>();
    for (const finding of active) byType.set(finding.findingType, (byType.get(finding.findingType) ?? 0) + 1);
    return {
      verdict: 'fail',
      summary: `${plural(active.length, 'active finding')} (${[...byType].map(([type, count]) => `${count} ${type}`).join(', ')}); ${closed}.`,
      evidence: items,
      remedy: {
        text: 'Fix each finding at its resource (tighten the resource policy, remove unused access). Archive only access that is intended, with the reason, from Warden\'s Findings screen (aws accessanalyzer update-findings --status ARCHIVED).',
        commands,
      },
    };
  }
  const coverage = regionCoverage(snapshot);
  if (coverage.gap) {
    return { verdict: 'unknown', summary: `No active finding in the regions read (${closed}). ${coverage.gap.sentence}`, evidence: items, remedy: { text: 'Let Warden list the account\'s enabled regions (account:ListRegions), then sync.', commands }, missingPermissions: coverage.gap.missingPermissions };
  }
  if (coverage.note) items.push(coverage.note);
  return {
    verdict: 'pass',
    summary: `No active Access Analyzer findings (${closed}).`,
    evidence: items,
    remedy: { text: 'Nothing to do.', commands },
  };
}

export const accessAnalyzerFindingsRule: ChecklistRule = {
  number: 17,
  slug: 'access-analyzer-findings',
  title: 'No active Access Analyzer findings',
  severity: 'high',
  references: [],
  semantics: {
    counts: "Fail on any ACTIVE finding; pass only when every region's analyzers and findings were read and none is active. ARCHIVED and RESOLVED findings never count.",
    restsOn: ["access-analyzer:ListAnalyzers in every configured region", "access-analyzer:ListFindingsV2 / GetFindingV2"],
  },
  sources: ['accessAnalyzer'],
  evaluate: evaluateFindings,
};
