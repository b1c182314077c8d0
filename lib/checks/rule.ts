import type {
  ChecklistItemResult,
  EvidenceItem,
  EvidenceKind,
  EvidenceStatus,
  EvidenceValue,
  Reference,
  Remedy,
  Severity,
  ThresholdShown,
  Verdict,
} from '@/lib/checklist/schema';
import type { CredentialEntry, CredentialSentinel } from '@/lib/credential-report/parse';
import type { AccountSnapshot, SourceName, ThresholdName } from '@/lib/checks/types';
import { DAY_MS, daysSince } from '@/lib/dates';

// What every rule shares: its definition, the result it builds, and the small vocabulary for
// evidence, thresholds, unreadable data and remedy commands.

export interface RuleOutcome {
  verdict: Verdict;
  summary: string;
  evidence: EvidenceItem[];
  remedy: Remedy;
  thresholds?: ThresholdShown[];
  missingPermissions?: string[];
}

/** What a rule's verdict means, shown on the item and on the generated reference page. */
export interface RuleSemantics {
  /** What passes and what fails, with the exact comparisons. */
  counts: string;
  /** The reads the verdict rests on (API calls, parts, regions); any one not read makes it unknown. */
  restsOn: string[];
  /** Where Warden deliberately differs from CIS or Security Hub, and why. */
  differs?: string;
}

export interface ChecklistRule {
  number: number;
  slug: string;
  title: string;
  severity: Severity;
  references: Reference[];
  semantics: RuleSemantics;
  /** The AWS sources its verdict rests on: a pass needs each of them read recently (staleDataHours). */
  sources: readonly SourceName[];
  evaluate: (snapshot: AccountSnapshot) => RuleOutcome;
}

export function toResult(rule: ChecklistRule, outcome: RuleOutcome): ChecklistItemResult {
  return {
    number: rule.number,
    slug: rule.slug,
    title: rule.title,
    verdict: outcome.verdict,
    severity: rule.severity,
    summary: outcome.summary,
    evidence: outcome.evidence,
    remedy: outcome.remedy,
    references: rule.references,
    thresholds: outcome.thresholds ?? [],
    missingPermissions: [...new Set(outcome.missingPermissions ?? [])].sort(),
  };
}

export function cis(id: string, title: string): Reference {
  return { framework: 'CIS AWS Foundations Benchmark v3.0.0', id, title };
}

export function securityHub(id: string, title: string): Reference {
  return { framework: 'AWS Security Hub', id, title };
}

export function iamGuide(id: string, title: string): Reference {
  return { framework: 'AWS IAM User Guide', id, title };
}

/** Rhino Security Labs, "AWS IAM Privilege Escalation – Methods and Mitigation": the escalation paths item 9 counts. */
export function rhinoEscalation(id: string, title: string): Reference {
  return { framework: 'Rhino Security Labs', id, title };
}

export function evidence(
  kind: EvidenceKind,
  id: string,
  label: string,
  status: EvidenceStatus,
  detail: string,
  values: Record<string, EvidenceValue | Date | undefined> = {},
): EvidenceItem {
  const plain: Record<string, EvidenceValue> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    plain[key] = value instanceof Date ? value.toISOString() : value;
  }
  return { kind, id, label, status, detail, values: plain };
}

/** fail beats unknown beats pass: one unreadable piece must not let an item pass. */
export function verdictFromEvidence(items: EvidenceItem[]): 'pass' | 'fail' | 'unknown' {
  if (items.some((item) => item.status === 'fail')) return 'fail';
  if (items.some((item) => item.status === 'unknown')) return 'unknown';
  return 'pass';
}

export function showThreshold(snapshot: AccountSnapshot, name: ThresholdName, unit: string | null): ThresholdShown {
  return { name, value: snapshot.thresholds[name], unit, source: snapshot.thresholdSources[name] };
}

/**
 * Whether `date` lies `days` or more before `now`, to the millisecond: a key 89 days and 23 hours
 * old is not yet 90 days old, and one 90 days and 1 hour old is (CIS: "45 days or more").
 */
