import 'server-only';
import { MovableClock, currentClock } from '@/lib/clock';

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { findAccount, type Caller, type RequestContext } from './context';
import { AwsError } from './errors';
import { FaultController, type FaultOutcome, type FaultSpec } from './faults';
import { generateDemoState } from './generate';
import { parseJsonObject } from './json-input';
import type { AccountRole, AccountState, IamUser, JsonObject, OrganizationAccountStatus, OrganizationOptions, SandboxCredentials, SandboxScale, SandboxState } from './model';
import { ACCESS_ANALYZER_PRINCIPAL, isAccountUsable, organizationAccounts } from './organization';
import {
  addMemberAccount,
  deleteMemberRole,
  describeMember,
  moveAccount,
  removeAccountFromOrganization,
  setAccountStatus,
  type NewMemberAccount,
  type OrganizationMemberInfo,
} from './organization-control';
import { QueryParams } from './query-params';
import { accessAnalyzerRoutes, type RestRoute } from './services/access-analyzer';
import { accountRoutes, describeRegionsXml, ec2ErrorXml } from './services/regions';
import { cloudTrailOperations, type JsonHandler } from './services/cloudtrail';
import { getMalformedCredentialReport, IAM_NAMESPACE, iamOperations, type QueryHandler } from './services/iam';
import { organizationsOperations } from './services/organizations';
import { STS_NAMESPACE, stsOperations } from './services/sts';
import { TokenCodec } from './tokens';
import { escapeXml, queryErrorResponse, queryResponse } from './xml';

// The sandbox: one loopback port speaking the AWS wire protocols Warden uses. Requests are routed
// by the service named in the SigV4 credential scope (iam, sts, access-analyzer, cloudtrail,
// organizations) and act in the account their access key belongs to (base credentials: the
// management account; AssumeRole credentials: the role's account). Signatures are not verified.
//
// A control API under /_sandbox/ (unsigned requests only, Host must be the loopback endpoint)
// lets tests drive a standalone instance: GET /_sandbox/info, GET|POST|DELETE /_sandbox/faults,
// GET|DELETE /_sandbox/calls, POST /_sandbox/clock {"advanceMs": n}, and the organization changes
// (organization-control.ts; the same as the Sandbox methods of the same names):
//   POST   /_sandbox/organization/accounts               {name?, email?, parentId? | ouPath?, memberRole?, joinedMethod?}
//   DELETE /_sandbox/organization/accounts/{id}          remove it from the organization
//   PUT    /_sandbox/organization/accounts/{id}/status   {"status": "SUSPENDED" | "PENDING_CLOSURE" | "ACTIVE"}
//   PUT    /_sandbox/organization/accounts/{id}/parent   {parentId? | ouPath?}
//   DELETE /_sandbox/accounts/{id}/member-role           delete the member role (WardenAuditRole)

export interface StartSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  seed?: number;
  /** Adds the acme-scale benchmark account (missing fields default to BASE_SCALE). */
  scale?: Partial<SandboxScale>;
  faults?: (FaultSpec | string)[];
  /** The sandbox clock's starting time; it then advances in real time. Ignored when `clock` is given. */
  now?: Date;
  /** The clock to share (tests: the test clock, so that `advanceClock` moves Warden's "now" too).
   * Default: the clock in effect when it is movable (tests), else a clock of its own from `now`. */
  clock?: MovableClock;
  /** Further IAM users in the management account (GenerateOptions.extraUserNames). */
  extraUserNames?: readonly string[];
  /**
   * Generated member accounts beside the demo accounts, in OUs, reached through one member role
   * (see generate-organization.ts). Without it the organization holds the demo accounts only.
   */
  organization?: OrganizationOptions;
  /**
   * Awaited before each signed call is answered (after its faults): demo mode brings the finding
   * statuses in step with what other instances changed (lib/demo/finding-status.ts).
   */
  beforeCall?: (call: { service: string; operation: string; state: SandboxState }) => Promise<void>;
}

/**
 * How to point Warden at the generated organization (null without the organization option): the
 * base credentials act in the management account, which lists the accounts; every member is
 * entered through `memberRoleName` with `memberRoleExternalId`.
 */
