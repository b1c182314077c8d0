import type { AppliedPolicy } from '@/lib/checks/iam-principals';
import { describeApplied } from '@/lib/checks/iam-principals';
import { combinePolicyDocuments, evaluateAction, hasConditions, type PolicyDocument, type PolicyStatement } from '@/lib/checks/policy-document';

// What a principal can actually do: all its identity policies together (attached, inline, through
// its groups), minus unconditional Denies, within its permissions boundary. Rules judge principals
// on this, never one policy at a time: PowerUserAccess plus IAMFullAccess is an administrator even
// though neither policy says "*" on "*".

export interface EffectiveAccess {
  /** Whether `action` is allowed on at least one resource ("*") after Denies and the boundary. */
  allows(action: string): boolean;
  /** The policies whose statements allow `action` (empty when it is not allowed). */
  grantedBy(action: string): string[];
  /** The identity-policy statements that allow `action` (empty when it is not allowed). */
  allowedBy(action: string): PolicyStatement[];
  /** Whether every statement of the identity policies that allows `action` carries a condition. */
  conditional(action: string): boolean;
}

/**
 * `boundary` null: no permissions boundary. A boundary allows an action only through a statement
 * without conditions: a conditional allowance (e.g. iam:CreateRole only with iam:PermissionsBoundary
 * set) is exactly what makes a boundary bound something.
 */
export function effectiveAccess(applied: AppliedPolicy[], boundary: PolicyDocument | null): EffectiveAccess {
  const combined = combinePolicyDocuments(applied.map((policy) => policy.document));
  const ownerOf = new Map<PolicyStatement, AppliedPolicy>();
  for (const policy of applied) for (const statement of policy.document.statements) ownerOf.set(statement, policy);
  const cache = new Map<string, { allowed: boolean; by: PolicyStatement[] }>();
  const decide = (action: string) => {
    const known = cache.get(action);
    if (known) return known;
    const identity = evaluateAction(combined, action);
    let allowed = identity.decision === 'allowed';
    if (allowed && boundary !== null) {
      const bounded = evaluateAction(boundary, action);
      allowed = bounded.decision === 'allowed' && bounded.allowedBy.some((statement) => !hasConditions(statement));
    }
    const result = { allowed, by: allowed ? identity.allowedBy : [] };
    cache.set(action, result);
    return result;
  };
  return {
    allows: (action) => decide(action).allowed,
    allowedBy: (action) => decide(action).by,
    grantedBy: (action) => {
      const names = new Set<string>();
      for (const statement of decide(action).by) {
        const owner = ownerOf.get(statement);
        if (owner) names.add(describeApplied(owner));
      }
      return [...names];
    },
    conditional: (action) => {
      const by = decide(action).by;
      return by.length > 0 && by.every(hasConditions);
    },
  };
}

/**
 * Actions of many services, sensitive and ordinary, that an administrator can call. A principal
 * allowed every one of them on "*" holds administrator access in effect, whatever the policies'
 * spelling ("*", NotAction, NotResource, or several policies adding up).
 */
export const administratorProbeActions = [
  'ec2:RunInstances',
  'ec2:DeleteVpc',
  's3:GetObject',
  's3:PutBucketPolicy',
  's3:DeleteBucket',
  'kms:Decrypt',
  'kms:ScheduleKeyDeletion',
  'secretsmanager:GetSecretValue',
  'ssm:GetParameter',
  'lambda:CreateFunction',
  'lambda:UpdateFunctionCode',
  'dynamodb:DeleteTable',
  'rds:DeleteDBInstance',
  'cloudtrail:StopLogging',
  'cloudtrail:DeleteTrail',
  'guardduty:DeleteDetector',
  'config:DeleteConfigurationRecorder',
  'logs:DeleteLogGroup',
  'sts:AssumeRole',
  'cloudformation:CreateStack',
  'ecs:RunTask',
  'eks:CreateCluster',
  'route53:ChangeResourceRecordSets',
  'backup:DeleteBackupVault',
  'access-analyzer:DeleteAnalyzer',
  'wardenprobe:AnyOtherServiceAction',
] as const;

/** IAM actions with which a principal grants itself whatever it lacks (Rhino Security Labs' methods 1, 7–13). */
export const selfEscalationActions = [
  'iam:AttachUserPolicy',
  'iam:AttachRolePolicy',
  'iam:AttachGroupPolicy',
  'iam:PutUserPolicy',
  'iam:PutRolePolicy',
  'iam:PutGroupPolicy',
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:AddUserToGroup',
] as const;

export type AdministratorReach =
  | { kind: 'none' }
  /** Allowed every probe action and IAM's policy-writing actions. */
  | { kind: 'administrator'; grantedBy: string[]; conditional: boolean }
  /** Allowed every probe action but IAM is held back; one IAM action lets it grant itself the rest. */
  | { kind: 'escalates'; grantedBy: string[]; via: string[]; conditional: boolean };

/** Whether a principal holds administrator access in effect, and through which policies. */
export function administratorReach(access: EffectiveAccess): AdministratorReach {
  if (!administratorProbeActions.every((action) => access.allows(action))) return { kind: 'none' };
  const via = selfEscalationActions.filter((action) => access.allows(action));
  if (via.length === 0) return { kind: 'none' };
  const actions = [...administratorProbeActions, ...via];
  const grantedBy = [...new Set(actions.flatMap((action) => access.grantedBy(action)))];
  const conditional = actions.some((action) => access.conditional(action));
  const iamWhole = selfEscalationActions.every((action) => access.allows(action)) && access.allows('iam:CreateUser');
  return iamWhole ? { kind: 'administrator', grantedBy, conditional } : { kind: 'escalates', grantedBy, via, conditional };
}
