import type { EvidenceItem } from '@/lib/checklist/schema';
import { isActiveFinding } from '@/lib/checks/access-analyzer';
import {
  describeApplied,
  indexPolicies,
  isIdentityCenterRole,
  isServiceLinkedRole,
  parseIndexed,
  rolePolicies,
  userPolicies,
  type AppliedPolicy,
  type PolicyIndex,
  type PrincipalPolicies,
} from '@/lib/checks/iam-principals';
import { administratorReach, effectiveAccess } from '@/lib/checks/effective-access';
import {
  findAdminStatements,
  findBroadNotActionStatements,
  findServiceWideStatements,
  tryParsePolicyDocument,
  type PolicyDocument,
  type PolicyStatement,
} from '@/lib/checks/policy-document';
import {
  cis,
  evidence,
  iamGuide,
  rhinoEscalation,
  listNames,
  permissions,
  plural,
  securityHub,
  shellArg,
  unknownOutcome,
  unreadable,
  verdictFromEvidence,
  type ChecklistRule,
  type RuleOutcome,
} from '@/lib/checks/rule';
import type { AccountSnapshot, IamData } from '@/lib/checks/types';
import type { IamGroupData, IamPolicyData, IamRoleData, IamUserData } from '@/lib/aws/records';
import { DAY_MS } from '@/lib/dates';

// Identity-based permissions: who can change IAM without a permissions boundary (item 9), and
// policies in use that grant everything (item 13).

interface AuthorizationDetails {
  users: IamUserData[];
  groups: IamGroupData[];
  roles: IamRoleData[];
  policies: IamPolicyData[];
}

function authorizationDetails(iam: IamData | null): AuthorizationDetails | null {
  if (iam === null || iam.users === null || iam.groups === null || iam.roles === null || iam.policies === null) {
    return null;
  }
  return { users: iam.users, groups: iam.groups, roles: iam.roles, policies: iam.policies };
}

// ---------------------------------------------------------------------------------------------
// 9. Permission boundaries in use
// ---------------------------------------------------------------------------------------------

/**
 * Actions that create or change IAM principals, their credentials, their policies or the identity
 * providers they trust, or that remove a guard (detaching or deleting a policy that denies): the
 * privilege-escalation methods of Rhino Security Labs' "AWS IAM Privilege Escalation – Methods and
 * Mitigation" (methods 1–13), plus the identity-provider and guard-removal actions.
 */
export const iamMutationActions = [
  'iam:CreateUser',
  'iam:CreateRole',
  'iam:CreateGroup',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:CreateAccessKey',
  'iam:AddUserToGroup',
  'iam:RemoveUserFromGroup',
  'iam:PutUserPolicy',
  'iam:PutRolePolicy',
  'iam:PutGroupPolicy',
  'iam:AttachUserPolicy',
  'iam:AttachRolePolicy',
  'iam:AttachGroupPolicy',
  'iam:DetachUserPolicy',
  'iam:DetachRolePolicy',
  'iam:DetachGroupPolicy',
  'iam:DeleteUserPolicy',
  'iam:DeleteRolePolicy',
  'iam:DeleteGroupPolicy',
  'iam:CreatePolicy',
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:DeletePolicyVersion',
  'iam:UpdateAssumeRolePolicy',
  'iam:PutUserPermissionsBoundary',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteUserPermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:CreateSAMLProvider',
  'iam:UpdateSAMLProvider',
  'iam:CreateOpenIDConnectProvider',
  'iam:UpdateOpenIDConnectProviderThumbprint',
  'iam:AddClientIDToOpenIDConnectProvider',
] as const;

/**
 * Services that run code as a role passed to them (Rhino Security Labs' methods 3, 15–21): with
 * iam:PassRole on a more powerful role, any of these is a way to act as that role.
 */
