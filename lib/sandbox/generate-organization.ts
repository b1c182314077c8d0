import 'server-only';

import { AccountBuilder, type BuildContext } from './account-builder';
import { MEMBER_ROLE_NAME, SCALE_PASSWORD_POLICY, buildBulkAccount, pickTeams, type BulkAnalyzers, type Exposure } from './generate-scale';
import type { AccountState, Analyzer, OrganizationInfo, OrganizationOptions, OrganizationalUnit, PasswordPolicy, SandboxScale } from './model';
import { ACCESS_ANALYZER_PRINCIPAL, addOrganizationalUnit } from './organization';
import { makeAccountId, type Rng } from './random';
import { applyArchiveRules } from './services/access-analyzer';
import { DAY_MS } from '@/lib/dates';

// The organization option: N member accounts generated beside the demo accounts, deterministic
// from the seed. Shape (about 30 OUs, up to four levels):
//
//   Root ─ Security ─ acme-security-tooling (delegated administrator for IAM Access Analyzer:
//        │            an ORGANIZATION analyzer per region), acme-log-archive
//        ├ Infrastructure ─ Networking, Shared Services
//        ├ Workloads ─ Production ─ Payments ─ EU, US │ Retail ─ EU, US │ Data Platform │ Identity │ Mobile
//        │           ├ Staging ─ the same five business units
//        │           └ Development ─ the same five business units
//        ├ Sandbox, Policy Staging, Suspended
//        └ a few acquired accounts straight under the root (invited, not created)
//
// Most members are small (a handful of users and roles, a trail or not, a few findings and
// events); about 8% are medium; `largeAccounts` (default one per 250) are built like acme-scale at
// 50–100% of `largeAccountScale`. Every member has WardenAuditRole trusting Warden's collector
// role with the one ExternalId, except ~1% (at least one) where the role is missing. ~1% (at least
// one) are SUSPENDED (in the Suspended OU) and ~0.3% (at least one) PENDING_CLOSURE. The
// organization analyzers report every member's externally reachable resources with
// resourceOwnerAccount = the member; members that run their own ACCOUNT analyzer report the same
// resources again (same ARN) for Warden to de-duplicate.

export const MAX_ORGANIZATION_ACCOUNTS = 5000;

/** The default size of the largest generated members (each gets 50–100% of it). */
export const LARGE_MEMBER_SCALE: SandboxScale = { users: 1000, roles: 250, findings: 2000, events: 10000 };

/** The delegated administrator's ORGANIZATION analyzers: one per region, under this name. */
export const ORGANIZATION_ANALYZER_NAME = 'org-external-access';

const BUSINESS_UNITS = [
  { name: 'Payments', slug: 'payments', regional: true },
  { name: 'Retail', slug: 'retail', regional: true },
  { name: 'Data Platform', slug: 'data', regional: false },
  { name: 'Identity', slug: 'identity', regional: false },
  { name: 'Mobile', slug: 'mobile', regional: false },
] as const;

const SANDBOX_OWNERS = ['amara', 'ben', 'carla', 'chen', 'dana', 'elena', 'felix', 'hana', 'ivan', 'jana', 'kai', 'lara', 'maya', 'noah', 'omar', 'priya', 'rosa', 'sam', 'tariq', 'zoe'];

const WEAK_PASSWORD_POLICY: PasswordPolicy = {
  ...SCALE_PASSWORD_POLICY,
  minimumPasswordLength: 8,
  requireSymbols: false,
  requireNumbers: false,
  requireUppercaseCharacters: false,
  passwordReusePrevention: null,
};

/** Where Warden's collector stands: what a member's role must trust. */
export interface CollectorInfo {
  managementId: string;
  collectorRoleArn: string;
  collectorPrincipal: string;
}

/** Where generated accounts go: a named slot in the OU tree with a naming pattern. */
interface Slot {
  parentId: string;
  weight: number;
  production: boolean;
  name: (n: string, rng: Rng) => string;
}

