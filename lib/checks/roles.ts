import type { EvidenceItem } from '@/lib/checklist/schema';
import { isIdentityCenterRole, isServiceLinkedRole } from '@/lib/checks/iam-principals';
import { analyzeTrustPolicy, decodePolicyText, tryParsePolicyDocument, type TrustGrant } from '@/lib/checks/policy-document';
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
import type { AccountSnapshot, IamRoleData } from '@/lib/checks/types';

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
    { text: 'Grant Warden the permission named, then sync.', commands: [] },
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

  for (const { role, grants } of parsed) {
    const foreign = grants.filter((grant) => grant.kind === 'account' && grant.accountId !== null && !own.has(grant.accountId));
    const open = grants.filter((grant) => grant.kind === 'any');
    const unresolved = grants.filter((grant) => grant.kind === 'unresolved');
    if (foreign.length + open.length > 0) crossAccountRoles += 1;

    for (const grant of open) {
      const pinned = grant.restrictsPrincipal && !grant.viaNotPrincipal;
      if (!pinned) openRoles.push(role.roleName);
      items.push(
        evidence('role', `${role.arn}#*`, `${role.roleName} — open to "*"`, pinned ? 'noted' : 'fail',
          grant.viaNotPrincipal
            ? 'Allow with NotPrincipal: every principal except those listed can assume the role.'
            : !grant.hasConditions
              ? 'Any AWS principal in any account can assume the role: the trust policy names "*" without conditions.'
              : pinned
                ? `Trusts "*" but conditions pin the caller (${grant.conditionKeys.join(', ')}).`
                : `Trusts "*"; its conditions (${grant.conditionKeys.join(', ')}) do not pin the caller's account or organization.`,
          grantValues(role, grant)),
      );
    }
    const missing = foreign.filter((grant) => !grant.hasExternalId);
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
      items.push(
        evidence('role', `${role.arn}#${grant.principal}`, `${role.roleName} — ${grant.principal}`, 'noted',
          'A principal shown by its unique id: it was deleted, so nobody can use this entry; remove it.', grantValues(role, grant)),
      );
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
    text: failingRoles.length + openRoles.length > 0
      ? 'Require an sts:ExternalId (agreed with the third party) in every statement that trusts an outside account, name the trusted accounts instead of "*", and keep sessions short.'
      : 'Nothing to do.',
    commands,
  };
  const verdict = verdictFromEvidence(items);
  const parts = [
    failingRoles.length > 0 ? `${plural(failingRoles.length, 'role')} trust${failingRoles.length === 1 ? 's' : ''} another account without sts:ExternalId: ${listNames(failingRoles)}.` : '',
    openRoles.length > 0 ? `${plural(openRoles.length, 'role')} open to "*": ${listNames(openRoles)}.` : '',
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
  sources: ['iam'],
  evaluate: evaluateExternalId,
};

// ---------------------------------------------------------------------------------------------
// 16. Service-role trust policies scoped (seed: "Scope trust policies tightly")
// ---------------------------------------------------------------------------------------------

function evaluateServiceTrust(snapshot: AccountSnapshot): RuleOutcome {
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
    const unscoped = services.filter((grant) => !grant.hasSourceAccount && !grant.hasSourceArn);
    for (const grant of services) {
      const scoped = grant.hasSourceAccount || grant.hasSourceArn;
      items.push(
        evidence('role', `${role.arn}#${grant.principal}`, `${role.roleName} — ${grant.principal}`, scoped ? 'pass' : 'fail',
          scoped
            ? `Scoped with ${[grant.hasSourceAccount ? 'aws:SourceAccount' : '', grant.hasSourceArn ? 'aws:SourceArn' : ''].filter((key) => key !== '').join(' and ')}.`
            : `Trusts ${grant.principal} without aws:SourceAccount or aws:SourceArn: the service may assume it on behalf of any account's resources (confused deputy).`,
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
        ? `${plural(loose.length, 'service role')} of ${serviceRoles} trust${loose.length === 1 ? 's' : ''} a service without aws:SourceAccount or aws:SourceArn: ${listNames(loose)}.`
        : verdict === 'unknown'
          ? 'Some trust policies could not be parsed.'
          : `Every service role scopes its trust with aws:SourceAccount or aws:SourceArn (${serviceRoles}).`,
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
  sources: ['iam'],
  evaluate: evaluateServiceTrust,
};