export const passRoleRunners = [
  'ec2:RunInstances',
  'lambda:CreateFunction',
  'glue:CreateDevEndpoint',
  'cloudformation:CreateStack',
  'datapipeline:CreatePipeline',
  'ecs:RunTask',
  'codebuild:CreateProject',
  'sagemaker:CreateNotebookInstance',
] as const;

// Managing one's own password and keys (the AWS "self-service" pattern, resources scoped to
// ${aws:username}) is not the power to change other principals.
const selfServiceActions = new Set(['iam:CreateLoginProfile', 'iam:UpdateLoginProfile', 'iam:CreateAccessKey']);

function isSelfScoped(statement: PolicyStatement): boolean {
  return (
    statement.resource !== null &&
    statement.resource.length > 0 &&
    statement.resource.every((pattern) => pattern.includes('${aws:username}'))
  );
}

/**
 * The IAM-changing actions (and PassRole combinations) a principal can take, given all its
 * identity policies and its boundary (null: none), and through which policies.
 */
export function iamMutationsAllowed(applied: AppliedPolicy[], boundary: PolicyDocument | null = null): { actions: string[]; grantedBy: string[] } {
  const access = effectiveAccess(applied, boundary);
  const actions: string[] = [];
  const grantedBy = new Set<string>();
  for (const action of iamMutationActions) {
    if (!access.allows(action)) continue;
    if (selfServiceActions.has(action) && access.allowedBy(action).every(isSelfScoped)) continue;
    actions.push(action);
    for (const name of access.grantedBy(action)) grantedBy.add(name);
  }
  if (access.allows('iam:PassRole')) {
    for (const runner of passRoleRunners) {
      if (!access.allows(runner)) continue;
      actions.push(`iam:PassRole + ${runner}`);
      for (const name of [...access.grantedBy('iam:PassRole'), ...access.grantedBy(runner)]) grantedBy.add(name);
    }
  }
  return { actions, grantedBy: [...grantedBy] };
}

interface Principal {
  kind: 'user' | 'role';
  name: string;
  arn: string;
  boundary: string | null;
  policies: PrincipalPolicies;
  /** An IAM Identity Center role: its boundary is set on the permission set. */
  identityCenter: boolean;
}

/** The boundary's document, "unreadable" when it was not read or cannot be parsed. */
function boundaryDocument(arn: string, index: PolicyIndex): PolicyDocument | 'unreadable' {
  const policy = index.byArn.get(arn);
  if (policy === undefined) return 'unreadable';
  const parsed = parseIndexed(index, policy.document);
  return parsed.ok ? parsed.document : 'unreadable';
}

/**
 * iamMutationsAllowed, judged once per distinct set of policies (the same documents through the
 * same names) and boundary: the 5,000 users of a large account hold a few such sets. Documents are
 * told apart by identity, which parseIndexed makes the same for the same text.
 */
function memoizedMutations(): typeof iamMutationsAllowed {
  const documentIds = new Map<PolicyDocument, number>();
  const idOf = (document: PolicyDocument) => {
    let id = documentIds.get(document);
    if (id === undefined) {
      id = documentIds.size;
      documentIds.set(document, id);
    }
    return id;
  };
  const judged = new Map<string, ReturnType<typeof iamMutationsAllowed>>();
  return (applied, boundary = null) => {
    const key = `${applied.map((policy) => `${idOf(policy.document)}:${describeApplied(policy)}`).join('\n')}|${boundary === null ? '' : idOf(boundary)}`;
    let result = judged.get(key);
    if (result === undefined) {
      result = iamMutationsAllowed(applied, boundary);
      judged.set(key, result);
    }
    return result;
  };
}