export interface SandboxOrganizationInfo {
  id: string;
  rootId: string;
  managementAccountId: string;
  /** WARDEN_MEMBER_ROLE_NAME: the role in every member (missing in a few, on purpose). */
  memberRoleName: string;
  /** The ExternalId the member role requires, or null. */
  memberRoleExternalId: string | null;
  /** The delegated administrator for IAM Access Analyzer, which runs the ORGANIZATION analyzers. */
  analyzerAdministratorAccountId: string | null;
  /** The ORGANIZATION analyzers' ARNs by region. */
  organizationAnalyzerArns: Record<string, string>;
  /** Accounts in the organization at start, the management account included. */
  accountCount: number;
  organizationalUnitCount: number;
}

export interface DemoAccountInfo {
  id: string;
  name: string;
  email: string;
  role: AccountRole;
  description: string;
  /** AssumeRole target for reaching this account from the base credentials. */
  roleArn: string;
  /** ExternalId the role's trust policy requires, or null. */
  externalId: string | null;
  /** True for the account the base credentials act in (no AssumeRole needed). */
  usesBaseCredentials: boolean;
}

export interface Sandbox {
  endpoint: string;
  port: number;
  region: string;
  regions: string[];
  /** The accounts the demo plan names by hand (the demo accounts); generated members are left to discovery. */
  accounts: DemoAccountInfo[];
  /** Set with the organization option: what Warden needs to discover and enter the members. */
  organization: SandboxOrganizationInfo | null;
  credentials: SandboxCredentials;
  state: SandboxState;
  /** A new member account joins the organization now (in `parentId` or `ouPath`, with the member role unless `memberRole: false`). */
  addMemberAccount(spec?: NewMemberAccount): OrganizationMemberInfo;
  /** RemoveAccountFromOrganization: the account becomes standalone and leaves the organization analyzers' findings. */
  removeAccountFromOrganization(accountId: string): void;
  /** SUSPENDED (closed) or PENDING_CLOSURE: AssumeRole into it is denied; ACTIVE undoes it. */
  setAccountStatus(accountId: string, status: OrganizationAccountStatus): void;
  /** Deletes the account's member role (WardenAuditRole): AssumeRole is then denied. */
  deleteMemberRole(accountId: string): void;
  /** MoveAccount to another OU (or the root). */
  moveAccount(accountId: string, to: { parentId?: string; ouPath?: string }): OrganizationMemberInfo;
  /** An account in the organization as the control operations describe it. */
  organizationMember(accountId: string): OrganizationMemberInfo;
  setFault(spec: FaultSpec | string): void;
  clearFaults(): void;
  faults(): FaultSpec[];
  /** Calls received, by "service:Operation" (e.g. "iam:GetCredentialReport"), faulted ones included. */
  callCounts(): Record<string, number>;
  resetCallCounts(): void;
  /** The sandbox clock (credential report age, session expiry, LookupEvents' window). */
  now(): Date;
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_REGION = 'us-east-1';

type Protocol = 'query' | 'ec2' | 'json' | 'rest-json';

const SERVICE_PROTOCOL: Record<string, Protocol> = {
  iam: 'query',
  sts: 'query',
  'access-analyzer': 'rest-json',
  cloudtrail: 'json',
  organizations: 'json',
  account: 'rest-json',
  ec2: 'ec2',
};

const REST_ROUTES: Record<string, RestRoute[]> = {
  'access-analyzer': accessAnalyzerRoutes,
  account: accountRoutes,
};

const QUERY_SERVICES: Record<string, { namespace: string; operations: Record<string, QueryHandler> }> = {
  iam: { namespace: IAM_NAMESPACE, operations: iamOperations },
  sts: { namespace: STS_NAMESPACE, operations: stsOperations },
};

const JSON_SERVICES: Record<string, { target: string; operations: Record<string, JsonHandler> }> = {
  cloudtrail: { target: 'CloudTrail_20131101', operations: cloudTrailOperations },
  organizations: { target: 'AWSOrganizationsV20161128', operations: organizationsOperations },
};

/** A record lookup by request-controlled key that never reaches Object.prototype. */
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

interface Scope {
  accessKeyId: string;
  region: string;
  service: string;
}

const AUTHORIZATION = /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]{1,128})\/(\d{8})\/([^/\s,]{1,64})\/([^/\s,]{1,64})\/aws4_request\s*,/;

function parseAuthorization(header: string | undefined): Scope | null {
  if (!header) return null;
  const match = AUTHORIZATION.exec(header);
  if (!match) return null;
  const [, accessKeyId, , region, service] = match;
  if (!accessKeyId || !region || !service) return null;
  return { accessKeyId, region, service };
}