export type MemberTier = 'small' | 'medium' | 'large';

export interface MemberSpec {
  id: string;
  name: string;
  parentId: string;
  tier: MemberTier;
  memberRole: boolean;
  createdDaysAgo: number;
  joinedMethod: 'CREATED' | 'INVITED';
  status: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
  analyzers?: BulkAnalyzers;
}

function checkOptions(options: OrganizationOptions): void {
  const { accounts, largeAccounts, largeAccountScale, externalId } = options;
  if (!Number.isInteger(accounts) || accounts < 1 || accounts > MAX_ORGANIZATION_ACCOUNTS) {
    throw new Error(`organization.accounts must be an integer from 1 to ${MAX_ORGANIZATION_ACCOUNTS}`);
  }
  if (largeAccounts !== undefined && (!Number.isInteger(largeAccounts) || largeAccounts < 0 || largeAccounts >= accounts)) {
    throw new Error('organization.largeAccounts must be an integer from 0 to accounts - 1');
  }
  for (const [key, value] of Object.entries(largeAccountScale ?? {})) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`organization.largeAccountScale.${key} must be a non-negative integer`);
  }
  if (typeof externalId === 'string' && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) {
    throw new Error('organization.externalId must be 2–1224 characters of letters, digits and +=,.@:/-');
  }
}

function ouNamed(org: OrganizationInfo, name: string, parentId: string): OrganizationalUnit | undefined {
  return org.organizationalUnits.find((ou) => ou.name === name && ou.parentId === parentId);
}

/** The OU tree around the demo OUs (Security, Workloads/Production, Workloads/Staging), and its account slots. */
function buildTree(org: OrganizationInfo, rng: Rng): { security: string; suspended: string; slots: Slot[] } {
  const add = (name: string, parentId: string) => ouNamed(org, name, parentId) ?? addOrganizationalUnit(org, rng, name, parentId);
  const security = add('Security', org.rootId);
  const infrastructure = add('Infrastructure', org.rootId);
  const workloads = add('Workloads', org.rootId);
  const environments = [
    { ou: add('Production', workloads.id), slug: 'prod', weight: 29, production: true },
    { ou: add('Staging', workloads.id), slug: 'staging', weight: 20, production: false },
    { ou: add('Development', workloads.id), slug: 'dev', weight: 25, production: false },
  ];
  const sandbox = add('Sandbox', org.rootId);
  const policyStaging = add('Policy Staging', org.rootId);
  const suspended = add('Suspended', org.rootId);
  const networking = add('Networking', infrastructure.id);
  const shared = add('Shared Services', infrastructure.id);

  const slots: Slot[] = [];
  for (const env of environments) {
    for (const unit of BUSINESS_UNITS) {
      const ou = add(unit.name, env.ou.id);
      const leaves = env.production && unit.regional ? ['EU', 'US'].map((region) => ({ ou: add(region, ou.id), region: region.toLowerCase() })) : [{ ou, region: null }];
      for (const leaf of leaves) {
        slots.push({
          parentId: leaf.ou.id,
          weight: env.weight / BUSINESS_UNITS.length / leaves.length,
          production: env.production,
          name: (n) => `acme-${unit.slug}${leaf.region ? `-${leaf.region}` : ''}-${env.slug}-${n}`,
        });
      }
    }
  }
  slots.push(
    { parentId: sandbox.id, weight: 12, production: false, name: (n, r) => `acme-sandbox-${r.pick(SANDBOX_OWNERS)}-${n}` },
    { parentId: networking.id, weight: 3, production: true, name: (n) => `acme-network-${n}` },
    { parentId: shared.id, weight: 5, production: true, name: (n) => `acme-shared-services-${n}` },
    { parentId: policyStaging.id, weight: 2, production: false, name: (n) => `acme-policy-test-${n}` },
    { parentId: org.rootId, weight: 2, production: false, name: (n) => `acme-acquired-${n}` },
  );
  return { security: security.id, suspended: suspended.id, slots };
}