function evaluateBoundaries(snapshot: AccountSnapshot): RuleOutcome {
  const details = authorizationDetails(snapshot.iam);
  if (details === null) {
    return unknownOutcome(
      [unreadable(snapshot, 'iam', 'Users, groups, roles and policies', permissions.authorizationDetails)],
      {},
    );
  }
  const index = indexPolicies(details.policies, details.groups);
  const items: EvidenceItem[] = [];
  const principals: Principal[] = [];
  for (const user of details.users) {
    principals.push({ kind: 'user', name: user.userName, arn: user.arn, boundary: user.permissionsBoundaryArn, policies: userPolicies(user, index), identityCenter: false });
  }
  // Service-linked roles are AWS's. Identity Center roles are not exempt: a permission set carries a
  // boundary (PutPermissionsBoundaryToPermissionSet) that lands on every AWSReservedSSO_ role.
  const excluded: string[] = [];
  for (const role of details.roles) {
    if (isServiceLinkedRole(role)) {
      excluded.push(role.roleName);
      continue;
    }
    principals.push({ kind: 'role', name: role.roleName, arn: role.arn, boundary: role.permissionsBoundaryArn, policies: rolePolicies(role, index), identityCenter: isIdentityCenterRole(role) });
  }

  const mutators: Principal[] = [];
  const unbounded: Principal[] = [];
  const mutationsOf = memoizedMutations();
  for (const principal of principals) {
    const { actions, grantedBy } = mutationsOf(principal.policies.applied);
    const label = `${principal.name} (${principal.kind})`;
    const values = {
      arn: principal.arn,
      permissionsBoundaryArn: principal.boundary,
      actions: actions.join(', '),
      grantedBy: grantedBy.join(', '),
    };
    if (actions.length === 0) {
      if (principal.policies.problems.length > 0) {
        items.push(
          evidence(principal.kind, principal.arn, label, principal.boundary === null ? 'unknown' : 'pass',
            `Some of its policies could not be evaluated: ${principal.policies.problems.map((problem) => problem.problem).join(' ')}`,
            values),
        );
      }
      continue;
    }
    mutators.push(principal);
    const what = `Can ${actions.length >= iamMutationActions.length ? 'make every listed IAM change' : `call ${listNames(actions, 5)}`} (through ${listNames(grantedBy, 3)})`;
    if (principal.boundary === null) {
      unbounded.push(principal);
      items.push(evidence(principal.kind, principal.arn, label, 'fail',
        `${what}, without a permissions boundary${principal.identityCenter ? ' (an IAM Identity Center role: set the boundary on its permission set)' : ''}.`, values));
      continue;
    }
    // A boundary bounds only what it does not itself allow without conditions.
    const boundary = boundaryDocument(principal.boundary, index);
    if (boundary === 'unreadable') {
      items.push(evidence(principal.kind, principal.arn, label, 'unknown',
        `${what}; its boundary ${principal.boundary} was not read or could not be parsed, so whether it bounds anything is unknown.`, values));
      continue;
    }
    const within = mutationsOf(principal.policies.applied, boundary);
    if (within.actions.length > 0) {
      unbounded.push(principal);
      items.push(evidence(principal.kind, principal.arn, label, 'fail',
        `${what}; its boundary ${principal.boundary} itself allows ${listNames(within.actions, 5)} without conditions, so it bounds nothing there.`,
        { ...values, boundaryAllows: within.actions.join(', ') }));
    } else {
      items.push(evidence(principal.kind, principal.arn, label, 'pass', `${what}, bounded by ${principal.boundary}, which allows none of it without conditions.`, values));
    }
  }
  if (excluded.length > 0) {
    items.push(
      evidence('role', 'aws-managed-roles', `${plural(excluded.length, 'service-linked role')}`, 'excluded',
        `Service-linked roles are created and maintained by AWS services: ${listNames(excluded, 6)}.`,
        { roles: excluded.join(', ') }),
    );
  }

  const bounded = principals.filter((principal) => principal.boundary !== null).length;
  const coverage = `Boundaries cover ${mutators.length - unbounded.length} of the ${plural(mutators.length, 'principal')} that can change IAM (${bounded} of ${principals.length} principals overall)`;
  const boundaryPolicy =
    details.policies.find((policy) => policy.permissionsBoundaryUsageCount > 0)?.arn ??
    `arn:aws:iam::${snapshot.account.id}:policy/<boundary-policy>`;
  const commands = unbounded.map((principal) =>
    principal.identityCenter
      ? `aws sso-admin put-permissions-boundary-to-permission-set --instance-arn <instance arn> --permission-set-arn <permission set of ${principal.name}> --permissions-boundary CustomerManagedPolicyReference={Name=<boundary-policy>}`
      : principal.kind === 'user'
        ? `aws iam put-user-permissions-boundary --user-name ${shellArg(principal.name)} --permissions-boundary ${shellArg(boundaryPolicy)}`
        : `aws iam put-role-permissions-boundary --role-name ${shellArg(principal.name)} --permissions-boundary ${shellArg(boundaryPolicy)}`,
  );
  const first = unbounded[0];
  if (first !== undefined) {
    commands.unshift(
      `aws iam simulate-principal-policy --policy-source-arn ${shellArg(first.arn)} --action-names ${iamMutationActions.slice(0, 5).join(' ')}`,
    );
  }
  const remedy = {
    text: unbounded.length > 0
      ? 'Attach a permissions boundary to each principal that can create or change IAM principals or policies, and require it (iam:PermissionsBoundary condition) on the principals they create; or remove the IAM permissions they do not need.'
      : 'Nothing to do.',
    commands,
  };
  const verdict = verdictFromEvidence(items);
  const summary =
    verdict === 'fail'
      ? `${plural(unbounded.length, 'principal')} can change IAM without a permissions boundary that limits it: ${listNames(unbounded.map((principal) => `${principal.name} (${principal.kind})`))}. ${coverage}.`
      : verdict === 'unknown'
        ? `Some principals' policies could not be evaluated. ${coverage}.`
        : mutators.length === 0
          ? 'No user or role can change IAM principals or policies.'
          : `Every principal that can change IAM has a permissions boundary. ${coverage}.`;
  return { verdict, summary, evidence: items, remedy };
}

