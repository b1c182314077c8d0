import 'server-only';
import type { OrganizationRead } from '@/lib/aws/organizations';
import { db } from '@/lib/db';
import { createCurrentSnapshot } from '@/lib/sync/store/snapshot';
import type { SourceContext } from '@/lib/sync/types';

/** Writer of an organizations snapshot: one transaction, the SCPs in one multi-row insert. */
export async function writeOrganizations(ctx: SourceContext, org: OrganizationRead, missing: string[], contentSha256: string): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const s = await createCurrentSnapshot(tx, {
        accountId: ctx.accountId,
        source: 'organizations',
        runId: ctx.runId,
        takenAt: ctx.now,
        missingPermissions: missing,
        meta: { contentSha256, state: org.state, organizationId: org.organizationId, managementAccountId: org.managementAccountId },
      });
    await tx.organizationState.create({ data: { snapshotId: s.id, state: org.state, message: org.message } });
    await tx.serviceControlPolicy.createMany({ data: org.scps.map((p) => ({ ...p, snapshotId: s.id })) });
    return s;
  });
}
