import 'server-only';

import type {
  AccessKey,
  AccountRole,
  AccountState,
  Analyzer,
  AnalyzerType,
  ArchiveRule,
  Finding,
  FindingDetails,
  FindingStatus,
  FindingType,
  IamGroup,
  IamRole,
  IamUser,
  InlinePolicy,
  ManagedPolicy,
  MfaDevice,
  PolicyDocument,
  Trail,
  TrailEventSelectors,
  UserKind,
} from './model';
import { defaultEventSelectors } from './model';
import { makeAccessKeyId, makeIamId, type Rng } from './random';
import { DAY_MS } from '@/lib/dates';

// A small builder that keeps ids, ARNs and dates consistent while the generator describes accounts.

export const HOUR_MS = 3_600_000;

export interface BuildContext {
  now: Date;
  awsManaged: Map<string, ManagedPolicy>;
}

export interface KeySpec {
  ageDays: number;
  status?: 'Active' | 'Inactive';
  usedDaysAgo: number | null;
  service?: string;
  region?: string;
}

export interface UserSpec {
  name: string;
  kind: UserKind;
  path?: string;
  createdDaysAgo: number;
  password?: { changedDaysAgo: number; usedDaysAgo: number | null };
  mfa?: 'virtual' | 'hardware';
  keys?: KeySpec[];
  groups?: string[];
  /** AWS managed policy names. */
  managed?: string[];
  /** Customer managed policy names in this account. */
  customer?: string[];
  inline?: InlinePolicy[];
  /** Customer managed policy name used as the permissions boundary. */
  boundary?: string;
  tags?: Record<string, string>;
}

export interface RoleSpec {
  name: string;
  path?: string;
  createdDaysAgo: number;
  description?: string;
  trust: PolicyDocument;
  managed?: string[];
  customer?: string[];
  inline?: InlinePolicy[];
  boundary?: string;
  lastUsed?: { daysAgo: number; region?: string } | null;
  maxSessionDuration?: number;
  tags?: Record<string, string>;
}

export interface PolicySpec {
  name: string;
  path?: string;
  description?: string;
  createdDaysAgo: number;
  document: PolicyDocument;
  /** Older, non-default versions (oldest first). */
  previous?: PolicyDocument[];
}

export interface FindingSpec {
  resourceType: string;
  resource: string;
  owner?: string;
  status: FindingStatus;
  createdDaysAgo: number;
  updatedDaysAgo?: number;
  details: FindingDetails;
}

function tagsOf(tags: Record<string, string> | undefined) {
  return Object.entries(tags ?? {}).map(([key, value]) => ({ key, value }));
}

export class AccountBuilder {
  readonly account: AccountState;

  /** Starts a new account from `init`, or goes on describing an account built before. */
  constructor(
    readonly ctx: BuildContext,
    readonly rng: Rng,
    init: { id: string; name: string; email: string; role: AccountRole; description: string; createdDaysAgo: number } | AccountState,
  ) {
    if ('root' in init) {
      this.account = init;
      return;
    }
    this.account = {
      id: init.id,
      name: init.name,
      email: init.email,
      role: init.role,
      description: init.description,
      createdAt: this.ago(init.createdDaysAgo),
      auditRole: null,
      root: {
        arn: `arn:aws:iam::${init.id}:root`,
        createDate: this.ago(init.createdDaysAgo),
        mfa: null,
        accessKeys: [],
        passwordLastUsed: null,
      },
      users: [],
      groups: [],
      roles: [],
      customerPolicies: [],
      unassignedVirtualMfaDevices: [],
      passwordPolicy: null,
      credentialReport: { status: 'none', startedAt: null, pendingPolls: 0, generatedAt: null, csv: null },
      trails: [],
      analyzers: [],
      findings: [],
      events: {},
      serviceControlPolicies: [],
      delegatedOrganizationsAdministrator: false,
      membership: null,
      handConfigured: true,
    };
  }

  get id(): string {
    return this.account.id;
  }

  /** `days` days ago plus up to `jitterHours` hours, at whole seconds. */
  ago(days: number, jitterHours = 8): Date {
    const ms = this.ctx.now.getTime() - days * DAY_MS - Math.floor(this.rng.next() * jitterHours * HOUR_MS);
    return new Date(Math.floor(ms / 1000) * 1000);
  }

  arn(kind: 'user' | 'role' | 'group' | 'policy', name: string, path = '/'): string {
    return `arn:aws:iam::${this.id}:${kind}${path}${name}`;
  }

  awsManagedArn(name: string): string {
    const managed = this.ctx.awsManaged.get(name);
    if (!managed) throw new Error(`unknown AWS managed policy ${name}`);
    return managed.arn;
  }

