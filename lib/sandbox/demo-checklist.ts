import 'server-only';
import { globMatches } from '@/lib/checks/glob';

import type { AccountState, PolicyDocument, PolicyStatement, SandboxState, Trail } from './model';
import { DEMO_REGIONS } from './model';
import { policyPointsOf } from './organization';
import { asList, defaultDocument } from './policies';
import { DAY_MS } from '@/lib/dates';

// Small predicates over the sandbox model, one per item of the seed's security checklist (1–13),
// used to prove that the demo organisation exercises every item: each must fail in some account and
// pass in another. These are not Warden's checklist rules (those read AWS through the collectors);
// they only read the generator's own data. null means "not applicable to this account".

export const DEMO_CHECKLIST_ITEMS = {
  1: 'Root account MFA enabled',
  2: 'Root access keys deleted',
  3: 'IAM users have MFA',
  4: 'Password policy enforced',
  5: 'Unused credentials removed',
  6: 'Access keys rotated < 90 days',
  7: 'CloudTrail enabled',
  8: 'IAM Access Analyzer active',
  9: 'Permission boundaries in use',
  10: 'Service control policies defined (Organizations)',
  11: 'Roles used instead of users for applications',
  12: 'Cross-account access uses External ID',
  13: 'Policies follow least privilege',
} as const;

export type DemoChecklistItem = keyof typeof DEMO_CHECKLIST_ITEMS;

export interface DemoChecklistResult {
  items: Record<DemoChecklistItem, boolean | null>;
  /** Service roles' trust policies carry aws:SourceAccount / aws:SourceArn (item 12's companion). */
  serviceRolesScoped: boolean;
  /** No root-user activity in the last 90 days of CloudTrail ("never use root for daily operations"). */
  rootUnused: boolean;
}

/** Whether a customer-managed SCP is attached where it applies to the account (false outside the organization). */
function customerScpApplies(state: SandboxState, account: AccountState): boolean {
  const points = new Set(policyPointsOf(state.organization, account));
  const management = state.accounts.find((a) => a.role === 'management');
  return (management?.serviceControlPolicies ?? []).some((p) => !p.awsManaged && p.targetIds.some((id) => points.has(id)));
}

const ageDays = (now: Date, date: Date) => (now.getTime() - date.getTime()) / DAY_MS;

const IAM_WRITE_ACTIONS = [
  'iam:createuser',
  'iam:createrole',
  'iam:createpolicy',
  'iam:createaccesskey',
  'iam:attachuserpolicy',
  'iam:attachrolepolicy',
  'iam:attachgrouppolicy',
  'iam:putuserpolicy',
  'iam:putrolepolicy',
  'iam:putgrouppolicy',
  'iam:updateassumerolepolicy',
  'iam:addusertogroup',
];

function wildcardMatches(pattern: string, action: string): boolean {
  return globMatches(pattern, action, true);
}

/** Explicit IAM-administration grants ("iam:*", "iam:Create*", "iam:CreateUser", …), not bare "*". */
function grantsIamWrite(statement: PolicyStatement): boolean {
  if (statement.Effect !== 'Allow') return false;
  return asList(statement.Action).some((action) => action.toLowerCase().startsWith('iam:') && IAM_WRITE_ACTIONS.some((write) => wildcardMatches(action, write)));
}

function isStarStar(statement: PolicyStatement): boolean {
  return statement.Effect === 'Allow' && asList(statement.Action).includes('*') && asList(statement.Resource).includes('*');
}

function documentsOf(state: SandboxState, account: AccountState, arns: string[], inline: { document: PolicyDocument }[]): PolicyDocument[] {
  const docs = inline.map((p) => p.document);
  for (const arn of arns) {
    const managed = account.customerPolicies.find((p) => p.arn === arn) ?? state.awsManagedPolicies.find((p) => p.arn === arn);
    const doc = managed ? defaultDocument(managed) : null;
    if (doc) docs.push(doc);
  }
  return docs;
}

function principalsWithDocuments(state: SandboxState, account: AccountState): { boundary: string | null; docs: PolicyDocument[] }[] {
  const out: { boundary: string | null; docs: PolicyDocument[] }[] = [];
  for (const user of account.users) {
    const groups = account.groups.filter((g) => user.groups.includes(g.groupName));
    const docs = [
      ...documentsOf(state, account, user.attachedPolicyArns, user.inlinePolicies),
      ...groups.flatMap((g) => documentsOf(state, account, g.attachedPolicyArns, g.inlinePolicies)),
    ];
    out.push({ boundary: user.permissionsBoundaryArn, docs });
  }
  for (const role of account.roles) {
    if (role.path.startsWith('/aws-service-role/')) continue;
    out.push({ boundary: role.permissionsBoundaryArn, docs: documentsOf(state, account, role.attachedPolicyArns, role.inlinePolicies) });
  }
  return out;
}

function trustedAccounts(statement: PolicyStatement): string[] {
  if (statement.Effect !== 'Allow' || statement.Principal === undefined) return [];
  if (statement.Principal === '*') return ['*'];
  return asList(statement.Principal.AWS).map((value) => (value === '*' ? '*' : (/(\d{12})/.exec(value)?.[1] ?? value)));
}

