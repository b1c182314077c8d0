import 'server-only';

import type { ManagedPolicy, PolicyDocument, PolicyStatement } from './model';
import { createRng, makeIamId } from './random';

// Policy documents used by the demo data, and the AWS managed policies the demo accounts attach.

export function policy(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

export function allow(action: string | string[], resource: string | string[] = '*'): PolicyStatement {
  return { Effect: 'Allow', Action: action, Resource: resource };
}

export function trustService(
  service: string,
  condition?: PolicyStatement['Condition'],
): PolicyDocument {
  const statement: PolicyStatement = {
    Effect: 'Allow',
    Principal: { Service: service },
    Action: 'sts:AssumeRole',
  };
  if (condition) statement.Condition = condition;
  return policy(statement);
}

export function trustAws(
  principal: string | string[],
  condition?: PolicyStatement['Condition'],
): PolicyDocument {
  const statement: PolicyStatement = {
    Effect: 'Allow',
    Principal: { AWS: principal },
    Action: 'sts:AssumeRole',
  };
  if (condition) statement.Condition = condition;
  return policy(statement);
}

export function awsManagedPolicyArn(name: string, path = '/'): string {
  return `arn:aws:iam::aws:policy${path}${name}`;
}

interface CatalogEntry {
  name: string;
  path: string;
  description: string;
  document: PolicyDocument;
}

const CATALOG: CatalogEntry[] = [
  {
    name: 'AdministratorAccess',
    path: '/',
    description: 'Provides full access to AWS services and resources.',
    document: policy(allow('*')),
  },
  {
    name: 'ReadOnlyAccess',
    path: '/',
    description: 'Provides read-only access to AWS services and resources.',
    document: policy(allow(['cloudtrail:Describe*', 'cloudtrail:Get*', 'cloudtrail:LookupEvents', 'ec2:Describe*', 'iam:Get*', 'iam:List*', 's3:Get*', 's3:List*'])),
  },
  {
    name: 'SecurityAudit',
    path: '/',
    description: 'The security audit template grants access to read security configuration metadata.',
    document: policy(allow(['access-analyzer:Get*', 'access-analyzer:List*', 'cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus', 'cloudtrail:LookupEvents', 'iam:GenerateCredentialReport', 'iam:GetAccountAuthorizationDetails', 'iam:GetCredentialReport', 'iam:List*', 'iam:Get*', 'organizations:List*', 'organizations:Describe*'])),
  },
  {
    name: 'PowerUserAccess',
    path: '/',
    description: 'Provides full access to AWS services and resources, but does not allow management of Users and groups.',
    document: policy(
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      allow(['iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization', 'account:ListRegions']),
    ),
  },
  {
    name: 'IAMFullAccess',
    path: '/',
    description: 'Provides full access to IAM via the AWS Management Console.',
    document: policy(allow(['iam:*', 'organizations:DescribeAccount', 'organizations:DescribeOrganization', 'organizations:ListAccounts'])),
  },
  {
    name: 'IAMReadOnlyAccess',
    path: '/',
    description: 'Provides read only access to IAM via the AWS Management Console.',
    document: policy(allow(['iam:GenerateCredentialReport', 'iam:GenerateServiceLastAccessedDetails', 'iam:Get*', 'iam:List*', 'iam:SimulateCustomPolicy', 'iam:SimulatePrincipalPolicy'])),
  },
  {
    name: 'AmazonS3ReadOnlyAccess',
    path: '/',
    description: 'Provides read only access to all buckets via the AWS Management Console.',
    document: policy(allow(['s3:Get*', 's3:List*', 's3:Describe*'])),
  },
  {
    name: 'AWSLambdaBasicExecutionRole',
    path: '/service-role/',
    description: 'Provides write permissions to CloudWatch Logs.',
    document: policy(allow(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'])),
  },
  {
    name: 'AmazonECSTaskExecutionRolePolicy',
    path: '/service-role/',
    description: 'Provides access to other AWS service resources that are required to run Amazon ECS tasks',
    document: policy(allow(['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage', 'logs:CreateLogStream', 'logs:PutLogEvents'])),
  },
  {
    name: 'AccessAnalyzerServiceRolePolicy',
    path: '/aws-service-role/',
    description: 'Allow Access Analyzer to analyze resource metadata',
    document: policy(allow(['iam:GetRole', 'iam:ListRoles', 's3:GetBucketPolicy', 's3:ListAllMyBuckets', 'kms:ListKeys', 'organizations:ListAccounts'])),
  },
  {
    name: 'AWSOrganizationsServiceTrustPolicy',
    path: '/aws-service-role/',
    description: 'Default policy for the AWS Organizations service linked role',
    document: policy(allow(['iam:DeleteRole'], 'arn:aws:iam::*:role/aws-service-role/organizations.amazonaws.com/*')),
  },
];

const AWS_MANAGED_CREATED = new Date('2015-02-06T18:39:46Z');
const AWS_MANAGED_UPDATED = new Date('2023-06-12T17:11:08Z');

export function buildAwsManagedPolicies(): ManagedPolicy[] {
  const rng = createRng('aws-managed-policies');
  return CATALOG.map((entry) => ({
    policyName: entry.name,
    policyId: makeIamId(rng, 'ANPA'),
    arn: awsManagedPolicyArn(entry.name, entry.path),
    path: entry.path,
    description: entry.description,
    createDate: AWS_MANAGED_CREATED,
    updateDate: AWS_MANAGED_UPDATED,
    awsManaged: true,
    versions: [{ versionId: 'v1', document: entry.document, isDefault: true, createDate: AWS_MANAGED_UPDATED }],
  }));
}

export function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The default version's document of a managed policy. */
export function defaultDocument(managed: ManagedPolicy): PolicyDocument | null {
  return managed.versions.find((version) => version.isDefault)?.document ?? null;
}
