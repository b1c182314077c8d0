import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leastPrivilegeRule, permissionBoundariesRule } from '@/lib/checks/permissions';
import { toResult, type ChecklistRule } from '@/lib/checks/rule';
import type { AccountSnapshot } from '@/lib/checks/types';
import {
  accountId,
  adminPolicyDocument,
  allow,
  awsEncode,
  denied,
  finding,
  goodSnapshot,
  iamGroup,
  iamRole,
  iamUser,
  managedPolicy,
  trustService,
  withIam,
} from '@/lib/checks/fixtures';

const run = (rule: ChecklistRule, snapshot: AccountSnapshot) => toResult(rule, rule.evaluate(snapshot));
const byId = (result: ReturnType<typeof run>, id: string) => result.evidence.find((item) => item.id === id);

const administratorAccess = managedPolicy('AdministratorAccess', adminPolicyDocument, { isAwsManaged: true, attachmentCount: 2 });
const iamFullAccess = managedPolicy('IAMFullAccess', allow(['iam:*', 'organizations:DescribeAccount', 'organizations:ListRoots']), { isAwsManaged: true });
// A boundary that bounds: everything but IAM, and IAM role changes only for roles that carry it too.
const boundaryArn = `arn:aws:iam::${accountId}:policy/DeveloperBoundary`;
const boundary = managedPolicy('DeveloperBoundary', {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
    { Effect: 'Allow', Action: ['iam:CreateRole', 'iam:AttachRolePolicy', 'iam:PutRolePolicy'], Resource: '*', Condition: { StringEquals: { 'iam:PermissionsBoundary': boundaryArn } } },
    { Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' },
    { Effect: 'Deny', Action: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'], Resource: '*' },
  ],
}, { attachmentCount: 0, permissionsBoundaryUsageCount: 3 });
// AWS's "manage your own credentials" pattern: self-scoped, not the power to change others.
const selfService = managedPolicy('ManageOwnCredentials', allow(
  ['iam:CreateAccessKey', 'iam:UpdateLoginProfile', 'iam:ChangePassword', 'iam:GetUser'],
  `arn:aws:iam::*:user/\${aws:username}`,
));
const unusedOpen = managedPolicy('OldEverything', allow('*:*'), { attachmentCount: 0 });

function iamAdminAccount(): AccountSnapshot {
  const snapshot = goodSnapshot();
  const iam = snapshot.iam;
  if (iam === null || iam.users === null || iam.groups === null || iam.roles === null || iam.policies === null) throw new Error('fixture');
  return withIam(snapshot, {
    users: [
      ...iam.users,
      iamUser('admin-alice', { attachedPolicyArns: [administratorAccess.arn, selfService.arn] }),
      iamUser('gus', { groups: ['iam-admins'] }),
      iamUser('helpdesk', { attachedPolicyArns: [selfService.arn] }),
      iamUser('denied-dan', {
        attachedPolicyArns: [iamFullAccess.arn],
        inlinePolicies: [{ name: 'DenyIam', document: awsEncode({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }] }) }],
      }),
    ],
    groups: [...iam.groups, iamGroup('iam-admins', { attachedPolicyArns: [iamFullAccess.arn] })],
    roles: [
      ...iam.roles,
      iamRole('deployer', trustService('codebuild.amazonaws.com', { StringEquals: { 'aws:SourceAccount': accountId } }), {
        inlinePolicies: [{ name: 'CreateStacks', document: awsEncode(allow(['cloudformation:*', 'iam:PassRole', 'iam:CreateRole', 'iam:Attach*'])) }],
      }),
      iamRole('ci-bounded', trustService('codebuild.amazonaws.com', { StringEquals: { 'aws:SourceAccount': accountId } }), {
        permissionsBoundaryArn: boundary.arn,
        inlinePolicies: [{ name: 'CreateRoles', document: awsEncode(allow('iam:CreateRole', `arn:aws:iam::${accountId}:role/app/*`)) }],
      }),
      iamRole('break-glass', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole' }] }, {
        attachedPolicyArns: [administratorAccess.arn],
      }),
    ],
    policies: [...iam.policies, administratorAccess, iamFullAccess, boundary, selfService, unusedOpen],
  });
}

