import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leastPrivilegeRule, permissionBoundariesRule } from '@/lib/checks/permissions';
import { toResult, type ChecklistRule } from '@/lib/checks/rule';
import type { AccountSnapshot } from '@/lib/checks/types';
import type { IamPolicyData, IamRoleData, IamUserData } from '@/lib/aws/records';
import { accountId, adminPolicyDocument, allow, awsEncode, goodSnapshot, iamGroup, iamRole, iamUser, managedPolicy, withIam } from '@/lib/checks/fixtures';

// Known-dangerous identity-policy shapes, as AWS returns them (URL-encoded documents, AWS managed
// policies by their real names and content), each with the verdict a careful reviewer gives:
// item 13 judges what a principal can do across all its policies, item 9 who can change IAM and
// whether the boundary really bounds it.

const run = (rule: ChecklistRule, snapshot: AccountSnapshot) => toResult(rule, rule.evaluate(snapshot));
// attachmentCount 0: a policy counts as in use here only through the principals of each case.
const aws = (name: string, document: unknown) => managedPolicy(name, document, { isAwsManaged: true, attachmentCount: 0 });

const administratorAccess = aws('AdministratorAccess', adminPolicyDocument);
// PowerUserAccess as AWS publishes it: everything except IAM, Organizations and Account, plus a few reads.
const powerUserAccess = aws('PowerUserAccess', {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
    { Effect: 'Allow', Action: ['account:GetAccountInformation', 'account:GetPrimaryEmail', 'account:ListRegions', 'iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization'], Resource: '*' },
  ],
});
const iamFullAccess = aws('IAMFullAccess', allow(['iam:*', 'organizations:DescribeAccount', 'organizations:DescribeOrganization', 'organizations:DescribeOrganizationalUnit', 'organizations:DescribePolicy', 'organizations:ListChildren', 'organizations:ListParents', 'organizations:ListPoliciesForTarget', 'organizations:ListRoots', 'organizations:ListPolicies', 'organizations:ListTargetsForPolicy']));
const readOnly = aws('ReadOnlyAccess', allow(['ec2:Describe*', 's3:Get*', 's3:List*', 'iam:Get*', 'iam:List*']));
const inline = (name: string, document: unknown) => ({ name, document: awsEncode(document) });
const ssoPath = '/aws-reserved/sso.amazonaws.com/eu-west-1/';

interface Shape {
  users?: IamUserData[];
  roles?: IamRoleData[];
  policies?: IamPolicyData[];
  groups?: ReturnType<typeof iamGroup>[];
}

function account(shape: Shape): AccountSnapshot {
  const base = goodSnapshot();
  const iam = base.iam;
  if (iam === null || iam.users === null || iam.groups === null || iam.roles === null || iam.policies === null) throw new Error('fixture');
  return withIam(base, {
    users: [...iam.users, ...(shape.users ?? [])],
    roles: [...iam.roles, ...(shape.roles ?? [])],
    groups: [...iam.groups, ...(shape.groups ?? [])],
    policies: [...iam.policies, ...(shape.policies ?? []), administratorAccess, powerUserAccess, iamFullAccess, readOnly],
  });
}

const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole' }] };
const statusOf = (result: ReturnType<typeof run>, arnEnd: string) =>
  result.evidence.filter((item) => item.id.endsWith(arnEnd)).map((item) => item.status);

// ---------------------------------------------------------------------------------------------
// 13. Administrators in effect
// ---------------------------------------------------------------------------------------------

