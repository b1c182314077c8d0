import 'server-only';

import { type AccountBuilder } from './account-builder';
import { EventLog, USER_AGENTS, formatCloudTrailExpiration, serviceCall, type EventActor } from './events';
import type { IamRole, IamUser, JsonObject } from './model';
import { asList } from './policies';
import type { Rng } from './random';
import { DAY_MS } from '@/lib/dates';

// CloudTrail history for the hand-written demo accounts, derived from their IAM data so that the
// events agree with it: a user created 60 days ago has a CreateUser event 60 days ago, a password
// last used yesterday has a ConsoleLogin yesterday, a role last used today was assumed today.

const WINDOW_DAYS = 89;

export interface RootApiCall {
  eventName: string;
  eventSource: string;
  daysAgo: number;
  via: 'console' | 'key';
  region?: string;
  readOnly?: boolean;
  requestParameters?: JsonObject;
}

export interface DemoEventPlan {
  /** Who makes this account's IAM changes. */
  admin: (log: EventLog) => EventActor;
  trustChanges: { roleName: string; daysAgo: number }[];
  crossAccount: {
    roleName: string;
    fromAccount: string;
    principalId: string;
    sessionName: string;
    externalId?: string;
    everyDays: number;
  }[];
  rootLogins: { daysAgo: number; success: boolean }[];
  rootCalls: RootApiCall[];
  noise: number;
}

function createDateText(date: Date): string {
  return formatCloudTrailExpiration(date);
}

function trustPrincipals(role: IamRole): { services: string[]; aws: string[] } {
  const services: string[] = [];
  const aws: string[] = [];
  for (const statement of role.trustPolicy.Statement) {
    if (statement.Effect !== 'Allow' || statement.Principal === undefined) continue;
    if (statement.Principal === '*') {
      aws.push('*');
      continue;
    }
    services.push(...asList(statement.Principal.Service));
    aws.push(...asList(statement.Principal.AWS));
  }
  return { services, aws };
}

/** Times from `latest` back to the window's start (or `earliest`), every `everyDays` days or so. */
function spread(builder: AccountBuilder, rng: Rng, latest: Date, earliest: Date, everyDays: number, max: number): Date[] {
  const start = Math.max(earliest.getTime(), builder.ctx.now.getTime() - WINDOW_DAYS * DAY_MS);
  const times: Date[] = [];
  let t = latest.getTime();
  while (t >= start && times.length < max) {
    times.push(new Date(Math.floor(t / 1000) * 1000));
    t -= everyDays * DAY_MS * (0.6 + rng.next() * 0.8);
  }
  return times;
}

function withinWindow(builder: AccountBuilder, date: Date | null): date is Date {
  return date !== null && builder.ctx.now.getTime() - date.getTime() <= WINDOW_DAYS * DAY_MS;
}

function addUserLifecycle(builder: AccountBuilder, log: EventLog, plan: DemoEventPlan): void {
  for (const user of builder.account.users) {
    if (withinWindow(builder, user.createDate)) {
      const admin = plan.admin(log);
      log.add(admin, {
        eventName: 'CreateUser',
        eventSource: 'iam.amazonaws.com',
        time: user.createDate,
        requestParameters: { userName: user.userName, ...(user.path === '/' ? {} : { path: user.path }) },
        responseElements: {
          user: { path: user.path, userName: user.userName, userId: user.userId, arn: user.arn, createDate: createDateText(user.createDate) },
        },
        resources: [{ type: 'AWS::IAM::User', name: user.userName }],
      });
      user.attachedPolicyArns.forEach((policyArn, index) => {
        log.add(admin, {
          eventName: 'AttachUserPolicy',
          eventSource: 'iam.amazonaws.com',
          time: new Date(user.createDate.getTime() + (index + 1) * 45_000),
          requestParameters: { userName: user.userName, policyArn },
          resources: [
            { type: 'AWS::IAM::Policy', name: policyArn },
            { type: 'AWS::IAM::User', name: user.userName },
          ],
        });
      });
    }
    for (const key of user.accessKeys) {
      if (!withinWindow(builder, key.createDate)) continue;
      const actor = user.kind === 'human' ? log.userActor(user, 'console') : plan.admin(log);
      log.add(actor, {
        eventName: 'CreateAccessKey',
        eventSource: 'iam.amazonaws.com',
        time: key.createDate,
        requestParameters: { userName: user.userName },
        responseElements: {
          accessKey: { userName: user.userName, accessKeyId: key.accessKeyId, status: 'Active', createDate: createDateText(key.createDate) },
        },
        resources: [
          { type: 'AWS::IAM::AccessKey', name: key.accessKeyId },
          { type: 'AWS::IAM::User', name: user.userName },
        ],
      });
    }
  }
}