function pickSlot(rng: Rng, slots: readonly Slot[], total: number): Slot {
  let roll = rng.next() * total;
  for (const slot of slots) {
    roll -= slot.weight;
    if (roll < 0) return slot;
  }
  const last = slots[slots.length - 1];
  if (!last) throw new Error('no slots');
  return last;
}

/** `count` distinct indexes out of `pool`, chosen by `rng` (removed from the pool). */
function takeFrom(rng: Rng, pool: number[], count: number): Set<number> {
  const taken = new Set<number>();
  while (taken.size < count && pool.length > 0) {
    const [index] = pool.splice(rng.int(0, pool.length - 1), 1);
    if (index !== undefined) taken.add(index);
  }
  return taken;
}

/** What each member will be: names, places, sizes and the special cases, before any account is built. */
function planMembers(org: OrganizationInfo, rng: Rng, options: OrganizationOptions, reservedIds: Set<string>): MemberSpec[] {
  const count = options.accounts;
  const tree = buildTree(org, rng.fork('tree'));
  const total = tree.slots.reduce((sum, slot) => sum + slot.weight, 0);
  const width = Math.max(3, String(count).length);
  const idRng = rng.fork('ids');
  const nameRng = rng.fork('names');
  const specs: MemberSpec[] = [];
  const production: number[] = [];
  for (let i = 0; i < count; i++) {
    let id = makeAccountId(idRng);
    while (reservedIds.has(id)) id = makeAccountId(idRng);
    reservedIds.add(id);
    const n = String(i + 1).padStart(width, '0');
    const createdDaysAgo = nameRng.int(30, 1500);
    const base = { id, memberRole: true, createdDaysAgo, status: 'ACTIVE' as const };
    if (i === 0) {
      specs.push({ ...base, name: 'acme-security-tooling', parentId: tree.security, tier: 'medium', joinedMethod: 'CREATED', createdDaysAgo: Math.max(createdDaysAgo, 800), analyzers: 'external-and-unused' });
      continue;
    }
    if (i === 1) {
      specs.push({ ...base, name: 'acme-log-archive', parentId: tree.security, tier: 'small', joinedMethod: 'CREATED', createdDaysAgo: Math.max(createdDaysAgo, 800), analyzers: 'none' });
      continue;
    }
    const slot = pickSlot(nameRng, tree.slots, total);
    if (slot.production) production.push(i);
    specs.push({
      ...base,
      name: slot.name(n, nameRng),
      parentId: slot.parentId,
      tier: nameRng.chance(0.08) ? 'medium' : 'small',
      joinedMethod: slot.parentId === org.rootId || nameRng.chance(0.1) ? 'INVITED' : 'CREATED',
    });
  }

  // The special cases, among the workload accounts (never the two security accounts).
  const special = rng.fork('special');
  const largeCount = Math.min(options.largeAccounts ?? Math.floor(count / 250), Math.max(0, count - 2));
  const large = takeFrom(special, production, largeCount);
  const rest = specs.map((_, index) => index).filter((index) => index >= 2 && !large.has(index));
  if (large.size < largeCount) for (const index of takeFrom(special, rest, largeCount - large.size)) large.add(index);
  for (const index of large) {
    const spec = specs[index];
    if (spec) {
      spec.tier = 'large';
      spec.createdDaysAgo = Math.max(spec.createdDaysAgo, 900);
    }
  }
  const atLeastOne = (share: number) => Math.max(1, Math.round(count * share));
  for (const index of takeFrom(special, rest, atLeastOne(0.01))) {
    const spec = specs[index];
    if (spec) spec.memberRole = false;
  }
  for (const index of takeFrom(special, rest, atLeastOne(0.01))) {
    const spec = specs[index];
    if (spec) {
      spec.status = 'SUSPENDED';
      spec.parentId = tree.suspended;
    }
  }
  for (const index of takeFrom(special, rest, atLeastOne(0.003))) {
    const spec = specs[index];
    if (spec) spec.status = 'PENDING_CLOSURE';
  }
  return specs;
}

