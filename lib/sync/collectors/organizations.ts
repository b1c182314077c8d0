import 'server-only';
import { readServiceControlPolicies } from '@/lib/aws/organizations';
import { db } from '@/lib/db';
import type { Collector } from '@/lib/sync/types';

export const collectOrganizations: Collector = async (ctx) => {
  const org = await readServiceControlPolicies(ctx.clients);
  const missing = [...(org.state === 'not-management-account' ? ['organizations:ListPolicies'] : []), ...(org.describeDenied ? ['organizations:DescribeOrganization'] : [])];
  const snapshot = await db.$transaction(async (tx) => {
    const s = await tx.snapshot.create({
      data: { accountId: ctx.accountId, source: 'organizations', runId: ctx.runId, takenAt: ctx.now, missingPermissions: missing, meta: { state: org.state, organizationId: org.organizationId, managementAccountId: org.managementAccountId } },
    });
    await tx.organizationState.create({ data: { snapshotId: s.id, state: org.state, message: org.message } });
    await tx.serviceControlPolicy.createMany({ data: org.scps.map((p) => ({ ...p, snapshotId: s.id })) });
    return s;
  });
  return {
    records: org.scps.length,
    snapshotId: snapshot.id,
    missingPermissions: missing,
    expectedDenials: org.state === 'not-management-account' ? ['organizations:ListPolicies'] : [],
    note: org.message ?? undefined,
  };
};