const item13: [string, Shape, 'pass' | 'fail'][] = [
  ['Action "*" with NotResource (everything but one bucket)', { users: [iamUser('nr', { inlinePolicies: [inline('AlmostAll', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::payroll/*' }] })] })] }, 'fail'],
  ['NotAction of one harmless action on "*"', { users: [iamUser('na', { inlinePolicies: [inline('AllButOne', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:CreateVirtualMFADevice', Resource: '*' }] })] })] }, 'fail'],
  ['PowerUserAccess + IAMFullAccess on one user', { users: [iamUser('pu', { attachedPolicyArns: [powerUserAccess.arn, iamFullAccess.arn] })] }, 'fail'],
  ['PowerUserAccess on the user, IAMFullAccess through a group', { users: [iamUser('pg', { attachedPolicyArns: [powerUserAccess.arn], groups: ['iam-team'] })], groups: [iamGroup('iam-team', { attachedPolicyArns: [iamFullAccess.arn] })] }, 'fail'],
  ['PowerUserAccess + an inline policy allowing iam:AttachUserPolicy', { users: [iamUser('pa', { attachedPolicyArns: [powerUserAccess.arn], inlinePolicies: [inline('Attach', allow('iam:AttachUserPolicy'))] })] }, 'fail'],
  ['"*" split over two inline policies (NotAction iam:* and iam:*)', { roles: [iamRole('split', trust, { inlinePolicies: [inline('A', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] }), inline('B', allow('iam:*'))] })] }, 'fail'],
  ['Literal AdministratorAccess on an Identity Center role', { roles: [iamRole('AWSReservedSSO_Admin_0123456789abcdef', trust, { path: ssoPath, attachedPolicyArns: [administratorAccess.arn] })] }, 'fail'],
  ['PowerUserAccess alone (no IAM)', { users: [iamUser('power', { attachedPolicyArns: [powerUserAccess.arn] })] }, 'pass'],
  ['PowerUserAccess + IAMFullAccess with an unconditional Deny on iam:*', { users: [iamUser('guarded', { attachedPolicyArns: [powerUserAccess.arn, iamFullAccess.arn], inlinePolicies: [inline('DenyIam', { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }] })] })] }, 'pass'],
  ['PowerUserAccess + IAMFullAccess within a boundary that excludes IAM', { users: [iamUser('bounded', { attachedPolicyArns: [powerUserAccess.arn, iamFullAccess.arn], permissionsBoundaryArn: powerUserAccess.arn })] }, 'pass'],
  ['ReadOnlyAccess', { users: [iamUser('reader', { attachedPolicyArns: [readOnly.arn] })] }, 'pass'],
];

for (const [name, shape, expected] of item13) {
  test(`item 13 corpus: ${name} → ${expected}`, () => {
    const result = run(leastPrivilegeRule, account(shape));
    assert.equal(result.verdict, expected, result.summary);
  });
}

test('item 13: the evidence of an administrator by combination names the policies that add up', () => {
  const result = run(leastPrivilegeRule, account({ users: [iamUser('pu', { attachedPolicyArns: [powerUserAccess.arn, iamFullAccess.arn] })] }));
  const evidence = result.evidence.find((item) => item.id === `arn:aws:iam::${accountId}:user/pu`);
  assert.equal(evidence?.status, 'fail');
  assert.match(evidence?.detail ?? '', /PowerUserAccess/);
  assert.match(evidence?.detail ?? '', /IAMFullAccess/);
  assert.match(result.summary, /administrator in effect through policies that add up: pu/);
  assert.ok(result.remedy.commands.includes('aws iam list-attached-user-policies --user-name pu'), 'the remedy starts from what adds up');
});

// ---------------------------------------------------------------------------------------------
// 9. Who can change IAM, and whether the boundary bounds it
// ---------------------------------------------------------------------------------------------

const selfBoundaryArn = `arn:aws:iam::${accountId}:policy/RealBoundary`;
const realBoundary = managedPolicy('RealBoundary', {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
    { Effect: 'Allow', Action: ['iam:CreateRole', 'iam:AttachRolePolicy'], Resource: '*', Condition: { StringEquals: { 'iam:PermissionsBoundary': selfBoundaryArn } } },
  ],
});

const item9: [string, Shape, string, 'pass' | 'fail' | 'none'][] = [
  ['an Identity Center admin permission set without a boundary', { roles: [iamRole('AWSReservedSSO_Admin_0123456789abcdef', trust, { path: ssoPath, attachedPolicyArns: [administratorAccess.arn] })] }, 'AWSReservedSSO_Admin_0123456789abcdef', 'fail'],
  ['AdministratorAccess used as the boundary', { users: [iamUser('boundless', { attachedPolicyArns: [iamFullAccess.arn], permissionsBoundaryArn: administratorAccess.arn })] }, 'user/boundless', 'fail'],
  ['a boundary that allows IAM changes only with iam:PermissionsBoundary', { roles: [iamRole('builder', trust, { inlinePolicies: [inline('Roles', allow(['iam:CreateRole', 'iam:AttachRolePolicy']))], permissionsBoundaryArn: selfBoundaryArn })], policies: [realBoundary] }, 'role/builder', 'pass'],
  ['a boundary whose document was not read', { roles: [iamRole('mystery', trust, { inlinePolicies: [inline('Roles', allow('iam:CreateRole'))], permissionsBoundaryArn: `arn:aws:iam::${accountId}:policy/NotRead` })] }, 'role/mystery', 'fail'],
  ['only iam:DetachRolePolicy (removes a Deny guard)', { users: [iamUser('detacher', { inlinePolicies: [inline('Detach', allow('iam:DetachRolePolicy'))] })] }, 'user/detacher', 'fail'],
  ['only iam:DeleteUserPolicy', { users: [iamUser('deleter', { inlinePolicies: [inline('Delete', allow('iam:DeleteUserPolicy'))] })] }, 'user/deleter', 'fail'],
  ['only iam:UpdateSAMLProvider (replace the IdP metadata)', { users: [iamUser('idp', { inlinePolicies: [inline('Saml', allow('iam:UpdateSAMLProvider'))] })] }, 'user/idp', 'fail'],
  ['only iam:UpdateOpenIDConnectProviderThumbprint', { users: [iamUser('oidc', { inlinePolicies: [inline('Oidc', allow('iam:UpdateOpenIDConnectProviderThumbprint'))] })] }, 'user/oidc', 'fail'],
  ['iam:PassRole with lambda:CreateFunction', { roles: [iamRole('lambda-deployer', trust, { inlinePolicies: [inline('Deploy', allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction']))] })] }, 'role/lambda-deployer', 'fail'],
  ['iam:PassRole with ec2:RunInstances', { users: [iamUser('ec2-launcher', { inlinePolicies: [inline('Launch', allow(['iam:PassRole', 'ec2:RunInstances']))] })] }, 'user/ec2-launcher', 'fail'],
  ['iam:PassRole alone', { users: [iamUser('passer', { inlinePolicies: [inline('Pass', allow('iam:PassRole'))] })] }, 'user/passer', 'none'],
  ['wildcards that reach the actions: iam:*Policy* ', { users: [iamUser('globber', { inlinePolicies: [inline('Glob', allow('iam:*Policy*'))] })] }, 'user/globber', 'fail'],
];

for (const [name, shape, arnEnd, expected] of item9) {
  test(`item 9 corpus: ${name} → ${expected}`, () => {
    const result = run(permissionBoundariesRule, account(shape));
    const statuses = statusOf(result, arnEnd);
    if (expected === 'none') {
      assert.deepEqual(statuses, [], 'not counted as able to change IAM');
    } else if (name.includes('not read')) {
      assert.deepEqual(statuses, ['unknown'], 'an unread boundary is no pass');
    } else {
      assert.deepEqual(statuses, [expected], result.evidence.filter((item) => item.id.endsWith(arnEnd)).map((item) => item.detail).join(' | '));
    }
  });
}