function memberScale(rng: Rng, tier: MemberTier, large: SandboxScale): SandboxScale {
  if (tier === 'large') {
    const share = 0.5 + rng.next() / 2;
    return { users: Math.round(large.users * share), roles: Math.round(large.roles * share), findings: Math.round(large.findings * share), events: Math.round(large.events * share) };
  }
  if (tier === 'medium') return { users: rng.int(10, 40), roles: rng.int(8, 30), findings: rng.int(10, 40), events: rng.int(100, 400) };
  return { users: rng.int(0, 6), roles: rng.int(1, 5), findings: rng.int(0, 6), events: rng.int(5, 50) };
}

function memberAnalyzers(rng: Rng): BulkAnalyzers {
  const roll = rng.next();
  return roll < 0.35 ? 'external-and-unused' : roll < 0.45 ? 'external' : roll < 0.7 ? 'unused' : 'none';
}

/** Builds one member account from its spec; returns it with its externally reachable resources. */
export function buildMember(ctx: BuildContext, rng: Rng, spec: MemberSpec, collector: CollectorInfo, externalId: string | null, largeScale: SandboxScale): { account: AccountState; exposures: Exposure[] } {
  const profile = rng.fork('profile');
  const tier = spec.tier;
  const scale = memberScale(profile, tier, largeScale);
  const policyRoll = profile.next();
  const built = buildBulkAccount(ctx, rng, {
    id: spec.id,
    managementId: collector.managementId,
    collectorRoleArn: collector.collectorRoleArn,
    collectorPrincipal: collector.collectorPrincipal,
    scale,
    name: spec.name,
    email: `aws+${spec.name}@acme-corp.example`,
    description: `Generated ${tier} member: ${scale.users} users, ${scale.roles} roles, ${scale.events} events.`,
    createdDaysAgo: spec.createdDaysAgo,
    memberRole: spec.memberRole ? { externalId } : null,
    teams: tier === 'large' ? undefined : pickTeams(profile, tier === 'medium' ? profile.int(2, 4) : profile.int(1, 2)),
    rootMfa: tier === 'large' || profile.chance(0.85),
    passwordPolicy: policyRoll < 0.6 ? { ...SCALE_PASSWORD_POLICY } : policyRoll < 0.75 ? { ...WEAK_PASSWORD_POLICY } : null,
    analyzers: spec.analyzers ?? (tier === 'large' ? 'external-and-unused' : memberAnalyzers(profile)),
    analyzerPrefix: spec.name,
    trail: tier === 'large' || profile.chance(tier === 'medium' ? 0.85 : 0.6),
    exposeCrossAccountRoles: true,
  });
  const account = built.account;
  const joined = spec.joinedMethod === 'CREATED' ? account.createdAt : new Date(account.createdAt.getTime() + profile.int(10, Math.max(10, Math.floor(spec.createdDaysAgo / 2))) * DAY_MS);
  account.membership = { parentId: spec.parentId, status: spec.status, joinedMethod: spec.joinedMethod, joinedTimestamp: joined };
  account.handConfigured = false;
  return built;
}

/**
 * The organization's ORGANIZATION analyzer of `region`: the delegated administrator's for IAM
 * Access Analyzer when one is registered, else the management account's.
 */