export const permissionBoundariesRule: ChecklistRule = {
  number: 9,
  slug: 'permission-boundaries',
  title: 'Permission boundaries in use',
  severity: 'medium',
  references: [
    rhinoEscalation('methods 1–21', 'AWS IAM Privilege Escalation – Methods and Mitigation: the IAM-changing and PassRole paths counted here'),
    iamGuide('access_policies_boundaries', 'Permissions boundaries for IAM entities (a boundary bounds only what it does not allow)'),
  ],
  semantics: {
    counts: "Fail for every user or role (Identity Center roles included, service-linked roles excluded) that can change IAM (the listed actions, or iam:PassRole together with a service that runs code as the role) through all its policies together, unless a permissions boundary is set whose own document does not allow those actions without conditions. A boundary that allows them unconditionally (AdministratorAccess as boundary) bounds nothing.",
    restsOn: ["iam:GetAccountAuthorizationDetails (users, groups, roles, policies and boundary documents)"],
    differs: "No CIS control; the IAM-changing actions follow Rhino Security Labs' privilege-escalation methods.",
  },
  sources: ['iam'],
  evaluate: evaluateBoundaries,
};

// ---------------------------------------------------------------------------------------------
// 13. Policies follow least privilege
// ---------------------------------------------------------------------------------------------

const unusedFindingTypes = new Set(['UnusedPermission', 'UnusedIAMRole', 'UnusedIAMUserAccessKey', 'UnusedIAMUserPassword']);
const maxFindingNotes = 25;

interface Holder {
  kind: 'user' | 'group' | 'role';
  name: string;
  arn: string;
}

interface InUsePolicy {
  /** The managed policy's ARN, or "<holder arn>/inline/<name>". */
  id: string;
  label: string;
  managed: IamPolicyData | null;
  inlineName: string | null;
  holders: Holder[];
  document: string;
}

