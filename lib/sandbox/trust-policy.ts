import 'server-only';
import { globMatches } from '@/lib/checks/glob';

import type { PolicyDocument, PolicyStatement } from './model';
import { asList } from './policies';

// Just enough policy evaluation to decide AssumeRole against a role's trust policy: Allow/Deny
// statements, AWS principals (account, root, role, user, "*"), sts:AssumeRole actions and the
// common string/ARN/Bool condition operators. Anything it does not understand denies.

export interface AssumeRequest {
  /** The caller's account id. */
  accountId: string;
  /** ARNs that identify the caller as a principal (role ARN for a session, user ARN, root ARN). */
  principalArns: string[];
  /** Condition context: key (lower-case) → value. Absent keys are missing from the request. */
  context: Record<string, string>;
}

function matchesAction(statement: PolicyStatement): boolean {
  if (statement.NotAction !== undefined) {
    return !asList(statement.NotAction).some((action) => globMatches(action, 'sts:assumerole', true));
  }
  return asList(statement.Action).some((action) => globMatches(action, 'sts:assumerole', true));
}

function matchesPrincipal(statement: PolicyStatement, request: AssumeRequest): boolean {
  const principal = statement.Principal;
  if (principal === undefined) return false;
  if (principal === '*') return true;
  for (const value of asList(principal.AWS)) {
    if (value === '*') return true;
    if (value === request.accountId || value === `arn:aws:iam::${request.accountId}:root`) return true;
    if (request.principalArns.includes(value)) return true;
  }
  return false;
}

function evaluateOperator(operator: string, actual: string | undefined, expected: string[]): boolean {
  const ifExists = operator.endsWith('IfExists');
  const op = ifExists ? operator.slice(0, -'IfExists'.length) : operator;
  if (actual === undefined) {
    if (op === 'Null') return expected.some((value) => value === 'true');
    return ifExists || op.startsWith('StringNot') || op.startsWith('ArnNot');
  }
  switch (op) {
    case 'StringEquals':
    case 'ArnEquals':
      return expected.includes(actual);
    case 'StringEqualsIgnoreCase':
      return expected.some((value) => value.toLowerCase() === actual.toLowerCase());
    case 'StringNotEquals':
    case 'ArnNotEquals':
      return !expected.includes(actual);
    case 'StringLike':
    case 'ArnLike':
      return expected.some((value) => globMatches(value, actual));
    case 'StringNotLike':
    case 'ArnNotLike':
      return !expected.some((value) => globMatches(value, actual));
    case 'Bool':
      return expected.some((value) => value.toLowerCase() === actual.toLowerCase());
    case 'Null':
      return expected.some((value) => value === 'false');
    default:
      return false;
  }
}

function matchesConditions(statement: PolicyStatement, request: AssumeRequest): boolean {
  for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
    for (const [key, value] of Object.entries(block)) {
      if (!evaluateOperator(operator, request.context[key.toLowerCase()], asList(value))) return false;
    }
  }
  return true;
}

/** Whether the trust policy lets the caller assume the role. */
export function trustAllows(document: PolicyDocument, request: AssumeRequest): boolean {
  let allowed = false;
  for (const statement of document.Statement) {
    if (!matchesAction(statement) || !matchesPrincipal(statement, request)) continue;
    if (!matchesConditions(statement, request)) continue;
    if (statement.Effect === 'Deny') return false;
    allowed = true;
  }
  return allowed;
}
