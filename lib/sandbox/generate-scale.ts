import 'server-only';

import { AccountBuilder, type BuildContext } from './account-builder';
import { EventLog, USER_AGENTS, serviceCall, type EventActor } from './events';
import type { AccountState, Analyzer, FindingStatus, IamRole, IamUser, JsonObject, SandboxScale } from './model';
import { allow, policy, trustAws, trustService } from './policies';
import type { Rng } from './random';
import { DAY_MS } from '@/lib/dates';

// The benchmark account (acme-scale): the same kinds of data as the demo accounts, in bulk.

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

export function buildScaleAccount(
  ctx: BuildContext,
  rng: Rng,
  options: { id: string; managementId: string; collectorRoleArn: string; collectorPrincipal: string; scale: SandboxScale },
): AccountState {
  const { id, scale } = options;
  const b = new AccountBuilder(ctx, rng, {
    id,
    name: 'acme-scale',
    email: 'aws-scale@acme-corp.example',
    role: 'member',
    description: `Benchmark account: ${scale.users} users, ${scale.roles} roles, ${scale.findings} findings, ${scale.events} events.`,
    createdDaysAgo: 1000,
  });
  const a = b.account;
  a.root.mfa = b.mfaDevice('virtual', 'root-account-mfa-device', 990);
  a.passwordPolicy = {
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
  a.auditRole = { roleArn: `arn:aws:iam::${id}:role/WardenAuditRole`, externalId: null };

  for (const team of TEAMS) {
    b.policy({ name: `${team}-service-access`, path: '/teams/', createdDaysAgo: rng.int(100, 900), document: policy(allow([`s3:GetObject`, `s3:PutObject`], `arn:aws:s3:::acme-${team}-*/*`), allow(['dynamodb:Query', 'dynamodb:GetItem'], `arn:aws:dynamodb:*:${id}:table/${team}-*`)) });
    b.group({ name: `team-${team}`, createdDaysAgo: rng.int(300, 900), managed: ['ReadOnlyAccess'], customer: [`${team}-service-access`] });
  }
  b.policy({ name: 'break-glass-admin', createdDaysAgo: 700, document: policy(allow('*', '*')) });
  b.policy({ name: 'iam-provisioner', createdDaysAgo: 600, document: policy(allow(['iam:CreateUser', 'iam:AttachUserPolicy', 'iam:CreateRole', 'iam:AttachRolePolicy'], '*')) });
  b.policy({ name: 'app-boundary', createdDaysAgo: 600, document: policy(allow(['s3:*', 'dynamodb:*', 'sqs:*', 'logs:*'])) });

  b.role({ name: 'WardenAuditRole', createdDaysAgo: 100, trust: trustAws(options.collectorRoleArn), managed: ['SecurityAudit'], lastUsed: { daysAgo: 0 } });

  const names = new Set<string>();
  const users: IamUser[] = [];
  const userRng = rng.fork('users');
  for (let i = 0; i < scale.users; i++) {
    const team = userRng.pick(TEAMS);
    const program = userRng.chance(0.2);
    let name = program ? `svc-${team}-${userRng.chars('abcdefghijklmnopqrstuvwxyz', 5)}` : `${userRng.pick(FIRST)}.${userRng.pick(LAST)}`;
    if (names.has(name)) name = `${name}${i}`;
    names.add(name);
    const createdDaysAgo = userRng.int(1, 1000);
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
  const roleRng = rng.fork('roles');
  for (let i = 0; i < scale.roles; i++) {
    const team = roleRng.pick(TEAMS);
    const kind = roleRng.next();
    const service = roleRng.pick(['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'ec2.amazonaws.com']);
    const trust =
      kind < 0.6
        ? trustService(service, roleRng.chance(0.5) ? { StringEquals: { 'aws:SourceAccount': id } } : undefined)
        : kind < 0.9
          ? trustAws(`arn:aws:iam::${options.managementId}:root`)
          : trustAws(`arn:aws:iam::${roleRng.int(100000000000, 999999999999)}:root`, roleRng.chance(0.5) ? { StringEquals: { 'sts:ExternalId': roleRng.chars('0123456789abcdef', 24) } } : undefined);
    const createdDaysAgo = roleRng.int(1, 900);
    roles.push(
      b.role({
        name: `${team}-${kind < 0.6 ? 'svc' : 'xacct'}-${i}`,
        path: '/app/',
        createdDaysAgo,
        trust,
        customer: [`${team}-service-access`],
        ...(roleRng.chance(0.3) ? { boundary: 'app-boundary' } : {}),
        lastUsed: roleRng.chance(0.15) ? null : { daysAgo: roleRng.int(0, Math.min(createdDaysAgo, 365)) },
      }),
    );
  }

  const analyzers: Analyzer[] = [
    b.analyzer({ name: 'scale-external-access', type: 'ACCOUNT', region: 'us-east-1', createdDaysAgo: 500 }),
    b.analyzer({ name: 'scale-unused-access', type: 'ACCOUNT_UNUSED_ACCESS', region: 'us-east-1', createdDaysAgo: 400 }),
    b.analyzer({ name: 'scale-external-access-eu', type: 'ACCOUNT', region: 'eu-west-1', createdDaysAgo: 500 }),
  ];
  const [externalUs, unusedUs, externalEu] = analyzers;
  if (!externalUs || !unusedUs || !externalEu) throw new Error('scale analyzers missing');
  const findingRng = rng.fork('findings');
  for (let i = 0; i < scale.findings; i++) {
    const roll = findingRng.next();
    const createdDaysAgo = findingRng.int(0, 400);
    const st = status(findingRng);
    const updatedDaysAgo = st === 'ACTIVE' ? createdDaysAgo : findingRng.int(0, createdDaysAgo);
    if (roll < 0.4) {
      const bucket = `arn:aws:s3:::acme-${findingRng.pick(TEAMS)}-${findingRng.chars('abcdefghijklmnopqrstuvwxyz0123456789', 8)}`;
      const isPublic = findingRng.chance(0.2);
      b.finding(findingRng.chance(0.8) ? externalUs : externalEu, {
        resourceType: 'AWS::S3::Bucket',
        resource: bucket,
        status: st,
        createdDaysAgo,
        updatedDaysAgo,
        details: { type: 'ExternalAccess', principal: { AWS: isPublic ? '*' : `arn:aws:iam::${findingRng.int(100000000000, 999999999999)}:root` }, action: ['s3:GetObject'], condition: {}, isPublic, sources: [{ type: 'POLICY' }] },
      });
      continue;
    }
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
  const span = 89 * DAY_MS;
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
  return a;
}
