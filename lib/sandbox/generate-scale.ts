import 'server-only';

import { AccountBuilder, type BuildContext, type FindingSpec } from './account-builder';
import { EventLog, USER_AGENTS, serviceCall, type EventActor } from './events';
import type { AccountRole, AccountState, Analyzer, FindingStatus, IamRole, IamUser, JsonObject, PasswordPolicy, SandboxScale } from './model';
import { allow, policy, trustAws, trustService } from './policies';
import type { Rng } from './random';
import { DAY_MS } from '@/lib/dates';

// Accounts in bulk: the benchmark account (acme-scale) and the organization option's generated
// members, with the same kinds of data as the demo accounts. The options' defaults build acme-scale
// exactly as before they existed (same seed → same account).

const FIRST = ['alex', 'amara', 'anna', 'arjun', 'ben', 'carla', 'chen', 'dana', 'david', 'elena', 'emil', 'fatima', 'felix', 'gabriel', 'hana', 'ines', 'ivan', 'jamal', 'jana', 'jonas', 'julia', 'kai', 'kenji', 'lara', 'leo', 'lina', 'luca', 'maya', 'mehmet', 'mia', 'nadia', 'noah', 'nora', 'omar', 'paula', 'pedro', 'priya', 'rafael', 'rosa', 'sam', 'sara', 'sofia', 'tariq', 'tom', 'valentina', 'viktor', 'wei', 'yara', 'yusuf', 'zoe'];
const LAST = ['adams', 'bauer', 'bianchi', 'costa', 'dubois', 'eriksson', 'fischer', 'garcia', 'haddad', 'ito', 'jensen', 'kowalski', 'larsen', 'lopez', 'mueller', 'nguyen', 'novak', 'okafor', 'olsen', 'patel', 'petrov', 'quinn', 'rossi', 'santos', 'schmidt', 'silva', 'tanaka', 'torres', 'usman', 'vogel', 'wagner', 'weber', 'xu', 'yilmaz', 'zhang', 'ziegler'];
const TEAMS = ['payments', 'search', 'checkout', 'identity', 'data', 'ml', 'mobile', 'growth', 'infra', 'support'];
const SERVICES = ['s3', 'ec2', 'iam', 'sts', 'lambda', 'dynamodb', 'logs', 'ecr', 'kms', 'cloudformation'];
const KEY_AGES = [2, 20, 45, 60, 89, 91, 120, 200, 400, 800];

const EVENT_MIX: readonly (readonly [string, number])[] = [
  ['ConsoleLogin', 14],
  ['AssumeRole', 24],
  ['CreateAccessKey', 4],
  ['CreateUser', 3],
  ['AttachUserPolicy', 4],
  ['CreateRole', 3],
  ['UpdateAssumeRolePolicy', 2],
  ['ServiceCall', 46],
];

function weighted(rng: Rng, mix: readonly (readonly [string, number])[]): string {
  const total = mix.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rng.next() * total;
  for (const [name, weight] of mix) {
    roll -= weight;
    if (roll < 0) return name;
  }
  return mix[0]?.[0] ?? 'ServiceCall';
}

function status(rng: Rng): FindingStatus {
  const roll = rng.next();
  return roll < 0.6 ? 'ACTIVE' : roll < 0.85 ? 'ARCHIVED' : 'RESOLVED';
}

export const SCALE_PASSWORD_POLICY: PasswordPolicy = {
  minimumPasswordLength: 12,
  requireSymbols: true,
  requireNumbers: true,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: true,
  allowUsersToChangePassword: true,
  maxPasswordAge: null,
  passwordReusePrevention: 5,
  hardExpiry: false,
};

export const MEMBER_ROLE_NAME = 'WardenAuditRole';

/** Which analyzers an account runs itself: external access (us-east-1 and eu-west-1) and unused access (us-east-1). */
export type BulkAnalyzers = 'external-and-unused' | 'external' | 'unused' | 'none';

export interface BulkAccountOptions {
  id: string;
  managementId: string;
  collectorRoleArn: string;
  collectorPrincipal: string;
  scale: SandboxScale;
  name?: string;
  email?: string;
  description?: string;
  role?: AccountRole;
  createdDaysAgo?: number;
  /** The WardenAuditRole and the ExternalId its trust requires; null: the account has no such role. Default: the role, no ExternalId. */
  memberRole?: { externalId: string | null } | null;
  /** The teams that have a policy, a group, users and roles (default all ten). */
  teams?: readonly string[];
  rootMfa?: boolean;
  passwordPolicy?: PasswordPolicy | null;
  analyzers?: BulkAnalyzers;
  /** Prefix of the analyzers' names (default "scale"). */
  analyzerPrefix?: string;
  /** A trail of its own, mostly multi-region and logging (default none). */
  trail?: boolean;
  /** Also expose cross-account roles that trust an outside account as external-access findings (default false). */
  exposeCrossAccountRoles?: boolean;
}

