import 'server-only';
import { db } from '@/lib/db';
import { insertRows } from '@/lib/bulk-insert';
import { createCurrentSnapshot } from '@/lib/sync/store/snapshot';
import type { AccountRead } from '@/lib/sync/read/account';
import type { SourceContext } from '@/lib/sync/types';

// Writer of an account snapshot: one transaction, each kind of row in multi-row inserts.

export async function writeAccount(ctx: SourceContext, read: AccountRead, contentSha256: string): Promise<{ id: string }> {
  const { details, summary, passwordPolicy, virtualMfa, log } = read;
  return db.$transaction(async (tx) => {
    const s = await createCurrentSnapshot(tx, {
        accountId: ctx.accountId,
        source: 'account',
        runId: ctx.runId,
        takenAt: ctx.now,
        missingPermissions: log.missing,
        meta: {
          contentSha256,
          partErrors: log.errors,
          authorizationDetails: details !== null,
          roleSessionDurations: read.roleSessionDurationsRead,
          summary: summary !== null,
          passwordPolicy: passwordPolicy !== undefined,
          virtualMfa: virtualMfa !== null,
        },
      });
    const snapshotId = s.id;
    if (details) {
      await insertRows(tx, 'IamUser', details.users.map((u) => ({ ...u, snapshotId })));
      await insertRows(tx, 'IamGroup', details.groups.map((g) => ({ ...g, snapshotId })));
      await insertRows(tx, 'IamRole', details.roles.map((r) => ({ ...r, snapshotId })));
      await insertRows(tx, 'IamPolicy', details.policies.map((p) => ({ ...p, snapshotId })));
    }
    if (summary) {
      await tx.accountSummary.create({
        data: {
          snapshotId,
          accountMfaEnabled: summary.AccountMFAEnabled === 1,
          accountAccessKeysPresent: (summary.AccountAccessKeysPresent ?? 0) > 0,
          users: summary.Users ?? 0,
          roles: summary.Roles ?? 0,
          groups: summary.Groups ?? 0,
          policies: summary.Policies ?? 0,
          mfaDevices: summary.MFADevices ?? 0,
          mfaDevicesInUse: summary.MFADevicesInUse ?? 0,
          summaryMap: summary,
        },
      });
    }
    if (passwordPolicy !== undefined) {
      await tx.passwordPolicy.create({ data: passwordPolicy ? { snapshotId, present: true, ...passwordPolicy } : { snapshotId, present: false } });
    }
    if (virtualMfa) await tx.mfaDevice.createMany({ data: virtualMfa.map((d) => ({ ...d, snapshotId, isVirtual: true })) });
    return s;
  });
}