function addRoleLifecycle(builder: AccountBuilder, log: EventLog, plan: DemoEventPlan): void {
  for (const role of builder.account.roles) {
    if (!withinWindow(builder, role.createDate) || role.path.startsWith('/aws-service-role/')) continue;
    log.add(plan.admin(log), {
      eventName: 'CreateRole',
      eventSource: 'iam.amazonaws.com',
      time: role.createDate,
      requestParameters: {
        roleName: role.roleName,
        assumeRolePolicyDocument: JSON.stringify(role.trustPolicy),
        ...(role.description ? { description: role.description } : {}),
      },
      responseElements: {
        role: {
          path: role.path,
          roleName: role.roleName,
          roleId: role.roleId,
          arn: role.arn,
          createDate: createDateText(role.createDate),
          assumeRolePolicyDocument: encodeURIComponent(JSON.stringify(role.trustPolicy)),
        },
      },
      resources: [{ type: 'AWS::IAM::Role', name: role.roleName }],
    });
  }
  for (const change of plan.trustChanges) {
    const role = builder.account.roles.find((r) => r.roleName === change.roleName);
    if (!role) throw new Error(`trust change for unknown role ${change.roleName}`);
    log.add(plan.admin(log), {
      eventName: 'UpdateAssumeRolePolicy',
      eventSource: 'iam.amazonaws.com',
      time: builder.ago(change.daysAgo),
      requestParameters: { roleName: role.roleName, policyDocument: JSON.stringify(role.trustPolicy) },
      resources: [{ type: 'AWS::IAM::Role', name: role.roleName }],
    });
  }
}

function addConsoleLogins(builder: AccountBuilder, log: EventLog, rng: Rng): void {
  for (const user of builder.account.users) {
    if (!user.passwordEnabled || !withinWindow(builder, user.passwordLastUsed)) continue;
    const mfa = user.mfaDevices.length > 0;
    for (const time of spread(builder, rng, user.passwordLastUsed, user.createDate, 4, 25)) {
      log.consoleLogin(log.userActor(user, 'console'), time, mfa, true, rng.chance(0.8) ? 'us-east-1' : 'eu-west-1');
    }
    if (!mfa && rng.chance(0.7)) {
      log.consoleLogin(log.userActor(user, 'console'), builder.ago(rng.int(5, 60)), false, false);
    }
  }
}

function addKeyUsage(builder: AccountBuilder, log: EventLog, rng: Rng): void {
  for (const user of builder.account.users) {
    for (const key of user.accessKeys) {
      if (!key.lastUsed || !withinWindow(builder, key.lastUsed.date)) continue;
      const call = serviceCall(key.lastUsed.service);
      const region = key.lastUsed.region;
      const userAgent = user.kind === 'program' ? USER_AGENTS.boto : USER_AGENTS.cli;
      for (const time of spread(builder, rng, key.lastUsed.date, key.createDate, 3, 20)) {
        const actor = { ...log.userActor(user, 'key', userAgent), accessKeyId: key.accessKeyId };
        actor.identity = { ...actor.identity, accessKeyId: key.accessKeyId };
        log.add(actor, { ...call, time, region, readOnly: true });
      }
    }
  }
}

function humanOf(builder: AccountBuilder, rng: Rng): IamUser | null {
  const humans = builder.account.users.filter((user) => user.kind === 'human' && user.passwordEnabled);
  return humans.length === 0 ? null : rng.pick(humans);
}

function addRoleUsage(builder: AccountBuilder, log: EventLog, plan: DemoEventPlan, rng: Rng): void {
  const planned = new Set(plan.crossAccount.map((entry) => entry.roleName));
  for (const role of builder.account.roles) {
    if (!role.lastUsed || !withinWindow(builder, role.lastUsed.date) || planned.has(role.roleName)) continue;
    const { services, aws } = trustPrincipals(role);
    const times = spread(builder, rng, role.lastUsed.date, role.createDate, role.path.startsWith('/aws-service-role/') ? 9 : 2, 45);
    for (const time of times) {
      const service = services[0];
      if (service !== undefined) {
        log.assumeRole(log.serviceActor(service), role, time, service === 'ec2.amazonaws.com' ? `i-0${rng.chars('0123456789abcdef', 16)}` : `${role.roleName}-${rng.chars('0123456789', 6)}`, { region: role.lastUsed.region });
        continue;
      }
      const principal = aws[0] ?? '';
      const region = role.lastUsed.region;
      const sameAccountUser = builder.account.users.find((user) => user.arn === principal);
      if (sameAccountUser) {
        log.assumeRole(log.userActor(sameAccountUser, 'key', USER_AGENTS.boto), role, time, `${sameAccountUser.userName}-${rng.chars('0123456789', 10)}`, { region });
        continue;
      }
      const sameAccountRole = builder.account.roles.find((other) => other.arn === principal);
      if (sameAccountRole) {
        log.assumeRole(log.roleActor(sameAccountRole, 'warden'), role, time, 'warden', { region });
        continue;
      }
      const accountId = /^(?:arn:aws:iam::)?(\d{12})/.exec(principal)?.[1];
      if (accountId === builder.id) {
        const human = humanOf(builder, rng);
        if (human) log.assumeRole(log.userActor(human, 'console'), role, time, human.userName, { region });
      } else if (accountId !== undefined) {
        const session = principal.includes(':role/') ? (principal.split('/').pop() ?? 'session').toLowerCase() : 'console-session';
        log.assumeRole(log.externalAccountActor(accountId, `AROA${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17)}:${session}`, session), role, time, session, { region });
      }
    }
  }
  for (const entry of plan.crossAccount) {
    const role = builder.account.roles.find((r) => r.roleName === entry.roleName);
    if (!role) throw new Error(`cross-account plan for unknown role ${entry.roleName}`);
    const latest = role.lastUsed?.date ?? builder.ago(1);
    for (const time of spread(builder, rng, latest, role.createDate, entry.everyDays, 60)) {
      const actor = log.externalAccountActor(entry.fromAccount, entry.principalId, entry.sessionName);
      log.assumeRole(actor, role, time, entry.sessionName, {
        region: rng.chance(0.75) ? 'us-east-1' : 'eu-west-1',
        ...(entry.externalId ? { externalId: entry.externalId } : {}),
      });
    }
  }
}