  customerArn(name: string): string {
    const found = this.account.customerPolicies.find((p) => p.policyName === name);
    if (!found) throw new Error(`unknown customer managed policy ${name} in ${this.account.name}`);
    return found.arn;
  }

  private policyArns(managed: string[] | undefined, customer: string[] | undefined): string[] {
    return [...(managed ?? []).map((name) => this.awsManagedArn(name)), ...(customer ?? []).map((name) => this.customerArn(name))];
  }

  key(spec: KeySpec): AccessKey {
    const createDate = this.ago(spec.ageDays);
    const usedDaysAgo = spec.usedDaysAgo === null ? null : Math.min(spec.usedDaysAgo, spec.ageDays);
    let lastUsed = null;
    if (usedDaysAgo !== null) {
      let date = this.ago(usedDaysAgo);
      if (date < createDate) date = new Date(createDate.getTime() + 60_000);
      lastUsed = { date, region: spec.region ?? 'us-east-1', service: spec.service ?? 'iam' };
    }
    return { accessKeyId: makeAccessKeyId(this.rng, 'AKIA'), status: spec.status ?? 'Active', createDate, lastUsed };
  }

  mfaDevice(kind: 'virtual' | 'hardware', name: string, enabledDaysAgo: number): MfaDevice {
    return {
      serialNumber: kind === 'virtual' ? `arn:aws:iam::${this.id}:mfa/${name}` : `GAHT${this.rng.chars('0123456789', 8)}`,
      kind,
      enableDate: this.ago(enabledDaysAgo),
    };
  }

  policy(spec: PolicySpec): ManagedPolicy {
    const path = spec.path ?? '/';
    const createDate = this.ago(spec.createdDaysAgo);
    const documents = [...(spec.previous ?? []), spec.document];
    const step = documents.length > 1 ? Math.floor(spec.createdDaysAgo / documents.length) : 0;
    const versions = documents.map((document, index) => ({
      versionId: `v${index + 1}`,
      document,
      isDefault: index === documents.length - 1,
      createDate: index === 0 ? createDate : this.ago(spec.createdDaysAgo - step * index),
    }));
    const managed: ManagedPolicy = {
      policyName: spec.name,
      policyId: makeIamId(this.rng, 'ANPA'),
      arn: this.arn('policy', spec.name, path),
      path,
      description: spec.description ?? null,
      createDate,
      updateDate: versions[versions.length - 1]?.createDate ?? createDate,
      awsManaged: false,
      versions,
    };
    this.account.customerPolicies.push(managed);
    return managed;
  }

  group(spec: { name: string; createdDaysAgo: number; managed?: string[]; customer?: string[]; inline?: InlinePolicy[] }): IamGroup {
    const group: IamGroup = {
      groupName: spec.name,
      groupId: makeIamId(this.rng, 'AGPA'),
      arn: this.arn('group', spec.name),
      path: '/',
      createDate: this.ago(spec.createdDaysAgo),
      attachedPolicyArns: this.policyArns(spec.managed, spec.customer),
      inlinePolicies: spec.inline ?? [],
    };
    this.account.groups.push(group);
    return group;
  }

  user(spec: UserSpec): IamUser {
    const path = spec.path ?? '/';
    const createDate = this.ago(spec.createdDaysAgo);
    let passwordLastChanged: Date | null = null;
    let passwordLastUsed: Date | null = null;
    if (spec.password) {
      passwordLastChanged = this.ago(Math.min(spec.password.changedDaysAgo, spec.createdDaysAgo));
      if (passwordLastChanged < createDate) passwordLastChanged = new Date(createDate.getTime() + 120_000);
      if (spec.password.usedDaysAgo !== null) {
        passwordLastUsed = this.ago(spec.password.usedDaysAgo);
        if (passwordLastUsed < createDate) passwordLastUsed = new Date(createDate.getTime() + 300_000);
      }
    }
    const user: IamUser = {
      userName: spec.name,
      userId: makeIamId(this.rng, 'AIDA'),
      arn: this.arn('user', spec.name, path),
      path,
      createDate,
      kind: spec.kind,
      passwordEnabled: spec.password !== undefined,
      passwordLastUsed,
      passwordLastChanged,
      mfaDevices: spec.mfa ? [this.mfaDevice(spec.mfa, spec.name, Math.max(1, spec.createdDaysAgo - 1))] : [],
      accessKeys: (spec.keys ?? []).map((key) => this.key({ ...key, ageDays: Math.min(key.ageDays, spec.createdDaysAgo) })),
      groups: spec.groups ?? [],
      attachedPolicyArns: this.policyArns(spec.managed, spec.customer),
      inlinePolicies: spec.inline ?? [],
      permissionsBoundaryArn: spec.boundary ? this.customerArn(spec.boundary) : null,
      tags: tagsOf(spec.tags),
    };
    this.account.users.push(user);
    return user;
  }