// ---------------------------------------------------------------------------------------------
// 9. Permission boundaries in use
// ---------------------------------------------------------------------------------------------

test('boundaries: pass when nobody can change IAM', () => {
  const result = run(permissionBoundariesRule, goodSnapshot());
  assert.equal(result.verdict, 'pass');
  assert.equal(result.summary, 'No user or role can change IAM principals or policies.');
  assert.equal(byId(result, 'aws-managed-roles')?.status, 'excluded');
});

test('boundaries: fail lists principals that can change IAM without a boundary, with coverage', () => {
  const result = run(permissionBoundariesRule, iamAdminAccount());
  assert.equal(result.verdict, 'fail');
  assert.equal(
    result.summary,
    '4 principals can change IAM without a permissions boundary that limits it: admin-alice (user), gus (user), deployer (role) and break-glass (role). Boundaries cover 1 of the 5 principals that can change IAM (1 of 12 principals overall).',
  );
  const alice = byId(result, `arn:aws:iam::${accountId}:user/admin-alice`);
  assert.equal(alice?.status, 'fail');
  assert.match(alice?.detail ?? '', /make every listed IAM change/);
  const gus = byId(result, `arn:aws:iam::${accountId}:user/gus`);
  assert.equal(gus?.values['grantedBy'], 'IAMFullAccess via group iam-admins');
  const deployer = byId(result, `arn:aws:iam::${accountId}:role/deployer`);
  assert.match(String(deployer?.values['actions']), /iam:CreateRole, iam:AttachUserPolicy, iam:AttachRolePolicy, iam:AttachGroupPolicy/);
  assert.equal(byId(result, `arn:aws:iam::${accountId}:role/ci-bounded`)?.status, 'pass');
  // Self-service credentials and an explicit Deny do not make a principal an IAM changer.
  assert.equal(byId(result, `arn:aws:iam::${accountId}:user/helpdesk`), undefined);
  assert.equal(byId(result, `arn:aws:iam::${accountId}:user/denied-dan`), undefined);
  assert.ok(result.remedy.commands.includes(`aws iam put-user-permissions-boundary --user-name gus --permissions-boundary ${boundary.arn}`));
  assert.ok(result.remedy.commands.includes(`aws iam put-role-permissions-boundary --role-name deployer --permissions-boundary ${boundary.arn}`));
  assert.match(result.remedy.commands[0] ?? '', /^aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::123456789012:user\/admin-alice --action-names iam:CreateUser/);
});

// Principals with the same documents are judged once (a large account's 5,000 users share a few
// groups): what each one's evidence names is still its own — the group it holds them through, the
// boundary it has, and the same inline text under another name.
test('boundaries: principals with the same documents each name their own groups and boundary', () => {
  const snapshot = goodSnapshot();
  const groups = [iamGroup('admins-a', { attachedPolicyArns: [iamFullAccess.arn] }), iamGroup('admins-b', { attachedPolicyArns: [iamFullAccess.arn] })];
  const inline = [{ name: 'mine', document: awsEncode(allow('iam:CreateUser')) }];
  const users = [
    iamUser('ann', { groups: ['admins-a'] }),
    iamUser('ben', { groups: ['admins-b'] }),
    iamUser('cy', { groups: ['admins-a'], permissionsBoundaryArn: boundary.arn }),
    iamUser('dee', { inlinePolicies: inline }),
    iamUser('eli', { inlinePolicies: [{ name: 'theirs', document: inline[0]!.document }] }),
  ];
  const result = run(permissionBoundariesRule, withIam(snapshot, { users, groups: [...(snapshot.iam?.groups ?? []), ...groups], policies: [...(snapshot.iam?.policies ?? []), iamFullAccess, boundary] }));
  const item = (name: string) => byId(result, `arn:aws:iam::${accountId}:user/${name}`);
  assert.equal(item('ann')?.values?.grantedBy, 'IAMFullAccess via group admins-a');
  assert.equal(item('ben')?.values?.grantedBy, 'IAMFullAccess via group admins-b');
  assert.equal(item('ann')?.status, 'fail');
  assert.equal(item('cy')?.status, 'pass');
  assert.equal(item('dee')?.values?.grantedBy, 'inline mine');
  assert.equal(item('eli')?.values?.grantedBy, 'inline theirs');
});

