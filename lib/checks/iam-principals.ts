import { tryParsePolicyDocument, type PolicyDocument, type PolicyParseResult } from '@/lib/checks/policy-document';
import type { IamGroupData, IamPolicyData, IamRoleData, IamUserData, InlinePolicyData } from '@/lib/aws/records';

// Who holds which policies: the identity-based policies that apply to a user (its own and its
// groups') or a role, resolved from GetAccountAuthorizationDetails data.

/** Service-linked roles are created and managed by AWS services; customers cannot change them. */
export function isServiceLinkedRole(role: IamRoleData): boolean {
  return role.path.startsWith('/aws-service-role/');
}

/** IAM Identity Center's roles (AWSReservedSSO_*) are managed through permission sets. */
export function isIdentityCenterRole(role: IamRoleData): boolean {
  return role.path.startsWith('/aws-reserved/sso.amazonaws.com/');
}

export interface AppliedPolicy {
  /** "managed" (attached) or "inline". */
  type: 'managed' | 'inline';
  name: string;
  /** The managed policy's ARN; null for inline policies. */
  arn: string | null;
  /** The group it comes through, for a user's group policies. */
  viaGroup: string | null;
  document: PolicyDocument;
}

export interface PolicyProblem {
  name: string;
  viaGroup: string | null;
  problem: string;
}

export interface PrincipalPolicies {
  applied: AppliedPolicy[];
  /** Policies that apply but could not be read or parsed: the principal's access is partly unknown. */
  problems: PolicyProblem[];
}

export interface PolicyIndex {
  byArn: Map<string, IamPolicyData>;
  groups: Map<string, IamGroupData>;
  /** Each distinct document text parsed once: 5,000 users in a few groups share a few documents. */
  parsed: Map<string, PolicyParseResult>;
}

export function indexPolicies(policies: IamPolicyData[], groups: IamGroupData[]): PolicyIndex {
  return {
    byArn: new Map(policies.map((policy) => [policy.arn, policy])),
    groups: new Map(groups.map((group) => [group.groupName, group])),
    parsed: new Map(),
  };
}

/** A policy document parsed through the index: the same text gives the same (read-only) document. */
export function parseIndexed(index: PolicyIndex, text: string): PolicyParseResult {
  let result = index.parsed.get(text);
  if (result === undefined) {
    result = tryParsePolicyDocument(text);
    index.parsed.set(text, result);
  }
  return result;
}

function collect(
  index: PolicyIndex,
  attached: string[],
  inline: InlinePolicyData[],
  viaGroup: string | null,
  into: PrincipalPolicies,
): void {
  for (const arn of attached) {
    const policy = index.byArn.get(arn);
    if (policy === undefined) {
      into.problems.push({ name: arn, viaGroup, problem: `The document of ${arn} was not read.` });
      continue;
    }
    const parsed = parseIndexed(index, policy.document);
    if (parsed.ok) {
      into.applied.push({ type: 'managed', name: policy.policyName, arn, viaGroup, document: parsed.document });
    } else {
      into.problems.push({ name: arn, viaGroup, problem: `${policy.policyName}: ${parsed.error}` });
    }
  }
  for (const policy of inline) {
    const parsed = parseIndexed(index, policy.document);
    if (parsed.ok) {
      into.applied.push({ type: 'inline', name: policy.name, arn: null, viaGroup, document: parsed.document });
    } else {
      into.problems.push({ name: policy.name, viaGroup, problem: `Inline policy ${policy.name}: ${parsed.error}` });
    }
  }
}

export function userPolicies(user: IamUserData, index: PolicyIndex): PrincipalPolicies {
  const result: PrincipalPolicies = { applied: [], problems: [] };
  collect(index, user.attachedPolicyArns, user.inlinePolicies, null, result);
  for (const groupName of user.groups) {
    const group = index.groups.get(groupName);
    if (group === undefined) {
      result.problems.push({ name: groupName, viaGroup: groupName, problem: `Group ${groupName} was not read.` });
      continue;
    }
    collect(index, group.attachedPolicyArns, group.inlinePolicies, groupName, result);
  }
  return result;
}

export function rolePolicies(role: IamRoleData, index: PolicyIndex): PrincipalPolicies {
  const result: PrincipalPolicies = { applied: [], problems: [] };
  collect(index, role.attachedPolicyArns, role.inlinePolicies, null, result);
  return result;
}

export function describeApplied(policy: AppliedPolicy): string {
  const via = policy.viaGroup === null ? '' : ` via group ${policy.viaGroup}`;
  return `${policy.type === 'inline' ? 'inline ' : ''}${policy.name}${via}`;
}
