import 'server-only';

import type { RequestContext } from '../context';
import { AwsError } from '../errors';
import { JsonInput } from '../json-input';
import type { JsonObject } from '../model';
import type { JsonHandler } from './cloudtrail';

// AWS Organizations over JSON 1.1 (X-Amz-Target: AWSOrganizationsV20161128.*). The management
// account sees the policies; members are denied; a standalone account is not in an organization.

const POLICY_TYPES = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'TAG_POLICY', 'BACKUP_POLICY', 'AISERVICES_OPT_OUT_POLICY', 'CHATBOT_POLICY', 'DECLARATIVE_POLICY_EC2', 'SECURITYHUB_POLICY'];

function invalidInput(reason: string, message: string): AwsError {
  return new AwsError(400, 'InvalidInputException', message, { fields: { Reason: reason } });
}

function requireOrganization(ctx: RequestContext): void {
  if (ctx.account.role === 'standalone') {
    throw new AwsError(400, 'AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
  }
}

function requireManagement(ctx: RequestContext): void {
  requireOrganization(ctx);
  if (ctx.account.role !== 'management' && !ctx.account.delegatedPolicyAdministrator) {
    throw new AwsError(400, 'AccessDeniedException', "You don't have permissions to access this resource.");
  }
}

function listPolicies(ctx: RequestContext, body: JsonObject): JsonObject {
  const args = new JsonInput(body, (_field, message) => invalidInput('INVALID_INPUT', message));
  const filter = args.string('Filter', { max: 64 });
  if (filter === undefined || !POLICY_TYPES.includes(filter)) {
    throw invalidInput('INVALID_ENUM', `You specified an invalid value for Filter. Valid values: ${POLICY_TYPES.join(', ')}.`);
  }
  const maxResults = args.raw('MaxResults');
  if (maxResults !== undefined && maxResults !== null && (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 20)) {
    throw invalidInput('INVALID_INPUT', 'MaxResults must be between 1 and 20.');
  }
  requireManagement(ctx);
  // The organization's policies live with the management account; a delegated administrator sees the same.
  const management = ctx.state.accounts.find((a) => a.role === 'management');
  const policies = filter === 'SERVICE_CONTROL_POLICY' ? (management?.serviceControlPolicies ?? []) : [];
  const pageSize = typeof maxResults === 'number' ? maxResults : 20;
  const scope = `org:ListPolicies:${ctx.account.id}:${filter}`;
  let offset = 0;
  const token = args.string('NextToken', { max: 4096 });
  if (token !== undefined) {
    const o = ctx.tokens.decode(scope, token)?.o;
    if (typeof o !== 'number') throw invalidInput('INVALID_PAGINATION_TOKEN', 'The pagination token is not valid.');
    offset = o;
  }
  const items = policies.slice(offset, offset + pageSize);
  const next = offset + items.length;
  const out: JsonObject = {
    Policies: items.map((policy) => ({
      Id: policy.id,
      Arn: policy.arn,
      Name: policy.name,
      Description: policy.description,
      Type: 'SERVICE_CONTROL_POLICY',
      AwsManaged: policy.awsManaged,
    })),
  };
  if (next < policies.length) out.NextToken = ctx.tokens.encode(scope, { o: next });
  return out;
}

function describeOrganization(ctx: RequestContext): JsonObject {
  requireOrganization(ctx);
  const org = ctx.state.organization;
  return {
    Organization: {
      Id: org.id,
      Arn: org.arn,
      FeatureSet: 'ALL',
      MasterAccountArn: `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${org.managementAccountId}`,
      MasterAccountId: org.managementAccountId,
      MasterAccountEmail: org.managementAccountEmail,
      AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
    },
  };
}

export const organizationsOperations: Record<string, JsonHandler> = {
  ListPolicies: listPolicies,
  DescribeOrganization: (ctx) => describeOrganization(ctx),
};