/** A resource reachable from outside the account: what an external-access analyzer reports, in a region. */
export interface Exposure {
  region: string;
  finding: FindingSpec;
}

export interface BulkAccount {
  account: AccountState;
  /**
   * Every external exposure, whether or not the account runs an analyzer for it; an organization
   * analyzer reports the same resources (same ARN, the same details object, shared).
   */
  exposures: Exposure[];
}

/** Up to `count` of the ten teams, chosen by `rng`. */
export function pickTeams(rng: Rng, count: number): string[] {
  const pool = [...TEAMS];
  const out: string[] = [];
  while (out.length < Math.min(count, TEAMS.length)) out.push(...pool.splice(rng.int(0, pool.length - 1), 1));
  return out;
}

export function buildScaleAccount(
  ctx: BuildContext,
  rng: Rng,
  options: { id: string; managementId: string; collectorRoleArn: string; collectorPrincipal: string; scale: SandboxScale },
): AccountState {
  return buildBulkAccount(ctx, rng, options).account;
}

export function buildBulkAccount(ctx: BuildContext, rng: Rng, options: BulkAccountOptions): BulkAccount {
  const { id, scale } = options;
  const teams = options.teams ?? TEAMS;
  const prefix = options.analyzerPrefix ?? 'scale';
  const analyzerSet = options.analyzers ?? 'external-and-unused';
  const b = new AccountBuilder(ctx, rng, {
    id,
    name: options.name ?? 'acme-scale',
    email: options.email ?? 'aws-scale@acme-corp.example',
    role: options.role ?? 'member',
    description: options.description ?? `Benchmark account: ${scale.users} users, ${scale.roles} roles, ${scale.findings} findings, ${scale.events} events.`,
    createdDaysAgo: options.createdDaysAgo ?? 1000,
  });
  const a = b.account;
  if (options.rootMfa ?? true) a.root.mfa = b.mfaDevice('virtual', 'root-account-mfa-device', Math.max(0, (options.createdDaysAgo ?? 1000) - 10));
  a.passwordPolicy = options.passwordPolicy === undefined ? { ...SCALE_PASSWORD_POLICY } : options.passwordPolicy;
  const memberRole = options.memberRole === undefined ? { externalId: null } : options.memberRole;
  a.auditRole = memberRole ? { roleArn: `arn:aws:iam::${id}:role/${MEMBER_ROLE_NAME}`, externalId: memberRole.externalId } : null;

  // Nothing in the account is older than the account (acme-scale: 1,000 days, so the ranges are as they always were).
  const age = options.createdDaysAgo ?? 1000;
  const upTo = (days: number) => Math.min(days, age);
  for (const team of teams) {
    b.policy({ name: `${team}-service-access`, path: '/teams/', createdDaysAgo: rng.int(upTo(100), upTo(900)), document: policy(allow([`s3:GetObject`, `s3:PutObject`], `arn:aws:s3:::acme-${team}-*/*`), allow(['dynamodb:Query', 'dynamodb:GetItem'], `arn:aws:dynamodb:*:${id}:table/${team}-*`)) });
    b.group({ name: `team-${team}`, createdDaysAgo: rng.int(upTo(300), upTo(900)), managed: ['ReadOnlyAccess'], customer: [`${team}-service-access`] });
  }
  b.policy({ name: 'break-glass-admin', createdDaysAgo: upTo(700), document: policy(allow('*', '*')) });
  b.policy({ name: 'iam-provisioner', createdDaysAgo: upTo(600), document: policy(allow(['iam:CreateUser', 'iam:AttachUserPolicy', 'iam:CreateRole', 'iam:AttachRolePolicy'], '*')) });
  b.policy({ name: 'app-boundary', createdDaysAgo: upTo(600), document: policy(allow(['s3:*', 'dynamodb:*', 'sqs:*', 'logs:*'])) });

  if (memberRole) {
    const condition = memberRole.externalId === null ? undefined : { StringEquals: { 'sts:ExternalId': memberRole.externalId } };
    b.role({ name: MEMBER_ROLE_NAME, createdDaysAgo: upTo(100), trust: trustAws(options.collectorRoleArn, condition), managed: ['SecurityAudit'], lastUsed: { daysAgo: 0 } });
  }

  const names = new Set<string>();
  const users: IamUser[] = [];
  const userRng = rng.fork('users');
  for (let i = 0; i < scale.users; i++) {
    const team = userRng.pick(teams);
    const program = userRng.chance(0.2);
    let name = program ? `svc-${team}-${userRng.chars('abcdefghijklmnopqrstuvwxyz', 5)}` : `${userRng.pick(FIRST)}.${userRng.pick(LAST)}`;
    if (names.has(name)) name = `${name}${i}`;
    names.add(name);
    const createdDaysAgo = userRng.int(1, upTo(1000));
    const keyCount = program ? userRng.int(1, 2) : userRng.chance(0.35) ? 1 : 0;
    const keys = [];
    for (let k = 0; k < keyCount; k++) {
      const ageDays = Math.min(userRng.pick(KEY_AGES), createdDaysAgo);
      const usedDaysAgo = userRng.chance(0.2) ? null : userRng.int(0, Math.min(ageDays, 400));
      keys.push({ ageDays, usedDaysAgo, status: userRng.chance(0.1) ? ('Inactive' as const) : ('Active' as const), service: userRng.pick(SERVICES), region: userRng.chance(0.8) ? 'us-east-1' : 'eu-west-1' });
    }
    const privileged = userRng.chance(0.02);
    users.push(
      b.user({
        name,
        kind: program ? 'program' : 'human',
        path: program ? `/service/${team}/` : '/',
        createdDaysAgo,
        ...(program ? {} : { password: { changedDaysAgo: userRng.int(0, createdDaysAgo), usedDaysAgo: userRng.chance(0.1) ? null : userRng.int(0, Math.min(createdDaysAgo, 300)) } }),
        ...(program || userRng.chance(0.25) ? {} : { mfa: userRng.chance(0.9) ? ('virtual' as const) : ('hardware' as const) }),
        keys,
        groups: program ? [] : [`team-${team}`],
        customer: privileged ? [userRng.chance(0.5) ? 'break-glass-admin' : 'iam-provisioner'] : program ? [`${team}-service-access`] : [],
        ...(privileged && userRng.chance(0.5) ? { boundary: 'app-boundary' } : {}),
        tags: { team },
      }),
    );
  }

  const roles: IamRole[] = [];
  const crossAccountRoles: { role: IamRole; createdDaysAgo: number; accountId: string; externalId: string | null }[] = [];
  const roleRng = rng.fork('roles');
  for (let i = 0; i < scale.roles; i++) {
    const team = roleRng.pick(teams);
    const kind = roleRng.next();
    const service = roleRng.pick(['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'ec2.amazonaws.com']);
    let trust;
    let outsider: { accountId: string; externalId: string | null } | null = null;
    if (kind < 0.6) trust = trustService(service, roleRng.chance(0.5) ? { StringEquals: { 'aws:SourceAccount': id } } : undefined);
    else if (kind < 0.9) trust = trustAws(`arn:aws:iam::${options.managementId}:root`);
    else {
      const accountId = String(roleRng.int(100000000000, 999999999999));
      const externalId = roleRng.chance(0.5) ? roleRng.chars('0123456789abcdef', 24) : null;
      outsider = { accountId, externalId };
      trust = trustAws(`arn:aws:iam::${accountId}:root`, externalId === null ? undefined : { StringEquals: { 'sts:ExternalId': externalId } });
    }
    const createdDaysAgo = roleRng.int(1, upTo(900));
    const role = b.role({
        name: `${team}-${kind < 0.6 ? 'svc' : 'xacct'}-${i}`,
        path: '/app/',
        createdDaysAgo,
        trust,
        customer: [`${team}-service-access`],
        ...(roleRng.chance(0.3) ? { boundary: 'app-boundary' } : {}),
        lastUsed: roleRng.chance(0.15) ? null : { daysAgo: roleRng.int(0, Math.min(createdDaysAgo, 365)) },
      });
    roles.push(role);
    if (outsider) crossAccountRoles.push({ role, createdDaysAgo, ...outsider });
  }

  const external = analyzerSet === 'external-and-unused' || analyzerSet === 'external';
  const externalUs: Analyzer | null = external ? b.analyzer({ name: `${prefix}-external-access`, type: 'ACCOUNT', region: 'us-east-1', createdDaysAgo: upTo(500) }) : null;
  const unusedUs: Analyzer | null = analyzerSet === 'external-and-unused' || analyzerSet === 'unused' ? b.analyzer({ name: `${prefix}-unused-access`, type: 'ACCOUNT_UNUSED_ACCESS', region: 'us-east-1', createdDaysAgo: upTo(400) }) : null;
  const externalEu: Analyzer | null = external ? b.analyzer({ name: `${prefix}-external-access-eu`, type: 'ACCOUNT', region: 'eu-west-1', createdDaysAgo: upTo(500) }) : null;
  const exposures: Exposure[] = [];
  const findingRng = rng.fork('findings');
  for (let i = 0; i < scale.findings; i++) {
    const roll = findingRng.next();
    const createdDaysAgo = findingRng.int(0, upTo(400));
    const st = status(findingRng);
    const updatedDaysAgo = st === 'ACTIVE' ? createdDaysAgo : findingRng.int(0, createdDaysAgo);
    if (roll < 0.4) {
      const bucket = `arn:aws:s3:::acme-${findingRng.pick(TEAMS)}-${findingRng.chars('abcdefghijklmnopqrstuvwxyz0123456789', 8)}`;
      const isPublic = findingRng.chance(0.2);
      const region = findingRng.chance(0.8) ? 'us-east-1' : 'eu-west-1';
      const finding: FindingSpec = {
        resourceType: 'AWS::S3::Bucket',
        resource: bucket,
        status: st,
        createdDaysAgo,
        updatedDaysAgo,
        details: { type: 'ExternalAccess', principal: { AWS: isPublic ? '*' : `arn:aws:iam::${findingRng.int(100000000000, 999999999999)}:root` }, action: ['s3:GetObject'], condition: {}, isPublic, sources: [{ type: 'POLICY' }] },
      };
      exposures.push({ region, finding });
      const analyzer = region === 'us-east-1' ? externalUs : externalEu;
      if (analyzer) b.finding(analyzer, finding);
      continue;
    }
    if (!unusedUs) continue;
    if (roll < 0.55 && roles.length > 0) {
      const role = findingRng.pick(roles);
      b.finding(unusedUs, { resourceType: 'AWS::IAM::Role', resource: role.arn, status: st, createdDaysAgo, updatedDaysAgo, details: { type: 'UnusedIAMRole', lastAccessed: role.lastUsed?.date ?? null } });
      continue;
    }
    if (users.length === 0) continue;
    const user = findingRng.pick(users);
    if (roll < 0.7) {
      const key = user.accessKeys[0];
      b.finding(unusedUs, { resourceType: 'AWS::IAM::User', resource: user.arn, status: st, createdDaysAgo, updatedDaysAgo, details: key ? { type: 'UnusedIAMUserAccessKey', accessKeyId: key.accessKeyId, lastAccessed: key.lastUsed?.date ?? null } : { type: 'UnusedIAMUserPassword', lastAccessed: user.passwordLastUsed } });
    } else if (roll < 0.8) {
      b.finding(unusedUs, { resourceType: 'AWS::IAM::User', resource: user.arn, status: st, createdDaysAgo, updatedDaysAgo, details: { type: 'UnusedIAMUserPassword', lastAccessed: user.passwordLastUsed } });
    } else {
      const services = [findingRng.pick(SERVICES), findingRng.pick(SERVICES)].filter((value, index, all) => all.indexOf(value) === index);
      b.finding(unusedUs, { resourceType: 'AWS::IAM::User', resource: user.arn, status: st, createdDaysAgo, updatedDaysAgo, details: { type: 'UnusedPermission', services: services.map((serviceNamespace) => ({ serviceNamespace, lastAccessed: null, actions: [{ action: serviceCall(serviceNamespace).eventName, lastAccessed: null }] })) } });
    }
  }

  if (options.exposeCrossAccountRoles) {
    const exposureRng = rng.fork('role-exposures');
    for (const { role, createdDaysAgo, accountId, externalId } of crossAccountRoles) {
      const finding: FindingSpec = {
        resourceType: 'AWS::IAM::Role',
        resource: role.arn,
        // A vendor's role behind an ExternalId is the kind a team archives once reviewed.
        status: externalId !== null && exposureRng.chance(0.6) ? 'ARCHIVED' : 'ACTIVE',
        createdDaysAgo: Math.max(0, createdDaysAgo - 1),
        details: { type: 'ExternalAccess', principal: { AWS: accountId }, action: ['sts:AssumeRole'], condition: externalId === null ? {} : { 'sts:externalid': externalId }, isPublic: false, sources: [{ type: 'POLICY' }] },
      };
      exposures.push({ region: 'us-east-1', finding });
      if (externalUs) b.finding(externalUs, finding);
    }
  }

  if (options.trail) {
    const trailRng = rng.fork('trail');
    const name = `${a.name}-trail`;
    const multiRegion = trailRng.chance(0.85);
    const stopped = trailRng.chance(0.05);
    b.trail({
      name,
      homeRegion: 'us-east-1',
      s3BucketName: `${a.name}-cloudtrail-${id}`,
      s3KeyPrefix: null,
      isMultiRegion: multiRegion,
      includeGlobalServiceEvents: true,
      logFileValidationEnabled: trailRng.chance(0.75),
      isOrganizationTrail: false,
      kmsKeyId: null,
      cloudWatchLogsLogGroupArn: null,
      cloudWatchLogsRoleArn: null,
      hasCustomEventSelectors: false,
      hasInsightSelectors: false,
      isLogging: !stopped,
      loggingSinceDays: trailRng.int(100, Math.max(100, options.createdDaysAgo ?? 1000)),
      ...(stopped ? { stoppedDaysAgo: trailRng.int(1, 60) } : {}),
    });
  }

  const eventRng = rng.fork('events');
  const log = new EventLog(eventRng.fork('log'), a);
  const consoleUsers = users.filter((user) => user.passwordEnabled);
  const keyUsers = users.filter((user) => user.accessKeys.length > 0);
  const actorCache = new Map<string, EventActor>();
  const cached = (key: string, make: () => EventActor): EventActor => {
    let actor = actorCache.get(key);
    if (!actor) {
      actor = make();
      actorCache.set(key, actor);
    }
    return actor;
  };
  const admin = roles[0] ? cached('admin', () => log.roleActor(roles[0] as IamRole, 'terraform-ci', USER_AGENTS.terraform)) : log.rootActor('console');
  const span = upTo(89) * DAY_MS;
  const nowMs = ctx.now.getTime();
  for (let i = 0; i < scale.events; i++) {
    const time = new Date(Math.floor((nowMs - ((i + eventRng.next()) / Math.max(1, scale.events)) * span) / 1000) * 1000);
    const kind = weighted(eventRng, EVENT_MIX);
    const region = eventRng.chance(0.85) ? 'us-east-1' : 'eu-west-1';
    if (kind === 'ConsoleLogin' && consoleUsers.length > 0) {
      const user = eventRng.pick(consoleUsers);
      log.consoleLogin(cached(`console:${user.userName}`, () => log.userActor(user, 'console')), time, user.mfaDevices.length > 0, eventRng.chance(0.97), region);
    } else if (kind === 'AssumeRole' && roles.length > 0) {
      const role = eventRng.pick(roles);
      const actor = eventRng.chance(0.5) ? cached('collector', () => log.externalAccountActor(options.managementId, options.collectorPrincipal, 'warden')) : cached(`svc:${role.roleName}`, () => log.serviceActor('lambda.amazonaws.com'));
      log.assumeRole(actor, role, time, actor.username ?? role.roleName, { region });
    } else if ((kind === 'CreateUser' || kind === 'AttachUserPolicy' || kind === 'CreateAccessKey') && users.length > 0) {
      const user = eventRng.pick(users);
      const params: JsonObject = kind === 'AttachUserPolicy' ? { userName: user.userName, policyArn: user.attachedPolicyArns[0] ?? 'arn:aws:iam::aws:policy/ReadOnlyAccess' } : { userName: user.userName };
      log.add(admin, { eventName: kind, eventSource: 'iam.amazonaws.com', time, requestParameters: params, resources: [{ type: 'AWS::IAM::User', name: user.userName }] });
    } else if ((kind === 'CreateRole' || kind === 'UpdateAssumeRolePolicy') && roles.length > 0) {
      const role = eventRng.pick(roles);
      log.add(admin, { eventName: kind, eventSource: 'iam.amazonaws.com', time, requestParameters: { roleName: role.roleName }, resources: [{ type: 'AWS::IAM::Role', name: role.roleName }] });
    } else if (keyUsers.length > 0) {
      const user = eventRng.pick(keyUsers);
      const service = user.accessKeys[0]?.lastUsed?.service ?? 'sts';
      log.add(cached(`key:${user.userName}`, () => log.userActor(user, 'key', USER_AGENTS.boto)), { ...serviceCall(service), time, region, readOnly: true });
    } else {
      log.add(admin, { eventName: 'ListUsers', eventSource: 'iam.amazonaws.com', time, readOnly: true });
    }
  }
  a.events = log.finish();
  return { account: a, exposures };
}
