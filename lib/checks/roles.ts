import type { EvidenceItem } from '@/lib/checklist/schema';
import { isIdentityCenterRole, isServiceLinkedRole } from '@/lib/checks/iam-principals';
import {
  accountOfConditionValue,
  analyzeTrustPolicy,
  callerScopeOfConditions,
  decodePolicyText,
  enforcedConditionValues,
  federatedScope,
  oidcProviderHost,
  tryParsePolicyDocument,
  type TrustGrant,
} from '@/lib/checks/policy-document';
import {
  evidence,
  listNames,
  permissions,
  plural,
  shellArg,
  showThreshold,
  unknownOutcome,
  unreadable,
  verdictFromEvidence,
  type ChecklistRule,
  type RuleOutcome,
} from '@/lib/checks/rule';
import type { AccountSnapshot } from '@/lib/checks/types';
import type { IamRoleData } from '@/lib/aws/records';

// Role trust policies: who outside the operator's accounts can assume a role (item 12), and
// service roles whose trust is not pinned to this account's resources (extra 16).

/**
 * The trust policy with `condition` merged into the given statements, as compact JSON for
 * update-assume-role-policy; null when the text cannot be re-read.
 */
export function trustPolicyWithCondition(
  trustPolicy: string,
  statementIndexes: number[],
  operator: string,
  key: string,
  value: string,
): string | null {
  let json: unknown;
  try {
    json = decodePolicyText(trustPolicy);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const document: Record<string, unknown> = { ...json };
  const raw = document['Statement'];
  const statements: unknown[] = Array.isArray(raw) ? [...raw] : [raw];
  for (const index of statementIndexes) {
    const statement = statements[index];
    if (typeof statement !== 'object' || statement === null || Array.isArray(statement)) return null;
    const copy: Record<string, unknown> = { ...statement };
    const existing = copy['Condition'];
    const condition: Record<string, unknown> =
      typeof existing === 'object' && existing !== null && !Array.isArray(existing) ? { ...existing } : {};
    const block = condition[operator];
    const keys: Record<string, unknown> = typeof block === 'object' && block !== null && !Array.isArray(block) ? { ...block } : {};
    keys[key] = value;
    condition[operator] = keys;
    copy['Condition'] = condition;
    statements[index] = copy;
  }
  document['Statement'] = Array.isArray(raw) ? statements : statements[0];
  return JSON.stringify(document);
}

/** A placeholder subject for the remedy, in the provider's own format where Warden knows it. */
function subjectExample(key: string): string {
  if (key.startsWith('token.actions.githubusercontent.com')) return 'repo:<your-org>/<your-repo>:*';
  if (key.startsWith('gitlab.')) return 'project_path:<your-group>/<your-project>:ref_type:branch:ref:main';
  if (key.startsWith('app.terraform.io')) return 'organization:<your-org>:project:<project>:workspace:<workspace>:run_phase:*';
  if (key.includes('.eks.')) return 'system:serviceaccount:<namespace>:<service-account>';
  if (key.endsWith(':aud')) return '<your identity pool id>';
  return '<the subject of your own workload>';
}

interface ParsedRole {
  role: IamRoleData;
  grants: TrustGrant[];
}

function parseRoles(roles: IamRoleData[], items: EvidenceItem[]): { parsed: ParsedRole[]; excluded: IamRoleData[] } {
  const parsed: ParsedRole[] = [];
  const excluded: IamRoleData[] = [];
  for (const role of roles) {
    if (isServiceLinkedRole(role) || isIdentityCenterRole(role)) {
      excluded.push(role);
      continue;
    }
    const result = tryParsePolicyDocument(role.trustPolicy);
    if (!result.ok) {
      items.push(evidence('role', role.arn, role.roleName, 'unknown', `The trust policy could not be parsed: ${result.error}`, { arn: role.arn }));
      continue;
    }
    parsed.push({ role, grants: analyzeTrustPolicy(result.document) });
  }
  return { parsed, excluded };
}

function excludedEvidence(excluded: IamRoleData[]): EvidenceItem[] {
  if (excluded.length === 0) return [];
  return [
    evidence('role', 'aws-managed-roles', plural(excluded.length, 'AWS-managed role'), 'excluded',
      `Service-linked and IAM Identity Center roles have trust policies AWS maintains: ${listNames(excluded.map((role) => role.roleName), 6)}.`,
      { roles: excluded.map((role) => role.roleName).join(', ') }),
  ];
}

function rolesOrUnknown(snapshot: AccountSnapshot): IamRoleData[] | RuleOutcome {
  const roles = snapshot.iam?.roles ?? null;
  if (roles !== null) return roles;
  return unknownOutcome(
    [unreadable(snapshot, 'iam', 'The account\'s roles and trust policies', permissions.authorizationDetails)],
    {},
  );
}

// ---------------------------------------------------------------------------------------------
// 12. Cross-account access uses External ID
// ---------------------------------------------------------------------------------------------

function grantValues(role: IamRoleData, grant: TrustGrant) {
  return {
    roleArn: role.arn,
    principal: grant.principal,
    accountId: grant.accountId,
    statement: grant.sid ?? grant.statementIndex + 1,
    conditionKeys: grant.conditionKeys.join(', '),
    hasExternalId: grant.hasExternalId,
    maxSessionDuration: role.maxSessionDuration,
  };
}

function evaluateExternalId(snapshot: AccountSnapshot): RuleOutcome {
  const roles = rolesOrUnknown(snapshot);
  if (!Array.isArray(roles)) return roles;
  const maxSession = snapshot.thresholds.maxSessionDurationSeconds;
  const thresholds = [showThreshold(snapshot, 'maxSessionDurationSeconds', 'seconds')];
  const own = new Set([snapshot.account.id, ...snapshot.ownAccountIds]);
  const items: EvidenceItem[] = [];
  const { parsed, excluded } = parseRoles(roles, items);
  const commands: string[] = [];
  const failingRoles: string[] = [];
  const openRoles: string[] = [];
  let crossAccountRoles = 0;

  const ownScope = { accounts: own, organizations: new Set(snapshot.ownOrganizationIds) };
  const federatedRoles: string[] = [];

  for (const { role, grants } of parsed) {
    const foreign = grants.filter((grant) => grant.kind === 'account' && grant.accountId !== null && !own.has(grant.accountId));
    const open = grants.filter((grant) => grant.kind === 'any');
    const unresolved = grants.filter((grant) => grant.kind === 'unresolved');
    const federated = grants.filter((grant) => grant.kind === 'federated');
    if (foreign.length + open.length > 0) crossAccountRoles += 1;
    // Statements that let an outside account in and so need sts:ExternalId.
    const missing = foreign.filter((grant) => !grant.hasExternalId);

    for (const grant of open) {
      if (grant.viaNotPrincipal) {
        openRoles.push(role.roleName);
        items.push(evidence('role', `${role.arn}#*`, `${role.roleName} — open to "*"`, 'fail',
          'Allow with NotPrincipal: every principal except those listed can assume the role.', grantValues(role, grant)));
        continue;
      }
      // The values of the conditions decide who "*" is, not the presence of a key.
      const scope = callerScopeOfConditions(grant.statement, ownScope);
      if (scope.kind === 'own') {
        items.push(evidence('role', `${role.arn}#*`, `${role.roleName} — open to "*"`, 'noted',
          `Trusts "*", but ${scope.by} admits only the operator's own accounts or organization.`, grantValues(role, grant)));
      } else if (scope.kind === 'outside') {
        if (!grant.hasExternalId) missing.push(grant);
        items.push(evidence('role', `${role.arn}#*`, `${role.roleName} — open to "*"`, grant.hasExternalId ? 'pass' : 'fail',
          `Trusts "*" with ${scope.by} admitting ${listNames(scope.outside, 4)}, outside the operator's accounts and organization${grant.hasExternalId ? ', with an sts:ExternalId condition.' : ', without sts:ExternalId.'}`,
          { ...grantValues(role, grant), admits: scope.outside.join(', ') }));
      } else {
        openRoles.push(role.roleName);
        items.push(evidence('role', `${role.arn}#*`, `${role.roleName} — open to "*"`, 'fail',
          !grant.hasConditions
            ? 'Any AWS principal in any account can assume the role: the trust policy names "*" without conditions.'
            : `Trusts "*"; its conditions (${grant.conditionKeys.join(', ')}) do not pin the caller to named accounts or organizations (a wildcard in the account position pins nothing).`,
          grantValues(role, grant)));
      }
    }
    for (const grant of foreign) {
      items.push(
        evidence('role', `${role.arn}#${grant.principal}`, `${role.roleName} — ${grant.principal}`, grant.hasExternalId ? 'pass' : 'fail',
          grant.hasExternalId
            ? `Account ${grant.accountId ?? ''} may assume the role with an sts:ExternalId condition.`
            : `Account ${grant.accountId ?? ''} (not one of the operator's accounts) may assume the role without an sts:ExternalId condition.`,
          grantValues(role, grant)),
      );
    }
    for (const grant of unresolved) {
      const wildcard = /[*?]/.test(grant.principal);
      if (wildcard) openRoles.push(role.roleName);
      items.push(
        evidence('role', `${role.arn}#${grant.principal}`, `${role.roleName} — ${grant.principal}`, wildcard ? 'fail' : 'noted',
          wildcard
            ? 'A wildcard stands where the account goes: principals of every account match.'
            : 'A principal shown by its unique id: it was deleted, so nobody can use this entry; remove it.',
          grantValues(role, grant)),
      );
    }
    for (const grant of federated) {
      const scope = federatedScope(grant);
      if (scope.kind === 'unpinned') federatedRoles.push(role.roleName);
      items.push(
        evidence('role', `${role.arn}#${grant.principal}`, `${role.roleName} — ${oidcProviderHost(grant.principal)}`,
          scope.kind === 'unpinned' ? 'fail' : scope.kind === 'saml' ? 'noted' : 'pass',
          scope.kind === 'saml'
            ? 'Trusts the organization\'s SAML identity provider.'
            : scope.kind === 'pinned'
              ? `Web identities of ${oidcProviderHost(grant.principal)} are pinned by ${scope.key} to ${listNames(scope.values.map((value) => `"${value}"`), 4)}.`
              : `Web identities of ${oidcProviderHost(grant.principal)}: ${scope.reason}, so every repository or workload of that provider can assume the role.`,
          { ...grantValues(role, grant), subjectKey: scope.kind === 'saml' ? null : scope.key }),
      );
      if (scope.kind === 'unpinned') {
        const fixed = trustPolicyWithCondition(role.trustPolicy, [grant.statementIndex], 'StringLike', scope.key, subjectExample(scope.key));
        commands.push(
          fixed === null
            ? `aws iam update-assume-role-policy --role-name ${shellArg(role.roleName)} --policy-document file://${role.roleName}-trust.json`
            : `aws iam update-assume-role-policy --role-name ${shellArg(role.roleName)} --policy-document ${shellArg(fixed)}`,
        );
      }
    }
    if (missing.length > 0) {
      failingRoles.push(role.roleName);
      const fixed = trustPolicyWithCondition(role.trustPolicy, [...new Set(missing.map((grant) => grant.statementIndex))], 'StringEquals', 'sts:ExternalId', '<external-id agreed with the third party>');
      commands.push(
        fixed === null
          ? `aws iam update-assume-role-policy --role-name ${shellArg(role.roleName)} --policy-document file://${role.roleName}-trust.json`
          : `aws iam update-assume-role-policy --role-name ${shellArg(role.roleName)} --policy-document ${shellArg(fixed)}`,
      );
    }
    if (foreign.length + open.length > 0 && role.maxSessionDuration !== null && role.maxSessionDuration > maxSession) {
      items.push(
        evidence('role', `${role.arn}#session`, `${role.roleName} — session duration`, 'noted',
          `Maximum session duration is ${role.maxSessionDuration} s (more than ${maxSession} s) for a role other accounts can assume.`,
          { roleArn: role.arn, maxSessionDuration: role.maxSessionDuration }),
      );
      commands.push(`aws iam update-role --role-name ${shellArg(role.roleName)} --max-session-duration ${maxSession}`);
    }
  }
  items.push(...excludedEvidence(excluded));

  const remedy = {
    text: failingRoles.length + openRoles.length + federatedRoles.length > 0
      ? 'Require an sts:ExternalId (agreed with the third party) in every statement that trusts an outside account, name the trusted accounts instead of "*", pin web-identity trusts to your own subjects (<provider>:sub, e.g. repo:<org>/<repo>:*), and keep sessions short.'
      : 'Nothing to do.',
    commands,
  };
  const verdict = verdictFromEvidence(items);
  const parts = [
    failingRoles.length > 0 ? `${plural(failingRoles.length, 'role')} trust${failingRoles.length === 1 ? 's' : ''} another account without sts:ExternalId: ${listNames(failingRoles)}.` : '',
    openRoles.length > 0 ? `${plural(openRoles.length, 'role')} open to "*": ${listNames([...new Set(openRoles)])}.` : '',
    federatedRoles.length > 0 ? `${plural(federatedRoles.length, 'role')} trust${federatedRoles.length === 1 ? 's' : ''} a web-identity provider without pinning the subject: ${listNames(federatedRoles)}.` : '',
  ].filter((part) => part !== '');
  const summary =
    verdict === 'fail'
      ? parts.join(' ')
      : verdict === 'unknown'
        ? 'Some trust policies could not be parsed.'
        : crossAccountRoles === 0
          ? 'No role trusts an account outside the operator\'s own.'
          : `Every role trusting an outside account requires an sts:ExternalId (${crossAccountRoles}).`;
  return { verdict, summary, evidence: items, remedy, thresholds };
}

export const externalIdRule: ChecklistRule = {
  number: 12,
  slug: 'cross-account-external-id',
  title: 'Cross-account access uses External ID',
  severity: 'high',
  references: [],
  semantics: {
    counts: "Fail for every trust statement that lets an outside account assume the role without an enforcing sts:ExternalId condition: an outside account named as principal, or \"*\" whose conditions (aws:PrincipalAccount, aws:PrincipalArn, aws:PrincipalOrgID, aws:PrincipalOrgPaths) name outside accounts or organizations. \"*\" with no pinning value, a wildcard in the account position, NotPrincipal, and web-identity trusts that do not pin the subject (<provider>:sub; Cognito: aud) fail regardless.",
    restsOn: ["iam:GetAccountAuthorizationDetails (trust policies)", "organizations:DescribeOrganization of the own accounts (their organization ids)"],
    differs: "CIS has no such control; the web-identity rule follows GitHub's, GitLab's and AWS's guidance on pinning sub.",
  },
  sources: ['iam'],
  evaluate: evaluateExternalId,
};

// ---------------------------------------------------------------------------------------------
// 16. Service-role trust policies scoped (seed: "Scope trust policies tightly")
// ---------------------------------------------------------------------------------------------

type ServiceTrustScope = { by: 'aws:SourceAccount' | 'aws:SourceArn'; accounts: string[] } | { by: null; reason: string };

/**
 * A service trust is scoped when aws:SourceAccount names only the operator's accounts, or
 * aws:SourceArn names resources whose ARN carries such an account. An S3 bucket ARN carries no
 * account (a deleted bucket's name can be taken by anyone), and a wildcard pins nothing: AWS
 * documents aws:SourceAccount for those cases.
 */
function serviceTrustScope(grant: TrustGrant, own: Set<string>): ServiceTrustScope {
  for (const key of ['aws:SourceAccount', 'aws:SourceArn'] as const) {
    for (const values of enforcedConditionValues(grant.statement, key)) {
      const accounts = values.map((value) => accountOfConditionValue(key, value));
      if (accounts.every((account) => own.has(account))) return { by: key, accounts: [...new Set(accounts)] };
    }
  }
  const arns = enforcedConditionValues(grant.statement, 'aws:SourceArn').flat();
  const accounts = enforcedConditionValues(grant.statement, 'aws:SourceAccount').flat();
  if (arns.length + accounts.length === 0) return { by: null, reason: 'without aws:SourceAccount or aws:SourceArn' };
  const shown = [...accounts, ...arns].map((value) => `"${value}"`);
  return { by: null, reason: `with conditions (${listNames(shown, 3)}) that do not pin one of the operator's accounts (an S3 bucket ARN carries no account id; add aws:SourceAccount)` };
}

function evaluateServiceTrust(snapshot: AccountSnapshot): RuleOutcome {
  const own = new Set([snapshot.account.id, ...snapshot.ownAccountIds]);
  const roles = rolesOrUnknown(snapshot);
  if (!Array.isArray(roles)) return roles;
  const items: EvidenceItem[] = [];
  const { parsed, excluded } = parseRoles(roles, items);
  const commands: string[] = [];
  const loose: string[] = [];
  let serviceRoles = 0;
  for (const { role, grants } of parsed) {
    const services = grants.filter((grant) => grant.kind === 'service');
    if (services.length === 0) continue;
    serviceRoles += 1;
    const judged = services.map((grant) => ({ grant, scope: serviceTrustScope(grant, own) }));
    const unscoped = judged.filter(({ scope }) => scope.by === null).map(({ grant }) => grant);
    for (const { grant, scope } of judged) {
      items.push(
        evidence('role', `${role.arn}#${grant.principal}`, `${role.roleName} — ${grant.principal}`, scope.by !== null ? 'pass' : 'fail',
          scope.by !== null
            ? `Scoped to ${listNames(scope.accounts)} with ${scope.by}.`
            : `Trusts ${grant.principal} ${scope.reason}: the service may assume it on behalf of any account's resources (confused deputy).`,
          { roleArn: role.arn, service: grant.principal, conditionKeys: grant.conditionKeys.join(', ') }),
      );
    }
    if (unscoped.length > 0) {
      loose.push(role.roleName);
      const fixed = trustPolicyWithCondition(role.trustPolicy, [...new Set(unscoped.map((grant) => grant.statementIndex))], 'StringEquals', 'aws:SourceAccount', snapshot.account.id);
      commands.push(
        fixed === null
          ? `aws iam update-assume-role-policy --role-name ${shellArg(role.roleName)} --policy-document file://${role.roleName}-trust.json`
          : `aws iam update-assume-role-policy --role-name ${shellArg(role.roleName)} --policy-document ${shellArg(fixed)}`,
      );
    }
  }
  items.push(...excludedEvidence(excluded));
  const remedy = {
    text: loose.length > 0
      ? 'Add aws:SourceAccount (and, where the service sends it, aws:SourceArn for the exact resource) to each service trust statement, as in the seed\'s Lambda example. Check the service\'s documentation first: a service that does not send these keys cannot assume a role that requires them.'
      : 'Nothing to do.',
    commands,
  };
  if (serviceRoles === 0 && !items.some((item) => item.status === 'unknown')) {
    return {
      verdict: 'not_applicable',
      summary: 'No customer-managed role trusts an AWS service.',
      evidence: items,
      remedy,
    };
  }
  const verdict = verdictFromEvidence(items);
  return {
    verdict,
    summary:
      verdict === 'fail'
        ? `${plural(loose.length, 'service role')} of ${serviceRoles} trust${loose.length === 1 ? 's' : ''} a service without an aws:SourceAccount or aws:SourceArn that pins this account: ${listNames(loose)}.`
        : verdict === 'unknown'
          ? 'Some trust policies could not be parsed.'
          : `Every service role pins its trust to the operator's accounts with aws:SourceAccount or aws:SourceArn (${serviceRoles}).`,
    evidence: items,
    remedy,
  };
}

export const serviceRoleTrustRule: ChecklistRule = {
  number: 16,
  slug: 'service-role-trust-scope',
  title: 'Service-role trust policies scoped to the source account',
  severity: 'low',
  references: [],
  semantics: {
    counts: "Fail for every service trust statement without an enforcing aws:SourceAccount naming an own account or an aws:SourceArn whose ARN carries an own account. S3 bucket ARNs carry no account, and wildcards pin nothing.",
    restsOn: ["iam:GetAccountAuthorizationDetails (trust policies)"],
    differs: "AWS documents aws:SourceAccount for services whose ARNs carry no account; Warden requires it there.",
  },
  sources: ['iam'],
  evaluate: evaluateServiceTrust,
};
