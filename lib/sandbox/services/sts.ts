import 'server-only';

import { randomBytes } from 'node:crypto';

import { findAccount, type RequestContext } from '../context';
import { AwsError, validationError } from '../errors';
import type { QueryParams } from '../query-params';
import { isAccountUsable } from '../organization';
import { trustAllows } from '../trust-policy';
import type { XmlValue } from '../xml';
import { DAY_MS } from '@/lib/dates';

// STS over the query protocol: GetCallerIdentity and AssumeRole into the demo accounts. The
// temporary access key id is what later requests are routed by.

type Fields = { [key: string]: XmlValue | undefined | null };
type QueryHandler = (ctx: RequestContext, params: QueryParams) => Fields | null;

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const STS_VERSION = '2011-06-15';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function randomChars(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet.charAt(byte % alphabet.length);
  return out;
}

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

function accessDenied(ctx: RequestContext, roleArn: string): AwsError {
  return new AwsError(403, 'AccessDenied', `User: ${ctx.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
}

function assumeRole(ctx: RequestContext, params: QueryParams): Fields {
  const roleArn = params.required('RoleArn', 'roleArn');
  const sessionName = params.required('RoleSessionName', 'roleSessionName');
  if (roleArn.length < 20 || roleArn.length > 2048) {
    throw validationError(`1 validation error detected: Value '${roleArn}' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20`);
  }
  if (!SESSION_NAME.test(sessionName)) {
    throw validationError(`1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
  }
  const externalId = params.get('ExternalId');
  if (externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) {
    throw validationError(`1 validation error detected: Value '${externalId}' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*`);
  }
  const match = ROLE_ARN.exec(roleArn);
  if (!match) throw validationError(`${roleArn} is invalid`);
  const [, accountId, roleName] = match;
  const account = accountId ? findAccount(ctx.state, accountId) : undefined;
  const role = account?.roles.find((r) => r.arn === roleArn && r.roleName === roleName);
  // A missing role, and any role of a suspended or closing account, are denied alike (as AWS does).
  if (!account || !role || !isAccountUsable(account)) throw accessDenied(ctx, roleArn);

  const callerInOrg = (ctx.state.accounts.find((a) => a.id === ctx.caller.accountId)?.membership ?? null) !== null;
  const context: Record<string, string> = {
    'aws:principalaccount': ctx.caller.accountId,
    'aws:principalarn': ctx.caller.principalArns[0] ?? ctx.caller.arn,
    'aws:multifactorauthpresent': 'false',
  };
  if (externalId !== undefined) context['sts:externalid'] = externalId;
  if (callerInOrg) context['aws:principalorgid'] = ctx.state.organization.id;
  if (!trustAllows(role.trustPolicy, { accountId: ctx.caller.accountId, principalArns: ctx.caller.principalArns, context })) {
    throw accessDenied(ctx, roleArn);
  }

  const duration = params.int('DurationSeconds', 'durationSeconds', 900, 43200) ?? 3600;
  if (duration > role.maxSessionDuration) {
    throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  const accessKeyId = `ASIA${randomChars(BASE32, 16)}`;
  const expiration = new Date(Math.floor(ctx.now.getTime() / 1000) * 1000 + duration * 1000);
  for (const [key, session] of Object.entries(ctx.state.sessions)) {
    if (session.expiration && session.expiration.getTime() < ctx.now.getTime() - DAY_MS) delete ctx.state.sessions[key];
  }
  ctx.state.sessions[accessKeyId] = {
    accessKeyId,
    accountId: account.id,
    roleName: role.roleName,
    roleId: role.roleId,
    sessionName,
    expiration,
  };
  return {
    Credentials: {
      AccessKeyId: accessKeyId,
      SecretAccessKey: randomChars(SECRET_ALPHABET, 40),
      SessionToken: `IQoJb3JpZ2luX2VjE${randomChars(SECRET_ALPHABET, 300)}`,
      Expiration: expiration,
    },
    AssumedRoleUser: {
      AssumedRoleId: `${role.roleId}:${sessionName}`,
      Arn: `arn:aws:sts::${account.id}:assumed-role/${role.roleName}/${sessionName}`,
    },
  };
}

export const stsOperations: Record<string, QueryHandler> = {
  GetCallerIdentity: (ctx) => ({ UserId: ctx.caller.userId, Account: ctx.caller.accountId, Arn: ctx.caller.arn }),
  AssumeRole: assumeRole,
};
