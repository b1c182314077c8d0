import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/db';
import { createCurrentSnapshot } from '@/lib/sync/store/snapshot';
import type { OrganizationFacts } from '@/lib/sync/diff/organizations';
import type { SourceContext } from '@/lib/sync/types';

/** Writer of an organizations snapshot: one transaction, the SCPs in one multi-row insert. */
export async function writeOrganizations(ctx: SourceContext, org: OrganizationFacts, missing: string[], contentSha256: string): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const s = await createCurrentSnapshot(tx, {
        accountId: ctx.accountId,
        source: 'organizations',
        runId: ctx.runId,
        takenAt: ctx.now,
        missingPermissions: missing,
        meta: { contentSha256, state: org.state, organizationId: org.organizationId, managementAccountId: org.managementAccountId, attachmentsChecked: org.attachmentsChecked },
      });
    await tx.organizationState.create({ data: { snapshotId: s.id, state: org.state, message: org.message } });
    await tx.serviceControlPolicy.createMany({
      data: org.scps.map(({ attachment, ...p }) => ({ ...p, attachment: attachment ?? Prisma.DbNull, snapshotId: s.id })),
    });
    return s;
  });
}
