import 'server-only';
import { currentTime } from '@/lib/clock';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { loadThresholds } from '@/lib/settings/store';
import { lastGoodRead } from '@/lib/sync/queries';
import type { AccountSnapshot, SourceState } from '@/lib/checks/types';
import type { InlinePolicyData } from '@/lib/aws/records';
import type { ManagementEventCoverage } from '@/lib/cloudtrail/event-selectors';
import type { CredentialEntry } from '@/lib/credential-report/parse';
import { DAY_MS } from '@/lib/dates';
import { z } from 'zod';

// Builds the plain AccountSnapshot the checklist rules read from the store: the newest snapshot of
// every source, and for each source whether it was read and which permissions were missing.

const scpPlacementSchema = z.object({ targetId: z.string(), type: z.enum(['ROOT', 'ORGANIZATIONAL_UNIT', 'ACCOUNT']), name: z.string() });
/** An SCP's attachments as the sync stored them (lib/sync/diff/organizations.ts); anything else counts as not read. */
const scpAttachmentSchema = z.object({ appliesThrough: z.array(scpPlacementSchema), elsewhere: z.array(scpPlacementSchema), elsewhereCount: z.number().int() });

type SnapshotRow = { id: string; takenAt: Date; missingPermissions: unknown; meta: unknown };

async function newestSnapshot(accountId: string, source: string): Promise<SnapshotRow | null> {
  return db.snapshot.findFirst({
    where: { accountId, source },
    orderBy: { takenAt: 'desc' },
    select: { id: true, takenAt: true, missingPermissions: true, meta: true },
  });
}

/** The newest failed attempt at a source after its newest good snapshot (what the UI calls "last error"). */
async function lastError(accountId: string, source: string, after: Date | null): Promise<{ error: string | null; missing: string[] }> {
  const failed = await db.syncSourceRun.findFirst({
    where: { accountId, source, status: 'failed', ...(after ? { finishedAt: { gt: after } } : {}) },
    orderBy: { finishedAt: 'desc' },
    select: { error: true, missingPermissions: true },
  });
  return { error: failed?.error ?? null, missing: (failed?.missingPermissions as string[] | undefined) ?? [] };
}

async function sourceState(accountId: string, source: string, snap: SnapshotRow | null): Promise<SourceState> {
  const [failure, lastReadAt] = await Promise.all([lastError(accountId, source, snap?.takenAt ?? null), lastGoodRead(accountId, source, snap?.takenAt ?? null)]);
  const missing = new Set<string>([...((snap?.missingPermissions as string[] | undefined) ?? []), ...(snap ? [] : failure.missing)]);
  return { read: snap !== null, takenAt: snap?.takenAt ?? null, lastReadAt, missingPermissions: [...missing], partErrors: strings(meta(snap).partErrors), error: failure.error };
}

const meta = (s: { meta: unknown } | null): Record<string, unknown> => (s?.meta && typeof s.meta === 'object' ? (s.meta as Record<string, unknown>) : {});

/**
 * As of when the credential report a snapshot holds is current: GetCredentialReport's
 * GeneratedTime, or a newer report's when that one had the same content (confirmedAt).
 */
const reportCurrentAt = (s: { meta: unknown; takenAt: Date }): Date => new Date(String(meta(s).confirmedAt ?? meta(s).generatedAt ?? s.takenAt.toISOString()));
/** When AWS generated the report a reviewer saw (a later confirmation does not make the review newer). */
const reportGeneratedAt = (s: { meta: unknown; takenAt: Date }): Date => new Date(String(meta(s).generatedAt ?? s.takenAt.toISOString()));
const inline = (v: unknown): InlinePolicyData[] => (Array.isArray(v) ? (v as InlinePolicyData[]) : []);
const metaString = (m: unknown, key: string): string | null => {
  const value = m && typeof m === 'object' ? (m as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && value.length > 0 ? value : null;
};

/** The operator's own accounts, with the organization discovery listed each in. */
export type OwnAccounts = readonly { id: string; organizationId: string | null }[];

/**
 * Read once per run of evaluations (a sync, a re-evaluation of every account): at organization
 * scale this is 1,000 rows, and reading it for each account's evaluation made a sync read a
 * million.
 */
export async function loadOwnAccounts(): Promise<OwnAccounts> {
  return db.account.findMany({ where: { isOwn: true }, select: { id: true, organizationId: true } });
}

/**
 * The organizations the own accounts form: the organization discovery listed each in, else
 * (accounts read by hand) the newest Organizations read of it, read now since this run may just
 * have read it. No query names every account (SQLite's 999-parameter limit at organization scale).
 */
async function ownOrganizations(own: OwnAccounts): Promise<string[]> {
  const organizationIds = new Set(own.flatMap((a) => (a.organizationId ? [a.organizationId] : [])));
  const undiscovered = own.filter((a) => a.organizationId === null).map((a) => a.id);
  for (let i = 0; i < undiscovered.length; i += 500) {
    const reads = await db.snapshot.findMany({
      where: { source: 'organizations', current: true, accountId: { in: undiscovered.slice(i, i + 500) } },
      select: { accountId: true, meta: true },
    });
    for (const r of reads) {
      const id = metaString(r.meta, 'organizationId');
      if (id) organizationIds.add(id);
    }
  }
  return [...organizationIds];
}

/** A stored GetEventSelectors reading; anything else (not read, an older row) is null. */
function coverageOf(value: unknown): ManagementEventCoverage | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.read !== 'boolean' || typeof v.write !== 'boolean') return null;
  return { read: v.read, write: v.write, excludedSources: strings(v.excludedSources), onlySources: Array.isArray(v.onlySources) ? strings(v.onlySources) : null };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** `own`: the own accounts when the caller evaluates many accounts in a row (loadOwnAccounts), else read here. */