export function organizationAnalyzer(org: OrganizationInfo, accounts: readonly AccountState[], region: string): { owner: AccountState; analyzer: Analyzer } | null {
  const admins = new Set(org.delegatedAdministrators.filter((d) => d.servicePrincipal === ACCESS_ANALYZER_PRINCIPAL).map((d) => d.accountId));
  const owners = admins.size > 0 ? accounts.filter((a) => admins.has(a.id)) : accounts.filter((a) => a.role === 'management');
  for (const owner of owners) {
    const analyzer = owner.analyzers.find((a) => a.type === 'ORGANIZATION' && a.region === region && a.status === 'ACTIVE');
    if (analyzer) return { owner, analyzer };
  }
  return null;
}

/** Reports a member's exposures through the organization analyzers, archiving what their rules match (as AWS does for new findings). */
export function reportExposures(org: OrganizationInfo, accounts: readonly AccountState[], builders: Map<string, AccountBuilder>, memberId: string, exposures: readonly Exposure[]): number {
  let added = 0;
  for (const exposure of exposures) {
    const found = organizationAnalyzer(org, accounts, exposure.region);
    const builder = found ? builders.get(found.owner.id) : undefined;
    if (!found || !builder) continue;
    const finding = builder.finding(found.analyzer, { ...exposure.finding, owner: memberId });
    applyArchiveRules(found.analyzer, [finding], null);
    added += 1;
  }
  return added;
}

/**
 * Adds `options.accounts` generated members to the organization (and the OUs they live in);
 * registers the first as delegated administrator for IAM Access Analyzer with an ORGANIZATION
 * analyzer in each region. Returns the new accounts in the order they joined.
 */
export function generateOrganizationMembers(
  ctx: BuildContext,
  rng: Rng,
  org: OrganizationInfo,
  collector: CollectorInfo,
  options: OrganizationOptions,
  existing: readonly AccountState[],
  reservedIds: Set<string>,
  regions: readonly string[],
): AccountState[] {
  checkOptions(options);
  const externalId = options.externalId === undefined ? `warden-org-${rng.fork('external-id').chars('abcdefghijklmnopqrstuvwxyz0123456789', 12)}` : options.externalId;
  org.memberRole = { roleName: MEMBER_ROLE_NAME, externalId };
  const largeScale: SandboxScale = { ...LARGE_MEMBER_SCALE, ...options.largeAccountScale };
  const specs = planMembers(org, rng.fork('plan'), options, reservedIds);

  const members: AccountState[] = [];
  const builders = new Map<string, AccountBuilder>();
  const [adminSpec, ...others] = specs;
  if (!adminSpec) return members;
  const admin = buildMember(ctx, rng.fork(`member/${adminSpec.id}`), adminSpec, collector, externalId, largeScale);
  const adminAccount = admin.account;
  adminAccount.description = 'Security tooling: delegated administrator for IAM Access Analyzer, whose ORGANIZATION analyzers cover every member.';
  const adminBuilder = new AccountBuilder(ctx, rng.fork('organization-analyzers'), adminAccount);
  builders.set(adminAccount.id, adminBuilder);
  org.delegatedAdministrators.push({ accountId: adminAccount.id, servicePrincipal: ACCESS_ANALYZER_PRINCIPAL, delegationEnabledDate: adminBuilder.ago(Math.min(420, adminSpec.createdDaysAgo - 1)) });
  for (const region of regions) {
    adminBuilder.analyzer({
      name: ORGANIZATION_ANALYZER_NAME,
      type: 'ORGANIZATION',
      region,
      createdDaysAgo: 400,
      archiveRules: [{ ruleName: 'vendor-roles-behind-external-id', filter: { resourceType: { eq: ['AWS::IAM::Role'] }, 'condition.sts:externalid': { exists: true } } }],
    });
  }
  members.push(adminAccount);
  const all = [...existing, adminAccount];
  reportExposures(org, all, builders, adminAccount.id, admin.exposures);

  for (const spec of others) {
    const built = buildMember(ctx, rng.fork(`member/${spec.id}`), spec, collector, externalId, largeScale);
    members.push(built.account);
    reportExposures(org, all, builders, built.account.id, built.exposures);
  }
  return members;
}