function guessProtocol(req: IncomingMessage): Protocol {
  if (req.headers['x-amz-target']) return 'json';
  if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return 'query';
  return 'rest-json';
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Announce more bytes than are sent, then drop the connection (malformed, for bodiless outputs). */
  truncated?: boolean;
}

function errorReply(protocol: Protocol, service: string, error: AwsError, requestId: string): Reply {
  if (protocol === 'ec2') {
    return { status: error.status, headers: { 'content-type': 'text/xml', ...error.headers }, body: ec2ErrorXml(error.code, error.message, requestId) };
  }
  if (protocol === 'query') {
    const namespace = service === 'sts' ? STS_NAMESPACE : IAM_NAMESPACE;
    return { status: error.status, headers: { 'content-type': 'text/xml', ...error.headers }, body: queryErrorResponse(namespace, { type: error.type, code: error.code, message: error.message }, requestId) };
  }
  if (protocol === 'json') {
    const body: JsonObject = { __type: error.code, Message: error.message, ...error.fields };
    return { status: error.status, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': error.code, ...error.headers }, body: JSON.stringify(body) };
  }
  const body: JsonObject = { message: error.message, ...error.fields };
  return { status: error.status, headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.code, ...error.headers }, body: JSON.stringify(body) };
}

function unknownOperation(protocol: Protocol, what: string): AwsError {
  if (protocol === 'query' || protocol === 'ec2') return new AwsError(400, 'InvalidAction', `Could not find operation ${what}`);
  if (protocol === 'json') return new AwsError(400, 'UnknownOperationException', `Unknown operation ${what}`);
  return new AwsError(404, 'UnknownOperationException', `Unknown operation ${what}`);
}