export async function loadAccountSnapshot(accountId: string, now: Date = currentTime(), own?: OwnAccounts): Promise<AccountSnapshot> {
  const account = await db.account.findUniqueOrThrow({ where: { id: accountId } });
  const ownAccounts = own ?? (await loadOwnAccounts());
  const ownOrganizationIds = await ownOrganizations(ownAccounts);
  const [cr, iam, aa, ct, org] = await Promise.all([
    newestSnapshot(accountId, 'credential-report'),
    newestSnapshot(accountId, 'account'),
    newestSnapshot(accountId, 'access-analyzer'),
    newestSnapshot(accountId, 'cloudtrail'),
    newestSnapshot(accountId, 'organizations'),
  ]);

  const credentialReport = cr
    ? {
        generatedAt: reportCurrentAt(cr),
        // Sentinel columns hold only what parseCredentialReport wrote into them.
        entries: (await db.credentialReportEntry.findMany({ where: { snapshotId: cr.id }, orderBy: { user: 'asc' }, omit: { id: true, snapshotId: true } })) as CredentialEntry[],
      }
    : null;

  let iamData: AccountSnapshot['iam'] = null;
  if (iam) {
    const m = meta(iam);
    const [users, groups, roles, policies, mfa, pp, summary] = await Promise.all([
      db.iamUser.findMany({ where: { snapshotId: iam.id } }),
      db.iamGroup.findMany({ where: { snapshotId: iam.id } }),
      db.iamRole.findMany({ where: { snapshotId: iam.id } }),
      db.iamPolicy.findMany({ where: { snapshotId: iam.id } }),
      db.mfaDevice.findMany({ where: { snapshotId: iam.id } }),
      db.passwordPolicy.findUnique({ where: { snapshotId: iam.id } }),
      db.accountSummary.findUnique({ where: { snapshotId: iam.id } }),
    ]);
    const details = m.authorizationDetails === true;
    iamData = {
      users: details ? users.map((u) => ({ ...u, groups: strings(u.groups), attachedPolicyArns: strings(u.attachedPolicyArns), inlinePolicies: inline(u.inlinePolicies) })) : null,
      groups: details ? groups.map((g) => ({ ...g, attachedPolicyArns: strings(g.attachedPolicyArns), inlinePolicies: inline(g.inlinePolicies) })) : null,
      roles: details
        ? roles.map((r) => ({
            ...r,
            maxSessionDuration: r.maxSessionDuration,
            attachedPolicyArns: strings(r.attachedPolicyArns),
            inlinePolicies: inline(r.inlinePolicies),
          }))
        : null,
      policies: details ? policies : null,
      mfaDevices: m.virtualMfa === true ? mfa : null,
      passwordPolicy: pp ? (pp.present ? { ...pp, present: true as const } : { present: false as const }) : null,
      summary: summary,
    };
  }

  let accessAnalyzer: AccountSnapshot['accessAnalyzer'] = null;
  if (aa) {
    const regionsRead = strings(meta(aa).regionsRead);
    const [analyzers, findings] = await Promise.all([
      // The account's own analyzers, and the organization analyzers (in the management account or a
      // delegated administrator) that cover every account of its organization.
      db.analyzer.findMany({
        where: {
          status: { not: 'NOT_FOUND' },
          OR: [{ accountId }, ...(account.organizationId ? [{ type: { startsWith: 'ORGANIZATION' }, account: { organizationId: account.organizationId } }] : [])],
        },
        orderBy: { arn: 'asc' },
      }),
      // An account analyzer's finding that an organization analyzer reports too counts once.
      db.finding.findMany({
        where: { accountId, duplicateOf: null },
        select: { id: true, analyzerArn: true, region: true, findingType: true, resourceType: true, resource: true, resourceOwnerAccount: true, status: true, createdAt: true, updatedAt: true },
      }),
    ]);
    accessAnalyzer = { analyzers, findings, unreadRegions: account.regions && Array.isArray(account.regions) ? strings(account.regions).filter((r) => !regionsRead.includes(r)) : [] };
  }

  let cloudtrail: AccountSnapshot['cloudtrail'] = null;
  if (ct) {
    const m = meta(ct);
    const since = new Date(now.getTime() - 90 * DAY_MS);
    // Root lookups are read per region: the regions that answered are recorded, and the events kept.
    const rootRegionsRead = Array.isArray(m.rootRegionsRead) ? strings(m.rootRegionsRead) : m.eventsRead === true ? null : [];
    const [trails, rootEvents] = await Promise.all([
      m.trailsRead === true ? db.trail.findMany({ where: { snapshotId: ct.id } }) : Promise.resolve(null),
      rootRegionsRead === null || rootRegionsRead.length > 0
        ? db.trailEvent.findMany({ where: { accountId, isRoot: true, eventTime: { gte: since } }, orderBy: { eventTime: 'desc' }, take: 500 })
        : Promise.resolve(null),
    ]);
    cloudtrail = { trails: trails?.map((t) => ({ ...t, managementEvents: coverageOf(t.managementEvents) })) ?? null, rootEvents, rootRegionsRead };
  }

  let organization: AccountSnapshot['organization'] = null;
  if (org) {
    const [state, scps] = await Promise.all([
      db.organizationState.findUnique({ where: { snapshotId: org.id } }),
      db.serviceControlPolicy.findMany({ where: { snapshotId: org.id } }),
    ]);
    if (state) {
      organization = {
        state: state.state as NonNullable<AccountSnapshot['organization']>['state'],
        message: state.message,
        scps: scps.map((scp) => ({ ...scp, attachment: scpAttachmentSchema.nullable().catch(null).parse(scp.attachment) })),
        organizationId: metaString(org.meta, 'organizationId'),
        managementAccountId: metaString(org.meta, 'managementAccountId'),
        attachmentsChecked: meta(org).attachmentsChecked === true,
      };
    }
  }

  const lastReview = await db.review.findFirst({
    where: { status: 'signed', accounts: { some: { accountId } } },
    orderBy: { signedAt: 'desc' },
    // With the credential report it walked through, to tell how current that report was when signed.
    select: { signedAt: true, signedBy: true, title: true, accounts: { where: { accountId }, select: { snapshot: { select: { meta: true, takenAt: true } } } } },
  });
  const reviewedReport = lastReview?.accounts[0]?.snapshot ?? null;
  const lastReportGeneratedAt = reviewedReport === null ? null : reportGeneratedAt(reviewedReport);

  const { thresholds, sources: thresholdSources } = await loadThresholds();
  const regions = strings(account.regions);
  return {
    account: { id: account.id, name: account.name, isOwn: account.isOwn },
    ownAccountIds: [...new Set([...ownAccounts.map((a) => a.id), ...env().WARDEN_OWN_ACCOUNT_IDS])],
    ownOrganizationIds,
    enabledRegions: Array.isArray(account.enabledRegions) ? strings(account.enabledRegions) : null,
    regionsNarrowed: env().WARDEN_REGIONS !== undefined,
    regionDiscoveryDenied: strings((account.regionDiscovery as Record<string, unknown> | null)?.denied),
    regionDiscoveryError: metaString(account.regionDiscovery, 'error'),
    regions,
    now,
    thresholds,
    thresholdSources,
    credentialReport,
    iam: iamData,
    accessAnalyzer,
    cloudtrail,
    organization,
    reviews: { lastSignedAt: lastReview?.signedAt ?? null, lastSignedBy: lastReview?.signedBy ?? null, lastReviewTitle: lastReview?.title ?? null, lastReportGeneratedAt },
    sources: {
      credentialReport: await sourceState(accountId, 'credential-report', cr),
      iam: await sourceState(accountId, 'account', iam),
      accessAnalyzer: await sourceState(accountId, 'access-analyzer', aa),
      cloudtrail: await sourceState(accountId, 'cloudtrail', ct),
      organization: await sourceState(accountId, 'organizations', org),
      reviews: { read: true, takenAt: now, missingPermissions: [], error: null },
    },
  };
}