  role(spec: RoleSpec): IamRole {
    const path = spec.path ?? '/';
    const createDate = this.ago(spec.createdDaysAgo);
    let lastUsed = null;
    if (spec.lastUsed) {
      let date = this.ago(Math.min(spec.lastUsed.daysAgo, spec.createdDaysAgo));
      if (date < createDate) date = new Date(createDate.getTime() + 60_000);
      lastUsed = { date, region: spec.lastUsed.region ?? 'us-east-1' };
    }
    const role: IamRole = {
      roleName: spec.name,
      roleId: makeIamId(this.rng, 'AROA'),
      arn: this.arn('role', spec.name, path),
      path,
      createDate,
      description: spec.description ?? null,
      maxSessionDuration: spec.maxSessionDuration ?? 3600,
      trustPolicy: spec.trust,
      attachedPolicyArns: this.policyArns(spec.managed, spec.customer),
      inlinePolicies: spec.inline ?? [],
      permissionsBoundaryArn: spec.boundary ? this.customerArn(spec.boundary) : null,
      tags: tagsOf(spec.tags),
      lastUsed,
    };
    this.account.roles.push(role);
    return role;
  }

  trail(spec: Omit<Trail, 'arn' | 'startLoggingTime' | 'stopLoggingTime' | 'latestDeliveryTime' | 'latestDeliveryError' | 'eventSelectors'> & {
    loggingSinceDays: number;
    stoppedDaysAgo?: number;
    latestDeliveryError?: string | null;
    eventSelectors?: TrailEventSelectors;
  }): Trail {
    const { loggingSinceDays, stoppedDaysAgo, latestDeliveryError, eventSelectors, ...rest } = spec;
    const stopLoggingTime = stoppedDaysAgo === undefined ? null : this.ago(stoppedDaysAgo);
    const trail: Trail = {
      ...rest,
      latestDeliveryError: latestDeliveryError ?? null,
      eventSelectors: eventSelectors ?? defaultEventSelectors(),
      arn: `arn:aws:cloudtrail:${spec.homeRegion}:${this.id}:trail/${spec.name}`,
      startLoggingTime: this.ago(loggingSinceDays),
      stopLoggingTime,
      latestDeliveryTime: stopLoggingTime ?? new Date(Math.floor((this.ctx.now.getTime() - 4 * 60_000) / 1000) * 1000),
    };
    this.account.trails.push(trail);
    return trail;
  }

  analyzer(spec: {
    name: string;
    type: AnalyzerType;
    region: string;
    createdDaysAgo: number;
    unusedAccessAge?: number;
    archiveRules?: Omit<ArchiveRule, 'createdAt' | 'updatedAt'>[];
    tags?: Record<string, string>;
  }): Analyzer {
    const createdAt = this.ago(spec.createdDaysAgo);
    const analyzer: Analyzer = {
      arn: `arn:aws:access-analyzer:${spec.region}:${this.id}:analyzer/${spec.name}`,
      name: spec.name,
      type: spec.type,
      region: spec.region,
      createdAt,
      status: 'ACTIVE',
      lastResourceAnalyzed: null,
      lastResourceAnalyzedAt: null,
      tags: spec.tags ?? {},
      unusedAccessAge: spec.type.endsWith('UNUSED_ACCESS') ? (spec.unusedAccessAge ?? 90) : null,
      archiveRules: (spec.archiveRules ?? []).map((rule) => ({ ...rule, createdAt, updatedAt: createdAt })),
    };
    this.account.analyzers.push(analyzer);
    return analyzer;
  }

  finding(analyzer: Analyzer, spec: FindingSpec): Finding {
    const createdAt = this.ago(spec.createdDaysAgo);
    const updatedAt = spec.updatedDaysAgo === undefined ? createdAt : this.ago(Math.min(spec.updatedDaysAgo, spec.createdDaysAgo));
    const analyzedAt = new Date(Math.max(updatedAt.getTime(), this.ago(0, 20).getTime()));
    const findingType: FindingType = spec.details.type;
    const finding: Finding = {
      id: this.rng.uuid(),
      analyzerArn: analyzer.arn,
      findingType,
      resourceType: spec.resourceType,
      resource: spec.resource,
      resourceOwnerAccount: spec.owner ?? this.id,
      status: spec.status,
      createdAt,
      updatedAt: updatedAt < createdAt ? createdAt : updatedAt,
      analyzedAt,
      error: null,
      details: spec.details,
    };
    this.account.findings.push(finding);
    if (!analyzer.lastResourceAnalyzedAt || analyzer.lastResourceAnalyzedAt < analyzedAt) {
      analyzer.lastResourceAnalyzed = spec.resource;
      analyzer.lastResourceAnalyzedAt = analyzedAt;
    }
    return finding;
  }
}