export function atLeastDaysBefore(now: Date, date: Date, days: number): boolean {
  return now.getTime() - date.getTime() >= days * DAY_MS;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Names a list for a summary, shortening long lists: "alice, bob and 3 more". */
export function listNames(names: string[], max = 4): string {
  if (names.length <= max) {
    if (names.length <= 1) return names.join('');
    return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
  }
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** Quotes a value for a POSIX shell when it holds anything beyond AWS's name characters. */
export function shellArg(value: string): string {
  // A <placeholder> is for the reader to replace, so it stays visible as written.
  if (/^<[^<>]+>$/.test(value) || /^[\w+=,.@/:-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

// ---------------------------------------------------------------------------------------------
// Unreadable data
// ---------------------------------------------------------------------------------------------

export const permissions = {
  credentialReport: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  authorizationDetails: ['iam:GetAccountAuthorizationDetails'],
  accountSummary: ['iam:GetAccountSummary'],
  passwordPolicy: ['iam:GetAccountPasswordPolicy'],
  virtualMfaDevices: ['iam:ListVirtualMFADevices'],
  listAnalyzers: ['access-analyzer:ListAnalyzers'],
  listFindings: ['access-analyzer:ListFindings'],
  describeTrails: ['cloudtrail:DescribeTrails'],
  trailStatus: ['cloudtrail:GetTrailStatus'],
  lookupEvents: ['cloudtrail:LookupEvents'],
  listPolicies: ['organizations:ListPolicies'],
  listTargetsForPolicy: ['organizations:ListTargetsForPolicy'],
} as const satisfies Record<string, readonly string[]>;

export interface Unreadable {
  /** A sentence: what could not be read, why as far as known, and what would fix it. */
  sentence: string;
  missingPermissions: string[];
}

/**
 * Describes data a rule needed and did not get. The permission named is the one that reads
 * that datum; the source's recorded denial or error says why it is missing.
 */
export function unreadable(
  snapshot: AccountSnapshot,
  source: SourceName,
  what: string,
  needed: readonly string[],
): Unreadable {
  const state = snapshot.sources[source];
  // A permission is named only when AWS denied it; any other failure is told as what happened.
  const denied = needed.filter((permission) => state.missingPermissions.includes(permission));
  const failed = (state.partErrors ?? []).filter((error) => needed.some((permission) => error.startsWith(`${permission}:`)));
  const list = needed.join(' and ');
  let sentence: string;
  if (denied.length > 0) {
    sentence = `${what} could not be read: ${denied.join(' and ')} was denied; grant it to Warden's role.`;
  } else if (failed.length > 0) {
    sentence = `${what} could not be read: ${failed.join('; ')}.`;
  } else if (state.error !== null) {
    sentence = `${what} could not be read: ${state.error}.`;
  } else if (!state.read) {
    sentence = `${what} has not been read yet (it needs ${list}); run a sync.`;
  } else {
    sentence = `${what} is missing from the last read (it needs ${list}).`;
  }
  return { sentence, missingPermissions: denied };
}

/**
 * Whether the regions read cover the regions enabled in the account. `gap`: they may not (the
 * enabled regions could not be listed and nothing narrowed the reads on purpose), so a regional
 * verdict cannot pass. `note`: WARDEN_REGIONS narrowed the reads to fewer regions than are enabled,
 * which the verdict says.
 */
export function regionCoverage(snapshot: AccountSnapshot): { gap: Unreadable | null; note: EvidenceItem | null } {
  const enabled = snapshot.enabledRegions;
  if (enabled === undefined) return { gap: null, note: null };
  if (enabled === null) {
    if (snapshot.regionsNarrowed) return { gap: null, note: evidence('account', 'enabled-regions', 'Enabled regions', 'noted', `The enabled regions could not be listed; read the configured ${snapshot.regions.join(', ')} (WARDEN_REGIONS).`) };
    const denied = snapshot.regionDiscoveryDenied ?? [];
    const why = denied.length > 0 ? `${denied.join(' and ')} ${denied.length === 1 ? 'was' : 'were'} denied` : (snapshot.regionDiscoveryError ?? 'they were not listed');
    return {
      gap: { sentence: `The regions enabled in the account could not be listed (${why}): only ${snapshot.regions.join(', ')} ${snapshot.regions.length === 1 ? 'was' : 'were'} read, and others may be enabled.`, missingPermissions: denied.length === 2 ? ['account:ListRegions'] : [] },
      note: null,
    };
  }
  const unread = enabled.filter((region) => !snapshot.regions.includes(region));
  if (unread.length === 0) return { gap: null, note: null };
  if (snapshot.regionsNarrowed) {
    return { gap: null, note: evidence('account', 'enabled-regions', 'Regions judged', 'noted', `Judged over ${snapshot.regions.length} of the ${enabled.length} enabled regions (WARDEN_REGIONS narrows the reads); not read: ${listNames(unread, 8)}.`, { read: snapshot.regions.join(', '), enabled: enabled.join(', ') }) };
  }
  return { gap: { sentence: `Enabled regions were not read: ${listNames(unread, 8)}.`, missingPermissions: [] }, note: null };
}

/**
 * What to do about data that could not be read: grant what AWS denied, and only that (asking for a
 * permission AWS did not deny would send the team after the wrong fix), else find out what failed.
 * `where` places the grant ("(in the management account)"), `then` follows it.
 */
export function unreadRemedyText(missingPermissions: readonly string[], { where = '', then = '' }: { where?: string; then?: string } = {}): string {
  if (missingPermissions.length === 0) return 'See the Sync screen for what failed, fix it, then sync again.';
  return `Grant Warden the ${missingPermissions.length === 1 ? 'permission' : 'permissions'} named${where ? ` ${where}` : ''}, then sync${then ? `; ${then}` : ''}.`;
}

/** How to mend unread data: the text is derived from what was denied (unreadRemedyText). */
export type UnreadRemedy = { commands?: string[]; where?: string; then?: string };

export function unknownOutcome(
  parts: Unreadable[],
  remedy: Remedy | UnreadRemedy,
  extra: Partial<Pick<RuleOutcome, 'evidence' | 'thresholds'>> = {},
): RuleOutcome {
  const missingPermissions = parts.flatMap((part) => part.missingPermissions);
  return {
    verdict: 'unknown',
    summary: parts.map((part) => part.sentence).join(' '),
    evidence: extra.evidence ?? [],
    remedy: 'text' in remedy ? remedy : { text: unreadRemedyText(missingPermissions, remedy), commands: remedy.commands ?? [] },
    thresholds: extra.thresholds,
    missingPermissions,
  };
}

/** The credential report was not read: the rule's answer is unknown, naming what to grant. */
export function credentialReportUnknown(snapshot: AccountSnapshot, extra: Partial<Pick<RuleOutcome, 'thresholds'>> = {}): RuleOutcome {
  return unknownOutcome(
    [unreadable(snapshot, 'credentialReport', 'The credential report', permissions.credentialReport)],
    { commands: seedCredentialReportCommands },
    extra,
  );
}

// ---------------------------------------------------------------------------------------------
// Credential-report helpers
// ---------------------------------------------------------------------------------------------

export interface AccessKeySlot {
  slot: 1 | 2;
  active: boolean;
  /** The key exists (active, or inactive with a creation date): AWS writes N/A for an empty slot. */
  exists: boolean;
  lastRotated: Date | null;
  lastRotatedSentinel: CredentialSentinel | null;
  lastUsedDate: Date | null;
  lastUsedDateSentinel: CredentialSentinel | null;
  lastUsedRegion: string | null;
  lastUsedService: string | null;
}

export function accessKeySlots(entry: CredentialEntry): [AccessKeySlot, AccessKeySlot] {
  return [
    {
      slot: 1,
      active: entry.accessKey1Active,
      exists: entry.accessKey1Active || entry.accessKey1LastRotated !== null,
      lastRotated: entry.accessKey1LastRotated,
      lastRotatedSentinel: entry.accessKey1LastRotatedSentinel,
      lastUsedDate: entry.accessKey1LastUsedDate,
      lastUsedDateSentinel: entry.accessKey1LastUsedDateSentinel,
      lastUsedRegion: entry.accessKey1LastUsedRegion,
      lastUsedService: entry.accessKey1LastUsedService,
    },
    {
      slot: 2,
      active: entry.accessKey2Active,
      exists: entry.accessKey2Active || entry.accessKey2LastRotated !== null,
      lastRotated: entry.accessKey2LastRotated,
      lastRotatedSentinel: entry.accessKey2LastRotatedSentinel,
      lastUsedDate: entry.accessKey2LastUsedDate,
      lastUsedDateSentinel: entry.accessKey2LastUsedDateSentinel,
      lastUsedRegion: entry.accessKey2LastUsedRegion,
      lastUsedService: entry.accessKey2LastUsedService,
    },
  ];
}

export function dateOrSentinel(date: Date | null, sentinel: CredentialSentinel | null): string | null {
  return date !== null ? date.toISOString() : sentinel;
}

export function reportEvidence(snapshot: AccountSnapshot, generatedAt: Date): EvidenceItem {
  return evidence(
    'credential-report',
    'credential-report',
    'Credential report',
    'noted',
    `Generated ${generatedAt.toISOString()} (${plural(daysSince(snapshot.now, generatedAt), 'day')} before this evaluation).`,
    { generatedAt },
  );
}

/** The key-id lookup every key command needs: the credential report has slots, not ids. */
export function listAccessKeysCommand(userName: string): string {
  return `aws iam list-access-keys --user-name ${shellArg(userName)}`;
}

export const seedCredentialReportCommands = [
  'aws iam generate-credential-report',
  'aws iam get-credential-report --query Content --output text | base64 -d',
];
