import { test } from 'node:test';
import assert from 'node:assert/strict';
import { externalIdRule, serviceRoleTrustRule } from '@/lib/checks/roles';
import { toResult, type ChecklistRule } from '@/lib/checks/rule';
import type { AccountSnapshot } from '@/lib/checks/types';
import { accountId, goodSnapshot, iamRole, otherOwnAccountId, ownOrganizationId, withIam } from '@/lib/checks/fixtures';

// A corpus of trust policies as AWS returns them (URL-encoded by iamRole), each with the verdict a
// careful reviewer gives it. Items 12 (who outside can assume a role) and 16 (service trust scoped to
// the account): the VALUES of the conditions decide, never the mere presence of a key.

const run = (rule: ChecklistRule, snapshot: AccountSnapshot) => toResult(rule, rule.evaluate(snapshot));
const outsider = '444455556666';
const github = `arn:aws:iam::${accountId}:oidc-provider/token.actions.githubusercontent.com`;
const gitlab = `arn:aws:iam::${accountId}:oidc-provider/gitlab.com`;
const eks = `arn:aws:iam::${accountId}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE`;
const terraform = `arn:aws:iam::${accountId}:oidc-provider/app.terraform.io`;

function trust(statement: Record<string, unknown>) {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }] };
}
function webIdentity(provider: string, condition?: Record<string, unknown>) {
  return trust({ Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithWebIdentity', ...(condition ? { Condition: condition } : {}) });
}

const item12: [string, unknown, 'pass' | 'fail'][] = [
  ['"*" pinned by aws:PrincipalAccount to an own account', trust({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalAccount': otherOwnAccountId } } }), 'pass'],
  ['"*" pinned by aws:PrincipalAccount to an outside account, no ExternalId', trust({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalAccount': outsider } } }), 'fail'],
  ['"*" pinned by aws:PrincipalAccount to an outside account, with ExternalId', trust({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalAccount': outsider, 'sts:ExternalId': 'a1b2' } } }), 'pass'],
  ['"*" with aws:PrincipalAccount listing an own and an outside account', trust({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalAccount': [otherOwnAccountId, outsider] } } }), 'fail'],
  ['"*" with aws:PrincipalArn on an outside role', trust({ Principal: { AWS: '*' }, Condition: { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${outsider}:role/deployer` } } }), 'fail'],
  ['"*" with aws:PrincipalArn on an own role', trust({ Principal: { AWS: '*' }, Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${otherOwnAccountId}:role/ci-*` } } }), 'pass'],
  ['"*" with aws:PrincipalArn wildcard in the account position', trust({ Principal: { AWS: '*' }, Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/deployer' } } }), 'fail'],
  ['"*" with aws:PrincipalArn wildcard, even with an ExternalId', trust({ Principal: { AWS: '*' }, Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/deployer' }, StringEquals: { 'sts:ExternalId': 'x' } } }), 'fail'],
  ['"*" with aws:PrincipalOrgID of the own organization', trust({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': ownOrganizationId } } }), 'pass'],
  ['"*" with aws:PrincipalOrgID of another organization', trust({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-zz9988776655' } } }), 'fail'],
  ['"*" with aws:PrincipalOrgID as a wildcard', trust({ Principal: { AWS: '*' }, Condition: { StringLike: { 'aws:PrincipalOrgID': 'o-*' } } }), 'fail'],
  ['"*" with aws:PrincipalOrgPaths in the own organization', trust({ Principal: { AWS: '*' }, Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': `${ownOrganizationId}/r-ab12/ou-ab12-11111111/*` } } }), 'pass'],
  ['"*" with an IfExists pin (absent key passes)', trust({ Principal: { AWS: '*' }, Condition: { StringEqualsIfExists: { 'aws:PrincipalAccount': otherOwnAccountId } } }), 'fail'],
  ['"*" with a negated pin', trust({ Principal: { AWS: '*' }, Condition: { StringNotEquals: { 'aws:PrincipalAccount': outsider } } }), 'fail'],
  ['GitHub Actions without any condition', webIdentity(github), 'fail'],
  ['GitHub Actions with only the audience', webIdentity(github, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }), 'fail'],
  ['GitHub Actions with sub "repo:*"', webIdentity(github, { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } }), 'fail'],
  ['GitHub Actions with sub "*"', webIdentity(github, { StringLike: { 'token.actions.githubusercontent.com:sub': '*' } }), 'fail'],
  ['GitHub Actions with sub "repo:acme*" (also matches acme-evil)', webIdentity(github, { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme*' } }), 'fail'],
  ['GitHub Actions with sub as IfExists', webIdentity(github, { StringLikeIfExists: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' } }), 'fail'],
  ['GitHub Actions pinned to an organization', webIdentity(github, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' } }), 'pass'],
  ['GitHub Actions pinned to a repository and branch', webIdentity(github, { StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main' } }), 'pass'],
  ['GitLab without a subject', webIdentity(gitlab, { StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' } }), 'fail'],
  ['GitLab pinned to a group', webIdentity(gitlab, { StringLike: { 'gitlab.com:sub': 'project_path:acme/*:ref_type:branch:ref:main' } }), 'pass'],
  ['Terraform Cloud without a subject', webIdentity(terraform, { StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' } }), 'fail'],
  ['Terraform Cloud pinned to an organization', webIdentity(terraform, { StringLike: { 'app.terraform.io:sub': 'organization:acme:project:*:workspace:*:run_phase:*' } }), 'pass'],
  ['EKS service account pinned', webIdentity(eks, { StringEquals: { 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub': 'system:serviceaccount:payments:api' } }), 'pass'],
  ['EKS without a subject', webIdentity(eks), 'fail'],
  ['Cognito identity pool without aud', webIdentity('cognito-identity.amazonaws.com'), 'fail'],
  ['Cognito identity pool pinned by aud', webIdentity('cognito-identity.amazonaws.com', { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:12345678-1234-1234-1234-123456789012' } }), 'pass'],
  ['A wildcard where the account goes in the principal', trust({ Principal: { AWS: 'arn:aws:iam::*:role/deployer' } }), 'fail'],
];

for (const [name, document, expected] of item12) {
  test(`item 12 corpus: ${name} → ${expected}`, () => {
    const snapshot = withIam(goodSnapshot(), { roles: [iamRole('under-test', document)] });
    const result = run(externalIdRule, snapshot);
    const judged = result.evidence.filter((item) => item.id.startsWith(`arn:aws:iam::${accountId}:role/under-test#`));
    assert.ok(judged.length > 0, 'the role is judged');
    assert.equal(judged.some((item) => item.status === 'fail') ? 'fail' : 'pass', expected, JSON.stringify(judged.map((item) => item.detail)));
    assert.equal(result.verdict, expected);
  });
}

const item16: [string, Record<string, unknown> | undefined, 'pass' | 'fail'][] = [
  ['no condition', undefined, 'fail'],
  ['aws:SourceAccount of this account', { StringEquals: { 'aws:SourceAccount': accountId } }, 'pass'],
  ['aws:SourceAccount of an outside account', { StringEquals: { 'aws:SourceAccount': outsider } }, 'fail'],
  ['aws:SourceAccount as a wildcard', { StringLike: { 'aws:SourceAccount': '*' } }, 'fail'],
  ['aws:SourceArn of a Lambda function in this account', { ArnLike: { 'aws:SourceArn': `arn:aws:lambda:eu-west-1:${accountId}:function:resize` } }, 'pass'],
  ['aws:SourceArn of an S3 bucket (no account in the ARN)', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::acme-uploads' } }, 'fail'],
  ['aws:SourceArn "arn:aws:s3:::*"', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } }, 'fail'],
  ['aws:SourceArn with a wildcard account', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:alerts' } }, 'fail'],
  ['S3 bucket ARN plus aws:SourceAccount', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::acme-uploads' }, StringEquals: { 'aws:SourceAccount': accountId } }, 'pass'],
  ['aws:SourceAccount IfExists', { StringEqualsIfExists: { 'aws:SourceAccount': accountId } }, 'fail'],
];

for (const [name, condition, expected] of item16) {
  test(`item 16 corpus: a service trust with ${name} → ${expected}`, () => {
    const document = trust({ Principal: { Service: 's3.amazonaws.com' }, ...(condition ? { Condition: condition } : {}) });
    const snapshot = withIam(goodSnapshot(), { roles: [iamRole('service-under-test', document)] });
    const result = run(serviceRoleTrustRule, snapshot);
    const judged = result.evidence.filter((item) => item.id.startsWith(`arn:aws:iam::${accountId}:role/service-under-test#`));
    assert.equal(judged.length, 1);
    assert.equal(judged[0]?.status, expected, judged[0]?.detail);
  });
}