function hasCondition(statement: PolicyStatement, key: string): boolean {
  return Object.values(statement.Condition ?? {}).some((block) => Object.keys(block).some((k) => k.toLowerCase() === key.toLowerCase()));
}

/** The sandbox's own reading of a trail's selectors: read and write management events, unfiltered. */
function recordsAllManagementEvents(trail: Trail): boolean {
  if (trail.eventSelectors.kind === 'basic') return trail.eventSelectors.selectors.some((s) => s.IncludeManagementEvents && s.ReadWriteType === 'All');
  return trail.eventSelectors.selectors.some(
    (s) => s.FieldSelectors.some((f) => f.Field === 'eventCategory' && (f.Equals ?? []).includes('Management')) && !s.FieldSelectors.some((f) => f.Field === 'readOnly'),
  );
}

export function evaluateDemoChecklist(state: SandboxState, account: AccountState, now: Date = state.generatedAt): DemoChecklistResult {
  const orgAccounts = new Set(state.accounts.filter((a) => a.role !== 'standalone').map((a) => a.id));
  const policy = account.passwordPolicy;

  const unusedCredential = account.users.some((user) => {
    const passwordUnused = user.passwordEnabled && ageDays(now, user.passwordLastUsed ?? user.createDate) > 90;
    const keyUnused = user.accessKeys.some((key) => key.status === 'Active' && ageDays(now, key.lastUsed?.date ?? key.createDate) > 90);
    return passwordUnused || keyUnused;
  });

  const analyzerRegions = new Set(account.analyzers.filter((a) => a.status === 'ACTIVE' && (a.type === 'ACCOUNT' || a.type === 'ORGANIZATION')).map((a) => a.region));

  const principals = principalsWithDocuments(state, account);
  const iamAdmins = principals.filter((p) => p.docs.some((doc) => doc.Statement.some(grantsIamWrite)));

  const externalTrustOk = account.roles.every((role) =>
    role.trustPolicy.Statement.every((statement) => {
      const accounts = trustedAccounts(statement);
      if (accounts.includes('*')) return false;
      const outside = accounts.filter((id) => id !== account.id && !(account.role !== 'standalone' && orgAccounts.has(id)));
      return outside.length === 0 || hasCondition(statement, 'sts:ExternalId');
    }),
  );

  const serviceRolesScoped = account.roles
    .filter((role) => !role.path.startsWith('/aws-service-role/'))
    .every((role) =>
      role.trustPolicy.Statement.every((statement) => {
        const principal = statement.Principal;
        const trustsService = principal !== undefined && principal !== '*' && asList(principal.Service).length > 0;
        return !trustsService || hasCondition(statement, 'aws:SourceAccount') || hasCondition(statement, 'aws:SourceArn');
      }),
    );

  const attachedArns = new Set([...account.users.flatMap((u) => u.attachedPolicyArns), ...account.groups.flatMap((g) => g.attachedPolicyArns), ...account.roles.flatMap((r) => r.attachedPolicyArns)]);
  const broadCustomer = account.customerPolicies.some((p) => attachedArns.has(p.arn) && (defaultDocument(p)?.Statement.some(isStarStar) ?? false));
  const broadInline = [...account.users, ...account.groups, ...account.roles].some((entity) => entity.inlinePolicies.some((p) => p.document.Statement.some(isStarStar)));

  const rootEvents = Object.values(account.events).some((events) => events.some((e) => e.userIdentity.type === 'Root' && ageDays(now, e.eventTime) <= 90));

  return {
    items: {
      1: account.root.mfa !== null,
      2: account.root.accessKeys.length === 0,
      3: account.users.filter((u) => u.passwordEnabled).every((u) => u.mfaDevices.length > 0),
      4:
        policy !== null &&
        policy.minimumPasswordLength >= 14 &&
        policy.requireSymbols &&
        policy.requireNumbers &&
        policy.requireUppercaseCharacters &&
        policy.requireLowercaseCharacters &&
        policy.maxPasswordAge !== null &&
        policy.maxPasswordAge <= 90 &&
        (policy.passwordReusePrevention ?? 0) >= 24,
      5: !unusedCredential,
      6: account.users.every((u) => u.accessKeys.every((k) => k.status !== 'Active' || ageDays(now, k.createDate) < 90)),
      7: account.trails.some((t) => t.isMultiRegion && t.isLogging && t.logFileValidationEnabled && t.latestDeliveryError === null && recordsAllManagementEvents(t)),
      8: DEMO_REGIONS.every((region) => analyzerRegions.has(region)),
      9: iamAdmins.every((p) => p.boundary !== null),
      // SCPs never apply to the management account (not applicable); a member is guarded by a
      // customer SCP attached to the root, an OU on its path or the account itself.
      10: account.role === 'management' ? null : customerScpApplies(state, account),
      11: !account.users.some((u) => !u.passwordEnabled && u.accessKeys.some((k) => k.status === 'Active')),
      12: externalTrustOk,
      13: !broadCustomer && !broadInline,
    },
    serviceRolesScoped,
    rootUnused: !rootEvents,
  };
}