function addRootActivity(builder: AccountBuilder, log: EventLog, plan: DemoEventPlan): void {
  const mfa = builder.account.root.mfa !== null;
  for (const login of plan.rootLogins) {
    const time = login.daysAgo === 0 && builder.account.root.passwordLastUsed ? builder.account.root.passwordLastUsed : builder.ago(login.daysAgo);
    log.consoleLogin(log.rootActor('console'), time, mfa, login.success);
  }
  const rootLastUsed = builder.account.root.passwordLastUsed;
  if (rootLastUsed && withinWindow(builder, rootLastUsed) && !plan.rootLogins.some((login) => login.daysAgo === 0)) {
    log.consoleLogin(log.rootActor('console'), rootLastUsed, mfa, true);
  }
  for (const call of plan.rootCalls) {
    log.add(log.rootActor(call.via), {
      eventName: call.eventName,
      eventSource: call.eventSource,
      time: builder.ago(call.daysAgo),
      region: call.region ?? 'us-east-1',
      readOnly: call.readOnly ?? false,
      requestParameters: call.requestParameters ?? null,
    });
  }
}

const NOISE_CALLS = [
  { eventName: 'ListUsers', eventSource: 'iam.amazonaws.com', global: true },
  { eventName: 'GetUser', eventSource: 'iam.amazonaws.com', global: true },
  { eventName: 'ListRoles', eventSource: 'iam.amazonaws.com', global: true },
  { eventName: 'GetAccountSummary', eventSource: 'iam.amazonaws.com', global: true },
  { eventName: 'DescribeTrails', eventSource: 'cloudtrail.amazonaws.com', global: false },
  { eventName: 'DescribeInstances', eventSource: 'ec2.amazonaws.com', global: false },
  { eventName: 'ListBuckets', eventSource: 's3.amazonaws.com', global: false },
  { eventName: 'ListAnalyzers', eventSource: 'access-analyzer.amazonaws.com', global: false },
] as const;

function addNoise(builder: AccountBuilder, log: EventLog, plan: DemoEventPlan, rng: Rng): void {
  const humans = builder.account.users.filter((user) => user.kind === 'human' && user.passwordEnabled);
  for (let i = 0; i < plan.noise; i++) {
    const call = rng.pick(NOISE_CALLS);
    const human = humans.length > 0 ? rng.pick(humans) : null;
    const actor = human ? log.userActor(human, 'console') : plan.admin(log);
    const time = builder.ago(rng.int(0, WINDOW_DAYS - 1), 24);
    const region = call.global ? 'us-east-1' : rng.pick(['us-east-1', 'eu-west-1']);
    if (rng.chance(0.08) && human) {
      log.add(actor, {
        eventName: 'CreateUser',
        eventSource: 'iam.amazonaws.com',
        time,
        requestParameters: { userName: `tmp-${rng.chars('abcdefghijklmnopqrstuvwxyz', 6)}` },
        errorCode: 'AccessDenied',
        errorMessage: `User: ${human.arn} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${builder.id}:user/tmp because no identity-based policy allows the iam:CreateUser action`,
      });
      continue;
    }
    log.add(actor, { eventName: call.eventName, eventSource: call.eventSource, time, region, readOnly: true });
  }
}

export function addDemoEvents(builder: AccountBuilder, rng: Rng, plan: DemoEventPlan): void {
  const log = new EventLog(rng.fork('event-log'), builder.account);
  addUserLifecycle(builder, log, plan);
  addRoleLifecycle(builder, log, plan);
  addConsoleLogins(builder, log, rng.fork('logins'));
  addKeyUsage(builder, log, rng.fork('keys'));
  addRoleUsage(builder, log, plan, rng.fork('roles'));
  addRootActivity(builder, log, plan);
  addNoise(builder, log, plan, rng.fork('noise'));
  builder.account.events = log.finish();
}