function statementLabel(statement: PolicyStatement): string {
  return statement.sid === null ? `statement ${statement.index + 1}` : `statement ${statement.sid}`;
}

function detachCommand(holder: Holder, policy: InUsePolicy): string {
  if (policy.managed !== null) {
    return `aws iam detach-${holder.kind}-policy --${holder.kind}-name ${shellArg(holder.name)} --policy-arn ${shellArg(policy.managed.arn)}`;
  }
  return `aws iam delete-${holder.kind}-policy --${holder.kind}-name ${shellArg(holder.name)} --policy-name ${shellArg(policy.inlineName ?? '')}`;
}

interface EffectiveAdministrator {
  kind: 'user' | 'role';
  name: string;
  arn: string;
  boundary: string | null;
  reach: Exclude<ReturnType<typeof administratorReach>, { kind: 'none' }>;
}

/**
 * Users and roles (not service-linked) that hold administrator access through the sum of their
 * policies — attached, inline and through groups, minus unconditional Denies, within the boundary —
 * while none of those policies alone is "*" on "*" (those fail on their own). Principals with the
 * same policies are judged once.
 */
function effectiveAdministrators(details: AuthorizationDetails): EffectiveAdministrator[] {
  const index = indexPolicies(details.policies, details.groups);
  const judged = new Map<string, ReturnType<typeof administratorReach> | null>();
  const found: EffectiveAdministrator[] = [];
  const candidates = [
    ...details.users.map((user) => ({ kind: 'user' as const, name: user.userName, arn: user.arn, boundary: user.permissionsBoundaryArn, key: `u|${[...user.attachedPolicyArns].sort().join(',')}|${[...user.groups].sort().join(',')}|${user.inlinePolicies.map((p) => p.document).join('|')}`, policies: () => userPolicies(user, index) })),
    ...details.roles.filter((role) => !isServiceLinkedRole(role)).map((role) => ({ kind: 'role' as const, name: role.roleName, arn: role.arn, boundary: role.permissionsBoundaryArn, key: `r|${[...role.attachedPolicyArns].sort().join(',')}|${role.inlinePolicies.map((p) => p.document).join('|')}`, policies: () => rolePolicies(role, index) })),
  ];
  for (const candidate of candidates) {
    const key = `${candidate.key}|b:${candidate.boundary ?? ''}`;
    let reach = judged.get(key);
    if (reach === undefined) {
      const { applied } = candidate.policies();
      // A principal one of whose policies is "*" on "*" fails through that policy already.
      if (applied.some((policy) => findAdminStatements(policy.document).length > 0)) {
        reach = null;
      } else {
        // An unreadable boundary is no boundary here: the rule leans towards "allowed".
        const boundary = candidate.boundary === null ? null : boundaryDocument(candidate.boundary, index);
        reach = administratorReach(effectiveAccess(applied, boundary === 'unreadable' ? null : boundary));
      }
      judged.set(key, reach);
    }
    if (reach !== null && reach.kind !== 'none') found.push({ kind: candidate.kind, name: candidate.name, arn: candidate.arn, boundary: candidate.boundary, reach });
  }
  return found;
}