/** A key or session that no longer works, in each protocol's words. */
function invalidToken(protocol: Protocol): AwsError {
  return protocol === 'query'
    ? new AwsError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.')
    : new AwsError(protocol === 'json' ? 400 : 403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
}

/** The identity of a request signed with a role session's credentials. */
function assumedRoleCaller(account: AccountState, role: { roleName: string; roleId: string; arn: string }, sessionName: string): Caller {
  return {
    accountId: account.id,
    arn: `arn:aws:sts::${account.id}:assumed-role/${role.roleName}/${sessionName}`,
    userId: `${role.roleId}:${sessionName}`,
    kind: 'assumed-role',
    principalArns: [role.arn],
    userName: null,
  };
}

/** Per-service error codes for the fault kinds. */
function faultError(protocol: Protocol, service: string, operation: string, kind: 'throttle' | 'error' | 'unavailable' | 'deny', caller: Caller, region: string): AwsError {
  // The V2 finding operations are authorised by the IAM actions of their V1 names, as in AWS.
  const iamOperation = service === 'access-analyzer' ? operation.replace(/^(ListFindings|GetFinding)V2$/, '$1') : operation;
  const action = `${service}:${iamOperation}`;
  const deniedMessage = `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${service === 'access-analyzer' ? `arn:aws:access-analyzer:${region}:${caller.accountId}:*` : '*'} because no identity-based policy allows the ${action} action`;
  if (protocol === 'ec2') {
    if (kind === 'throttle') return new AwsError(503, 'RequestLimitExceeded', 'Request limit exceeded.');
    if (kind === 'deny') return new AwsError(403, 'UnauthorizedOperation', `You are not authorized to perform this operation. User: ${caller.arn} is not authorized to perform: ${action}`);
    if (kind === 'unavailable') return new AwsError(503, 'Unavailable', 'The server is overloaded and can\'t handle the request.');
    return new AwsError(500, 'InternalError', 'An internal error has occurred.');
  }
  switch (kind) {
    case 'throttle':
      if (protocol === 'query') return new AwsError(400, 'Throttling', 'Rate exceeded');
      if (service === 'account') return new AwsError(429, 'TooManyRequestsException', 'Rate exceeded');
      if (service === 'access-analyzer') return new AwsError(429, 'ThrottlingException', 'Rate exceeded', { headers: { 'retry-after': '1' } });
      if (service === 'organizations') return new AwsError(400, 'TooManyRequestsException', 'You have sent too many requests in too short a period of time. The quota helps protect against denial-of-service attacks. Try again later.', { fields: { Type: 'ACCOUNT' } });
      return new AwsError(400, 'ThrottlingException', 'Rate exceeded');
    case 'deny':
      if (protocol === 'query') return new AwsError(403, 'AccessDenied', deniedMessage);
      if (service === 'access-analyzer' || service === 'account') return new AwsError(403, 'AccessDeniedException', deniedMessage);
      return new AwsError(400, 'AccessDeniedException', deniedMessage);
    case 'unavailable':
      return new AwsError(503, 'ServiceUnavailable', 'Service is unavailable. Please try again later.');
    case 'error':
      if (service === 'access-analyzer') return new AwsError(500, 'InternalServerException', 'Internal server error', { headers: { 'retry-after': '1' } });
      if (service === 'organizations') return new AwsError(500, 'ServiceException', 'AWS Organizations can\'t complete your request because of an internal service error. Try again later.');
      return new AwsError(500, 'InternalFailure', 'We encountered an internal error. Please try again.');
  }
}

/** Operations whose output has no body: the SDK never parses it, so "malformed" breaks the framing. */
const BODILESS_OUTPUTS = new Set(['UpdateFindings']);

function malformedReply(protocol: Protocol, operation: string, service: string): Reply {
  if (BODILESS_OUTPUTS.has(operation)) {
    return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"', truncated: true };
  }
  if (protocol === 'query') {
    const namespace = service === 'sts' ? STS_NAMESPACE : IAM_NAMESPACE;
    return { status: 200, headers: { 'content-type': 'text/xml' }, body: `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${escapeXml(namespace)}"><${operation}Result><IsTruncated>fal` };
  }
  return { status: 200, headers: { 'content-type': protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json' }, body: '{"truncated": [{"id": "0000' };
}

/** The faults that answer instead of the operation: a broken body, or a proxy's HTML error page. */
function cannedReply(kind: 'malformed' | 'html-error', protocol: Protocol, operation: string, service: string): Reply {
  if (kind === 'html-error') {
    return { status: 500, headers: { 'content-type': 'text/html' }, body: '<html><head><title>500 Internal Server Error</title></head><body><h1>500 Internal Server Error</h1></body></html>' };
  }
  return malformedReply(protocol, operation, service);
}

type BodyResult = { ok: true; text: string } | { ok: false };

function readBody(req: IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        if (size > MAX_BODY_BYTES * 16) req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? { ok: false } : { ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', reject);
  });
}

function indexUserKeys(state: SandboxState): Map<string, { account: AccountState; user: IamUser | null }> {
  const index = new Map<string, { account: AccountState; user: IamUser | null }>();
  for (const account of state.accounts) {
    for (const user of account.users) for (const key of user.accessKeys) index.set(key.accessKeyId, { account, user });
    for (const key of account.root.accessKeys) index.set(key.accessKeyId, { account, user: null });
  }
  return index;
}

class SandboxServer {
  readonly faults = new FaultController();
  readonly tokens = new TokenCodec();
  private readonly counts = new Map<string, number>();
  private readonly userKeys: Map<string, { account: AccountState; user: IamUser | null }>;
  port = 0;

  constructor(
    readonly state: SandboxState,
    private readonly clock: MovableClock,
    private readonly beforeCall: StartSandboxOptions['beforeCall'] = undefined,
  ) {
    this.userKeys = indexUserKeys(state);
  }

  addMemberAccount(spec: NewMemberAccount): OrganizationMemberInfo {
    const added = addMemberAccount(this.state, spec, this.now());
    const account = findAccount(this.state, added.id);
    for (const user of account?.users ?? []) for (const key of user.accessKeys) if (account) this.userKeys.set(key.accessKeyId, { account, user });
    return added;
  }

  organizationMember(accountId: string): OrganizationMemberInfo {
    const account = findAccount(this.state, accountId);
    if (!account) throw new Error(`no account ${accountId} in the sandbox`);
    return describeMember(this.state, account);
  }

  now(): Date {
    return this.clock.now();
  }

  advanceClock(ms: number): void {
    this.clock.advance(ms);
  }

  callCounts(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  resetCallCounts(): void {
    this.counts.clear();
  }

  private count(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  private baseCaller(): { caller: Caller; account: AccountState } {
    const session = this.state.baseSession;
    const account = findAccount(this.state, session.accountId);
    const role = account?.roles.find((r) => r.roleName === session.roleName);
    if (!account || !role) throw new Error('base session account or role missing');
    return { account, caller: assumedRoleCaller(account, role, session.sessionName) };
  }

  /** Who signed the request, and which account it acts in. */
  private resolveCaller(protocol: Protocol, accessKeyId: string): { caller: Caller; account: AccountState } {
    const session = own(this.state.sessions, accessKeyId);
    if (session) {
      if (session.expiration && session.expiration.getTime() <= this.now().getTime()) {
        throw protocol === 'query'
          ? new AwsError(403, 'ExpiredToken', 'The security token included in the request is expired')
          : new AwsError(protocol === 'json' ? 400 : 403, 'ExpiredTokenException', 'The security token included in the request is expired');
      }
      const account = findAccount(this.state, session.accountId);
      const role = account?.roles.find((r) => r.roleName === session.roleName);
      // The role was deleted, or the account suspended or closing, since the session began.
      if (!account || !role || !isAccountUsable(account)) throw invalidToken(protocol);
      return { account, caller: assumedRoleCaller(account, role, session.sessionName) };
    }
    const owned = this.userKeys.get(accessKeyId);
    if (owned) {
      const key = owned.user ? owned.user.accessKeys.find((k) => k.accessKeyId === accessKeyId) : owned.account.root.accessKeys.find((k) => k.accessKeyId === accessKeyId);
      if (!key || key.status !== 'Active' || !isAccountUsable(owned.account)) throw invalidToken(protocol);
      if (owned.user) {
        return {
          account: owned.account,
          caller: { accountId: owned.account.id, arn: owned.user.arn, userId: owned.user.userId, kind: 'user', principalArns: [owned.user.arn], userName: owned.user.userName },
        };
      }
      return {
        account: owned.account,
        caller: { accountId: owned.account.id, arn: owned.account.root.arn, userId: owned.account.id, kind: 'root', principalArns: [owned.account.root.arn], userName: null },
      };
    }
    return this.baseCaller();
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    let protocol: Protocol = guessProtocol(req);
    let service = '';
    let reply: Reply;
    try {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const scope = parseAuthorization(req.headers.authorization);
      if (url.pathname.startsWith('/_sandbox/') && !req.headers.authorization) {
        reply = this.control(req, url, body);
      } else if (!body.ok) {
        throw new AwsError(413, 'RequestEntityTooLarge', `Request body exceeds ${MAX_BODY_BYTES} bytes`);
      } else if (!scope) {
        throw protocol === 'query'
          ? new AwsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token')
          : new AwsError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
      } else {
        service = scope.service;
        const known = own(SERVICE_PROTOCOL, service);
        if (!known) throw unknownOperation(protocol, `for service ${service}`);
        protocol = known;
        if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(scope.region)) {
          throw new AwsError(400, protocol === 'query' ? 'IncompleteSignature' : 'IncompleteSignatureException', `Credential should be scoped to a valid region, not '${scope.region}'.`);
        }
        const { caller, account } = this.resolveCaller(protocol, scope.accessKeyId);
        const ctxBase = { state: this.state, account, region: scope.region, caller, requestId, tokens: this.tokens };
        reply = await this.dispatch(protocol, service, req, url, body.text, ctxBase);
      }
    } catch (error) {
      const awsError = error instanceof AwsError ? error : new AwsError(500, protocol === 'query' ? 'InternalFailure' : 'InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.');
      if (!(error instanceof AwsError)) console.error('[sandbox] unexpected error', error);
      reply = errorReply(protocol, service, awsError, requestId);
    }
    if (res.writableEnded || res.destroyed) return;
    const payload = Buffer.from(reply.body, 'utf8');
    res.writeHead(reply.status, {
      ...reply.headers,
      'x-amzn-requestid': requestId,
      'content-length': String(payload.length + (reply.truncated ? 64 : 0)),
      date: this.now().toUTCString(),
    });
    if (reply.truncated) {
      res.write(payload, () => res.destroy());
      return;
    }
    res.end(payload);
  }

  private async guard(protocol: Protocol, service: string, operation: string, ctx: Omit<RequestContext, 'now'>): Promise<FaultOutcome> {
    this.count(`${service}:${operation}`);
    const outcome = await this.faults.apply({ service, operation, accountId: ctx.account.id, region: ctx.region }, () => Date.now());
    if (outcome.action === 'fail') throw faultError(protocol, service, operation, outcome.kind, ctx.caller, ctx.region);
    await this.beforeCall?.({ service, operation, state: this.state });
    return outcome;
  }

  private async dispatch(protocol: Protocol, service: string, req: IncomingMessage, url: URL, text: string, base: Omit<RequestContext, 'now'>): Promise<Reply> {
    if (protocol === 'ec2') {
      const params = new URLSearchParams(text);
      const action = params.get('Action') ?? '';
      if (action !== 'DescribeRegions') {
        this.count(`ec2:${/^[A-Za-z0-9]{1,128}$/.test(action) ? action : 'Unknown'}`);
        throw new AwsError(400, 'InvalidAction', `The action ${action.slice(0, 128)} is not valid for this web service.`);
      }
      const outcome = await this.guard(protocol, service, action, base);
      if (outcome.action === 'malformed' || outcome.action === 'html-error') return cannedReply(outcome.action, protocol, action, service);
      return { status: 200, headers: { 'content-type': 'text/xml' }, body: describeRegionsXml({ ...base, now: this.now() }, new QueryParams(params), base.requestId) };
    }
    if (protocol === 'query') {
      const definition = own(QUERY_SERVICES, service);
      const params = new URLSearchParams(text);
      for (const [key, value] of url.searchParams) if (!params.has(key)) params.set(key, value);
      const action = params.get('Action') ?? '';
      const handler = definition ? own(definition.operations, action) : undefined;
      if (!definition || !handler || !/^[A-Za-z0-9]{1,128}$/.test(action)) {
        this.count(`${service}:${/^[A-Za-z0-9]{1,128}$/.test(action) ? action : 'Unknown'}`);
        throw new AwsError(400, 'InvalidAction', `Could not find operation ${action} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`);
      }
      const outcome = await this.guard(protocol, service, action, base);
      if (outcome.action === 'malformed' || outcome.action === 'html-error') return cannedReply(outcome.action, protocol, action, service);
      const ctx: RequestContext = { ...base, now: this.now() };
      const result = outcome.action === 'malformed-report' ? getMalformedCredentialReport(ctx) : handler(ctx, new QueryParams(params));
      return { status: 200, headers: { 'content-type': 'text/xml' }, body: queryResponse(action, definition.namespace, result, base.requestId) };
    }

    if (protocol === 'json') {
      const definition = own(JSON_SERVICES, service);
      const target = String(req.headers['x-amz-target'] ?? '');
      const dot = target.lastIndexOf('.');
      const prefix = target.slice(0, dot);
      const operation = target.slice(dot + 1);
      const handler = definition && prefix === definition.target ? own(definition.operations, operation) : undefined;
      if (!handler) {
        this.count(`${service}:${/^[A-Za-z0-9]{1,128}$/.test(operation) ? operation : 'Unknown'}`);
        throw unknownOperation(protocol, target.slice(0, 200));
      }
      const body = parseJsonObject(text);
      if (!body) throw new AwsError(400, 'SerializationException', 'Start of structure or map found where not expected.');
      const outcome = await this.guard(protocol, service, operation, base);
      if (outcome.action === 'malformed' || outcome.action === 'html-error') return cannedReply(outcome.action, protocol, operation, service);
      const result = handler({ ...base, now: this.now() }, body);
      return { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(result) };
    }

    const method = req.method ?? 'GET';
    for (const route of own(REST_ROUTES, service) ?? []) {
      if (route.method !== method) continue;
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      const pathParams: Record<string, string> = {};
      for (const [name, value] of Object.entries(match.groups ?? {})) {
        try {
          pathParams[name] = decodeURIComponent(value);
        } catch {
          throw new AwsError(400, 'ValidationException', `Invalid path parameter ${name}`, { fields: { reason: 'cannotParse', fieldList: [] } });
        }
      }
      const body = method === 'GET' ? {} : parseJsonObject(text);
      if (!body) throw new AwsError(400, 'ValidationException', 'Request body is not a JSON object', { fields: { reason: 'cannotParse', fieldList: [] } });
      const outcome = await this.guard(protocol, service, route.operation, base);
      if (outcome.action === 'malformed' || outcome.action === 'html-error') return cannedReply(outcome.action, protocol, route.operation, service);
      const result = route.handler({ ...base, now: this.now() }, { pathParams, query: url.searchParams, body });
      return result === null
        ? { status: 200, headers: {}, body: '' }
        : { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) };
    }
    this.count(`${service}:Unknown`);
    throw unknownOperation(protocol, `${method} ${url.pathname.slice(0, 200)}`);
  }

  info(): JsonObject {
    return {
      endpoint: `http://127.0.0.1:${this.port}`,
      region: DEFAULT_REGION,
      regions: [...this.state.regions],
      credentials: { ...this.state.baseCredentials },
      accounts: describeAccounts(this.state).map((account) => ({ ...account })),
      organization: (() => {
        const organization = describeOrganization(this.state);
        return organization ? { ...organization, organizationAnalyzerArns: { ...organization.organizationAnalyzerArns } } : null;
      })(),
    };
  }

  /** The organization control routes (see the header); null when the path is not one of them. */
  private organizationControl(method: string, path: string, parsed: JsonObject | null): JsonObject | null {
    const body = parsed ?? {};
    const text = (name: string): string | undefined => {
      const value = body[name];
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'string') throw new Error(`${name} must be a string`);
      return value;
    };
    const target = () => ({ ...(text('parentId') === undefined ? {} : { parentId: text('parentId') }), ...(text('ouPath') === undefined ? {} : { ouPath: text('ouPath') }) });
    if (method === 'POST' && path === '/_sandbox/organization/accounts') {
      const memberRole = body.memberRole;
      if (memberRole !== undefined && typeof memberRole !== 'boolean') throw new Error('memberRole must be a boolean');
      const joinedMethod = text('joinedMethod');
      if (joinedMethod !== undefined && joinedMethod !== 'CREATED' && joinedMethod !== 'INVITED') throw new Error('joinedMethod must be CREATED or INVITED');
      const spec: NewMemberAccount = { ...target() };
      const name = text('name');
      const email = text('email');
      if (name !== undefined) spec.name = name;
      if (email !== undefined) spec.email = email;
      if (memberRole !== undefined) spec.memberRole = memberRole;
      if (joinedMethod !== undefined) spec.joinedMethod = joinedMethod;
      return { account: { ...this.addMemberAccount(spec) } };
    }
    const account = /^\/_sandbox\/organization\/accounts\/(\d{12})(\/status|\/parent)?$/.exec(path);
    if (account?.[1]) {
      const id = account[1];
      if (method === 'DELETE' && account[2] === undefined) {
        removeAccountFromOrganization(this.state, id);
        return { removed: id };
      }
      if (method === 'PUT' && account[2] === '/status') {
        const status = text('status');
        if (status !== 'ACTIVE' && status !== 'SUSPENDED' && status !== 'PENDING_CLOSURE') throw new Error('status must be ACTIVE, SUSPENDED or PENDING_CLOSURE');
        setAccountStatus(this.state, id, status);
        return { account: { ...this.organizationMember(id) } };
      }
      if (method === 'PUT' && account[2] === '/parent') return { account: { ...moveAccount(this.state, id, target()) } };
      if (method === 'GET' && account[2] === undefined) return { account: { ...this.organizationMember(id) } };
    }
    const role = /^\/_sandbox\/accounts\/(\d{12})\/member-role$/.exec(path);
    if (role?.[1] && method === 'DELETE') {
      deleteMemberRole(this.state, role[1]);
      return { deleted: role[1] };
    }
    return null;
  }

  private control(req: IncomingMessage, url: URL, body: BodyResult): Reply {
    const json = (status: number, value: JsonObject | JsonObject[]): Reply => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${this.port}` && host !== `localhost:${this.port}`) return json(403, { error: 'control requests must address the loopback endpoint' });
    const method = req.method ?? 'GET';
    if ((method === 'POST' || method === 'PUT') && !(req.headers['content-type'] ?? '').startsWith('application/json')) return json(415, { error: 'content-type must be application/json' });
    if (!body.ok) return json(413, { error: 'body too large' });
    try {
      switch (`${method} ${url.pathname}`) {
        case 'GET /_sandbox/info':
          return json(200, this.info());
        case 'GET /_sandbox/faults':
          return json(200, { faults: this.faults.list().map((f) => ({ ...f })) });
        case 'POST /_sandbox/faults': {
          const parsed: unknown = JSON.parse(body.text === '' ? 'null' : body.text);
          const specs = Array.isArray(parsed) ? parsed : [parsed];
          for (const spec of specs) this.faults.set(typeof spec === 'string' ? spec : (spec as FaultSpec));
          return json(200, { faults: this.faults.list().map((f) => ({ ...f })) });
        }
        case 'DELETE /_sandbox/faults':
          this.faults.clear();
          return json(200, { faults: [] });
        case 'GET /_sandbox/calls':
          return json(200, { calls: this.callCounts() });
        case 'DELETE /_sandbox/calls':
          this.resetCallCounts();
          return json(200, { calls: {} });
        case 'POST /_sandbox/clock': {
          const parsed = parseJsonObject(body.text);
          const advanceMs = parsed?.advanceMs;
          if (typeof advanceMs !== 'number') return json(400, { error: 'advanceMs must be a number' });
          this.advanceClock(advanceMs);
          return json(200, { now: this.now().toISOString() });
        }
        default: {
          const parsed = body.text.trim() === '' ? {} : parseJsonObject(body.text);
          if (parsed === null) return json(400, { error: 'body must be a JSON object' });
          const result = this.organizationControl(method, url.pathname, parsed);
          return result ? json(200, result) : json(404, { error: `no control route ${method} ${url.pathname}` });
        }
      }
    } catch (error) {
      return json(400, { error: error instanceof Error ? error.message : 'invalid request' });
    }
  }
}

/** The hand-configured (demo) accounts, as today: generated and control-added members are not listed. */
export function describeAccounts(state: SandboxState): DemoAccountInfo[] {
  return state.accounts.filter((account) => account.handConfigured).map((account) => ({
    id: account.id,
    name: account.name,
    email: account.email,
    role: account.role,
    description: account.description,
    roleArn: account.auditRole?.roleArn ?? `arn:aws:iam::${account.id}:role/WardenAuditRole`,
    externalId: account.auditRole?.externalId ?? null,
    usesBaseCredentials: account.id === state.baseSession.accountId,
  }));
}

/** What Warden needs to discover the generated organization; null without the organization option. */
export function describeOrganization(state: SandboxState): SandboxOrganizationInfo | null {
  const org = state.organization;
  if (!org.memberRole) return null;
  const admin = org.delegatedAdministrators.find((d) => d.servicePrincipal === ACCESS_ANALYZER_PRINCIPAL)?.accountId ?? null;
  const analyzers = state.accounts.find((a) => a.id === admin)?.analyzers.filter((a) => a.type === 'ORGANIZATION') ?? [];
  return {
    id: org.id,
    rootId: org.rootId,
    managementAccountId: org.managementAccountId,
    memberRoleName: org.memberRole.roleName,
    memberRoleExternalId: org.memberRole.externalId,
    analyzerAdministratorAccountId: admin,
    organizationAnalyzerArns: Object.fromEntries(analyzers.map((a) => [a.region, a.arn])),
    accountCount: organizationAccounts(state).length,
    organizationalUnitCount: org.organizationalUnits.length,
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function sandboxClock(options: StartSandboxOptions): MovableClock {
  if (options.clock) return options.clock;
  const current = currentClock();
  if (!options.now && current instanceof MovableClock) return current;
  return new MovableClock(options.now ?? current.now());
}

export async function startSandbox(options: StartSandboxOptions = {}): Promise<Sandbox> {
  const clock = sandboxClock(options);
  // The demo data is generated as of the clock's "now", and every reply is stamped by the same clock:
  // nothing the sandbox serves lies ahead of the time it tells.
  const state = generateDemoState({ seed: options.seed, now: clock.now(), scale: options.scale ?? null, extraUserNames: options.extraUserNames, organization: options.organization ?? null });
  const sandbox = new SandboxServer(state, clock, options.beforeCall);
  for (const fault of options.faults ?? []) sandbox.faults.set(fault);
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    sandbox.handle(req, res).catch((error: unknown) => {
      console.error('[sandbox] request failed', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ __type: 'InternalFailure', message: 'internal error' }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 60_000;
  const port = await listen(server, options.port ?? 0);
  sandbox.port = port;
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    port,
    region: DEFAULT_REGION,
    regions: [...state.regions],
    accounts: describeAccounts(state),
    organization: describeOrganization(state),
    credentials: { ...state.baseCredentials },
    state,
    addMemberAccount: (spec = {}) => sandbox.addMemberAccount(spec),
    removeAccountFromOrganization: (accountId) => removeAccountFromOrganization(state, accountId),
    setAccountStatus: (accountId, status) => setAccountStatus(state, accountId, status),
    deleteMemberRole: (accountId) => deleteMemberRole(state, accountId),
    moveAccount: (accountId, to) => moveAccount(state, accountId, to),
    organizationMember: (accountId) => sandbox.organizationMember(accountId),
    setFault: (spec) => sandbox.faults.set(spec),
    clearFaults: () => sandbox.faults.clear(),
    faults: () => sandbox.faults.list(),
    callCounts: () => sandbox.callCounts(),
    resetCallCounts: () => sandbox.resetCallCounts(),
    now: () => sandbox.now(),
    advanceClock: (ms) => sandbox.advanceClock(ms),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}