test('boundaries: unknown when an attached policy\'s document was not read', () => {
  const snapshot = goodSnapshot();
  const users = [iamUser('eve', { attachedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'] })];
  const result = run(permissionBoundariesRule, withIam(snapshot, { users }));
  assert.equal(result.verdict, 'unknown');
  assert.match(byId(result, `arn:aws:iam::${accountId}:user/eve`)?.detail ?? '', /PowerUserAccess was not read/);
});

test('boundaries: an unreadable policy does not hide a principal already shown to change IAM', () => {
  const users = [iamUser('eve', { attachedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess', administratorAccess.arn] })];
  const snapshot = goodSnapshot();
  const result = run(permissionBoundariesRule, withIam(snapshot, { users, policies: [...(snapshot.iam?.policies ?? []), administratorAccess] }));
  assert.equal(result.verdict, 'fail');
});

test('boundaries: unknown when the authorization details were denied', () => {
  const snapshot = denied(withIam(goodSnapshot(), { users: null, groups: null, roles: null, policies: null }), 'iam', ['iam:GetAccountAuthorizationDetails']);
  const result = run(permissionBoundariesRule, snapshot);
  assert.equal(result.verdict, 'unknown');
  assert.deepEqual(result.missingPermissions, ['iam:GetAccountAuthorizationDetails']);
});

// ---------------------------------------------------------------------------------------------
// 13. Policies follow least privilege
// ---------------------------------------------------------------------------------------------

test('least privilege: pass; a service-linked role\'s service-wide policy is excluded, not noted', () => {
  const result = run(leastPrivilegeRule, goodSnapshot());
  assert.equal(result.verdict, 'pass');
  assert.equal(result.summary, 'No policy in use allows "*" on "*".');
  assert.equal(byId(result, 'service-linked-roles')?.status, 'excluded');
  assert.equal(result.evidence.filter((item) => item.status === 'noted').length, 0);
  assert.deepEqual(result.references.map((reference) => reference.id), ['1.16', 'IAM.1', 'IAM.21']);
});

test('least privilege: fail on "*"-on-"*" policies in use, naming where they are attached', () => {
  const snapshot = iamAdminAccount();
  const users = [
    ...(snapshot.iam?.users ?? []),
    iamUser('legacy-admin', { inlinePolicies: [{ name: 'FullAccess', document: awsEncode(adminPolicyDocument) }] }),
  ];
  const result = run(leastPrivilegeRule, withIam(snapshot, { users }));
  assert.equal(result.verdict, 'fail');
  assert.equal(result.summary, '2 policies in use allow "*" on "*": FullAccess (inline, legacy-admin) and AdministratorAccess. Noted: 2 policies in use grant whole services or everything but a list (NotAction).');
  const admin = byId(result, administratorAccess.arn);
  assert.equal(admin?.status, 'fail');
  assert.equal(admin?.values['attachedTo'], 'user:admin-alice, role:break-glass');
  assert.equal(byId(result, unusedOpen.arn), undefined);
  assert.equal(byId(result, boundary.arn), undefined);
  assert.equal(byId(result, iamFullAccess.arn)?.status, 'noted');
  assert.ok(result.remedy.commands.includes(`aws iam detach-user-policy --user-name admin-alice --policy-arn ${administratorAccess.arn}`));
  assert.ok(result.remedy.commands.includes(`aws iam detach-role-policy --role-name break-glass --policy-arn ${administratorAccess.arn}`));
  assert.ok(result.remedy.commands.includes('aws iam delete-user-policy --user-name legacy-admin --policy-name FullAccess'));
  assert.match(result.remedy.commands[0] ?? '', /^aws accessanalyzer start-policy-generation --policy-generation-details principalArn=arn:aws:iam::123456789012:user\/legacy-admin .*"cloudTrailArn":"arn:aws:cloudtrail:us-east-1:123456789012:trail\/org-trail"/);
});

test('least privilege: active unused-access findings are noted; archived ones are not', () => {
  const snapshot = goodSnapshot();
  const analyzer = snapshot.accessAnalyzer;
  if (analyzer === null) throw new Error('fixture');
  const withFindings: AccountSnapshot = {
    ...snapshot,
    accessAnalyzer: {
      ...analyzer,
      findings: [
        finding('u1', 'UnusedPermission', `arn:aws:iam::${accountId}:role/app-function`, 'ACTIVE'),
        finding('u2', 'UnusedIAMUserAccessKey', `arn:aws:iam::${accountId}:user/alice`, 'ARCHIVED'),
        finding('x1', 'ExternalAccess', 'arn:aws:s3:::acme-public', 'ACTIVE'),
      ],
    },
  };
  const result = run(leastPrivilegeRule, withFindings);
  assert.equal(result.verdict, 'pass');
  assert.match(result.summary, /Noted: 1 active unused-access finding\./);
  const noted = result.evidence.filter((item) => item.kind === 'finding');
  assert.deepEqual(noted.map((item) => item.values['resource']), [`arn:aws:iam::${accountId}:role/app-function`]);
});

test('least privilege: unread findings are noted with their permission, the verdict still decided', () => {
  const snapshot = goodSnapshot();
  const result = run(leastPrivilegeRule, denied({ ...snapshot, accessAnalyzer: null }, 'accessAnalyzer', ['access-analyzer:ListFindings']));
  assert.equal(result.verdict, 'pass');
  assert.deepEqual(result.missingPermissions, ['access-analyzer:ListFindings']);
});

test('least privilege: unknown when a policy in use cannot be parsed', () => {
  const snapshot = goodSnapshot();
  const broken = managedPolicy('Broken', allow('s3:GetObject'), { document: '%7B%22Statement%22%3A' });
  const users = [iamUser('frank', { attachedPolicyArns: [broken.arn] })];
  const result = run(leastPrivilegeRule, withIam(snapshot, { users, policies: [...(snapshot.iam?.policies ?? []), broken] }));
  assert.equal(result.verdict, 'unknown');
  assert.equal(byId(result, broken.arn)?.status, 'unknown');
});

test('least privilege: unknown when the authorization details were not read', () => {
  const result = run(leastPrivilegeRule, denied({ ...goodSnapshot(), iam: null }, 'iam', ['iam:GetAccountAuthorizationDetails']));
  assert.equal(result.verdict, 'unknown');
  assert.deepEqual(result.missingPermissions, ['iam:GetAccountAuthorizationDetails']);
});

test('boundaries: pass when every principal that can change IAM carries a boundary', () => {
  const snapshot = goodSnapshot();
  const roles = [
    iamRole('ci-bounded', trustService('codebuild.amazonaws.com', { StringEquals: { 'aws:SourceAccount': accountId } }), {
      permissionsBoundaryArn: boundary.arn,
      attachedPolicyArns: [iamFullAccess.arn],
    }),
  ];
  const result = run(permissionBoundariesRule, withIam(snapshot, { roles, policies: [...(snapshot.iam?.policies ?? []), iamFullAccess, boundary] }));
  assert.equal(result.verdict, 'pass');
  assert.equal(result.summary, 'Every principal that can change IAM has a permissions boundary. Boundaries cover 1 of the 1 principal that can change IAM (1 of 3 principals overall).');
});