function evaluateLeastPrivilege(snapshot: AccountSnapshot): RuleOutcome {
  const details = authorizationDetails(snapshot.iam);
  if (details === null) {
    return unknownOutcome(
      [unreadable(snapshot, 'iam', 'Users, groups, roles and policies', permissions.authorizationDetails)],
      {},
    );
  }
  const items: EvidenceItem[] = [];
  const missingPermissions: string[] = [];

  // Who holds each managed policy; service-linked roles' policies are AWS's to write.
  const holders = new Map<string, Holder[]>();
  const addHolder = (arn: string, holder: Holder) => holders.set(arn, [...(holders.get(arn) ?? []), holder]);
  const inUse: InUsePolicy[] = [];
  const slr = details.roles.filter(isServiceLinkedRole);
  const judgedRoles = details.roles.filter((role) => !isServiceLinkedRole(role));
  const entities: { holder: Holder; attached: string[]; inline: { name: string; document: string }[] }[] = [
    ...details.users.map((user) => ({ holder: { kind: 'user' as const, name: user.userName, arn: user.arn }, attached: user.attachedPolicyArns, inline: user.inlinePolicies })),
    ...details.groups.map((group) => ({ holder: { kind: 'group' as const, name: group.groupName, arn: group.arn }, attached: group.attachedPolicyArns, inline: group.inlinePolicies })),
    ...judgedRoles.map((role) => ({ holder: { kind: 'role' as const, name: role.roleName, arn: role.arn }, attached: role.attachedPolicyArns, inline: role.inlinePolicies })),
  ];
  for (const entity of entities) {
    for (const arn of entity.attached) addHolder(arn, entity.holder);
    for (const policy of entity.inline) {
      inUse.push({
        id: `${entity.holder.arn}/inline/${policy.name}`,
        label: `Inline policy ${policy.name} of ${entity.holder.kind} ${entity.holder.name}`,
        managed: null,
        inlineName: policy.name,
        holders: [entity.holder],
        document: policy.document,
      });
    }
  }
  const slrOnly = new Set(slr.flatMap((role) => role.attachedPolicyArns));
  const policyArns = new Set(details.policies.map((policy) => policy.arn));
  for (const policy of details.policies) {
    const policyHolders = holders.get(policy.arn) ?? [];
    if (policy.attachmentCount <= 0 && policyHolders.length === 0) continue;
    if (policyHolders.length === 0 && slrOnly.has(policy.arn)) continue;
    inUse.push({
      id: policy.arn,
      label: `${policy.isAwsManaged ? 'AWS managed' : 'Managed'} policy ${policy.policyName}`,
      managed: policy,
      inlineName: null,
      holders: policyHolders,
      document: policy.document,
    });
  }
  for (const [arn, policyHolders] of holders) {
    if (policyHolders.length === 0 || policyArns.has(arn)) continue;
    items.push(
      evidence('policy', arn, `Policy ${arn}`, 'unknown', `Attached to ${listNames(policyHolders.map((holder) => holder.name))}, but its document was not read.`,
        { attachedTo: policyHolders.map((holder) => `${holder.kind}:${holder.name}`).join(', ') }),
    );
  }

  const adminPolicies: InUsePolicy[] = [];
  for (const policy of inUse) {
    const parsed = tryParsePolicyDocument(policy.document);
    const attachedTo = policy.holders.map((holder) => `${holder.kind}:${holder.name}`).join(', ');
    const base = { arn: policy.managed?.arn ?? null, attachedTo, attachmentCount: policy.managed?.attachmentCount ?? 1 };
    if (!parsed.ok) {
      items.push(evidence('policy', policy.id, policy.label, 'unknown', `The document could not be parsed: ${parsed.error}`, base));
      continue;
    }
    const admin = findAdminStatements(parsed.document);
    if (admin.length > 0) {
      adminPolicies.push(policy);
      items.push(
        evidence('policy', policy.id, policy.label, 'fail',
          `Allows "*" on "*" (${admin.map(statementLabel).join(', ')}${admin.some((statement) => Object.keys(statement.condition).length > 0) ? ', with conditions' : ''}); attached to ${attachedTo || `${policy.managed?.attachmentCount ?? 0} principals`}.`,
          { ...base, statements: admin.map(statementLabel).join(', ') }),
      );
      continue;
    }
    const serviceWide = findServiceWideStatements(parsed.document);
    const broad = findBroadNotActionStatements(parsed.document);
    if (serviceWide.length > 0 || broad.length > 0) {
      const services = [...new Set(serviceWide.flatMap((entry) => entry.services))];
      const parts = [
        services.length > 0 ? `whole services on "*": ${services.map((service) => `${service}:*`).join(', ')}` : '',
        broad.length > 0 ? `everything except a list (NotAction) in ${broad.map(statementLabel).join(', ')}` : '',
      ].filter((part) => part !== '');
      items.push(
        evidence('policy', policy.id, policy.label, 'noted', `Allows ${parts.join('; ')}.`, { ...base, services: services.join(', ') }),
      );
    }
  }

  const effectiveAdmins = effectiveAdministrators(details);
  for (const admin of effectiveAdmins) {
    const how = admin.reach.kind === 'escalates'
      ? `every probed action of every service on "*", and ${listNames(admin.reach.via, 3)} lets it grant itself IAM too`
      : 'every probed action of every service, IAM included, on "*"';
    items.push(
      evidence(admin.kind, admin.arn, `${admin.name} (${admin.kind})`, 'fail',
        `Administrator in effect: ${listNames(admin.reach.grantedBy, 6)} together allow ${how}${admin.reach.conditional ? ' (some of it under conditions)' : ''}; no single one of them says "*" on "*".`,
        { arn: admin.arn, combinedPolicies: admin.reach.grantedBy.join(', '), permissionsBoundaryArn: admin.boundary }),
    );
  }

  const findings = snapshot.accessAnalyzer?.findings ?? null;
  if (findings === null) {
    const gap = unreadable(snapshot, 'accessAnalyzer', 'Access Analyzer unused-access findings', permissions.listFindings);
    missingPermissions.push(...gap.missingPermissions);
    items.push(evidence('finding', 'unused-access-findings', 'Unused-access findings', 'noted', gap.sentence));
  } else {
    const unused = findings.filter((finding) => isActiveFinding(finding) && unusedFindingTypes.has(finding.findingType));
    for (const finding of unused.slice(0, maxFindingNotes)) {
      items.push(
        evidence('finding', `${finding.analyzerArn}/${finding.id}`, `${finding.findingType}: ${finding.resource}`, 'noted',
          `Active ${finding.findingType} finding since ${finding.createdAt.toISOString()}.`,
          { id: finding.id, findingType: finding.findingType, resource: finding.resource, region: finding.region, analyzerArn: finding.analyzerArn }),
      );
    }
    if (unused.length > maxFindingNotes) {
      items.push(evidence('finding', 'more-unused-findings', `${unused.length - maxFindingNotes} more unused-access findings`, 'noted', `${unused.length} active unused-access findings in all.`));
    }
  }
  if (slr.length > 0) {
    items.push(
      evidence('role', 'service-linked-roles', plural(slr.length, 'service-linked role'), 'excluded',
        'Their policies are written and maintained by AWS.', { roles: slr.map((role) => role.roleName).join(', ') }),
    );
  }

  const commands: string[] = [];
  for (const policy of adminPolicies) {
    for (const holder of policy.holders) commands.push(detachCommand(holder, policy));
  }
  // An administrator by combination: list what adds up, then detach the grant it does not need.
  for (const admin of effectiveAdmins) {
    commands.push(`aws iam list-attached-${admin.kind}-policies --${admin.kind}-name ${shellArg(admin.name)}`);
    if (admin.kind === 'user') commands.push(`aws iam list-groups-for-user --user-name ${shellArg(admin.name)}`);
  }
  const firstHolder = adminPolicies.flatMap((policy) => policy.holders).find((holder) => holder.kind !== 'group');
  if (firstHolder !== undefined) {
    const trail = snapshot.cloudtrail?.trails?.[0]?.arn ?? `arn:aws:cloudtrail:${snapshot.regions[0] ?? 'us-east-1'}:${snapshot.account.id}:trail/<trail>`;
    commands.unshift(
      `aws accessanalyzer start-policy-generation --policy-generation-details principalArn=${firstHolder.arn} --cloud-trail-details '{"trails":[{"cloudTrailArn":"${trail}","allRegions":true}],"accessRole":"arn:aws:iam::${snapshot.account.id}:role/<access-analyzer-policy-generation-role>","startTime":"${new Date(snapshot.now.getTime() - 90 * DAY_MS).toISOString()}"}'`,
    );
  }
  const remedy = {
    text: adminPolicies.length + effectiveAdmins.length > 0
      ? 'Generate a scoped policy from the principal\'s CloudTrail activity (the seed\'s Access Analyzer policy generation), attach it, then detach the "*"-on-"*" policy (or replace the customer-managed policy\'s default version: aws iam create-policy-version --policy-arn <arn> --policy-document file://scoped.json --set-as-default). Keep a break-glass admin role only if it is guarded and monitored.'
      : 'Nothing to fail. Narrow the noted service-wide grants and act on unused-access findings.',
    commands,
  };
  const verdict = verdictFromEvidence(items);
  const noted = items.filter((item) => item.status === 'noted' && item.kind === 'policy').length;
  const unusedCount = items.filter((item) => item.status === 'noted' && item.kind === 'finding' && item.id !== 'unused-access-findings').length;
  const notes = [
    noted > 0 ? `Noted: ${plural(noted, 'policy', 'policies')} in use grant${noted === 1 ? 's' : ''} whole services or everything but a list (NotAction).` : '',
    findings === null ? 'Unused-access findings were not read.' : unusedCount > 0 ? `Noted: ${plural(unusedCount, 'active unused-access finding')}.` : '',
  ]
    .filter((part) => part !== '')
    .join(' ');
  const failures = [
    adminPolicies.length > 0
      ? `${plural(adminPolicies.length, 'policy', 'policies')} in use allow${adminPolicies.length === 1 ? 's' : ''} "*" on "*": ${listNames(adminPolicies.map((policy) => policy.managed?.policyName ?? `${policy.inlineName ?? ''} (inline, ${policy.holders[0]?.name ?? ''})`))}.`
      : '',
    effectiveAdmins.length > 0
      ? `${plural(effectiveAdmins.length, 'principal')} ${effectiveAdmins.length === 1 ? 'is an administrator' : 'are administrators'} in effect through policies that add up: ${listNames(effectiveAdmins.map((admin) => `${admin.name} (${listNames(admin.reach.grantedBy, 3)})`), 3)}.`
      : '',
  ].filter((part) => part !== '');
  const summary =
    verdict === 'fail'
      ? `${failures.join(' ')} ${notes}`.trim()
      : verdict === 'unknown'
        ? `Some policies in use could not be read or parsed. ${notes}`.trim()
        : `No policy in use allows "*" on "*". ${notes}`.trim();
  return { verdict, summary, evidence: items, remedy, missingPermissions };
}

export const leastPrivilegeRule: ChecklistRule = {
  number: 13,
  slug: 'least-privilege',
  title: 'Policies follow least privilege',
  severity: 'high',
  references: [
    cis('1.16', 'Ensure IAM policies that allow full "*:*" administrative privileges are not attached'),
    securityHub('IAM.1', 'IAM policies should not allow full "*" administrative privileges'),
    securityHub('IAM.21', 'IAM customer managed policies that you create should not allow wildcard actions for services'),
  ],
  semantics: {
    counts: "Fail for every policy in use that allows \"*\" on \"*\", and for every user or role that is an administrator in effect: all its policies together (attached, inline, through groups, minus unconditional Denies, within its boundary) allow a broad probe of actions across services and IAM's policy-writing actions. Whole-service and NotAction grants are noted.",
    restsOn: ["iam:GetAccountAuthorizationDetails", "access-analyzer:ListFindingsV2 (unused-access findings, noted)"],
    differs: "CIS 1.16 and Security Hub IAM.1 judge one policy at a time; Warden judges the principal, so policies that add up to administrator access fail too.",
  },
  sources: ['iam', 'accessAnalyzer'],
  evaluate: evaluateLeastPrivilege,
};
