import 'server-only';
import { createHash } from 'node:crypto';
import {
  readAccountSummary,
  readAuthorizationDetails,
  readPasswordPolicy,
  readRoleSessionDurations,
  readVirtualMfaDevices,
} from '@/lib/aws/iam';
import { db } from '@/lib/db';
import { PartLog, readPart } from '@/lib/sync/collectors/partial';
import type { Collector } from '@/lib/sync/types';

// Account facts: users, groups, roles and trust policies, policies with their default versions,
// permission boundaries (one paginated GetAccountAuthorizationDetails), the account summary, the
// password policy and the virtual MFA devices.
export const collectAccount: Collector = async (ctx) => {
  const log = new PartLog();
  const missing = log.missing;
  const [details, durations, summary, passwordPolicy, virtualMfa] = await Promise.all([
    readPart(log, () => readAuthorizationDetails(ctx.clients)),
    readPart(log, () => readRoleSessionDurations(ctx.clients)),
    readPart(log, () => readAccountSummary(ctx.clients)),
    readPart(log, () => readPasswordPolicy(ctx.clients)),
    readPart(log, () => readVirtualMfaDevices(ctx.clients)),
  ]);
  log.failIfNothingRead(details.ok || summary.ok || passwordPolicy.ok || virtualMfa.ok, 'every IAM read of the account');
  const roles = details.ok
    ? details.value.roles.map((r) => ({ ...r, maxSessionDuration: durations.ok ? (durations.value.get(r.arn) ?? null) : null }))
    : [];
  // An account whose IAM facts have not changed since the last read is not stored again (at 5,000
  // users that is thousands of rows a sync); the newest snapshot stays current.
  const contentSha256 = createHash('sha256')
    .update(
      JSON.stringify({
        details: details.ok ? { ...details.value, roles } : null,
        summary: summary.ok ? summary.value : null,
        passwordPolicy: passwordPolicy.ok ? passwordPolicy.value : 'unread',
        virtualMfa: virtualMfa.ok ? virtualMfa.value : null,
        missing: [...missing].sort(),
        partErrors: [...log.errors].sort(),
      }),
    )
    .digest('hex');
  const previous = await db.snapshot.findFirst({ where: { accountId: ctx.accountId, source: 'account' }, orderBy: { takenAt: 'desc' }, select: { id: true, meta: true } });
  if (previous && (previous.meta as { contentSha256?: string } | null)?.contentSha256 === contentSha256) {
    return { records: 0, snapshotId: previous.id, missingPermissions: missing, partErrors: log.errors, note: 'unchanged since the last read' };
  }
  const snapshot = await db.$transaction(async (tx) => {
    const s = await tx.snapshot.create({
      data: {
        accountId: ctx.accountId,
        source: 'account',
        runId: ctx.runId,
        takenAt: ctx.now,
        missingPermissions: missing,
        meta: {
          contentSha256,
          partErrors: log.errors,
          authorizationDetails: details.ok,
          roleSessionDurations: durations.ok,
          summary: summary.ok,
          passwordPolicy: passwordPolicy.ok,
          virtualMfa: virtualMfa.ok,
        },
      },
    });
    const snapshotId = s.id;
    if (details.ok) {
      await tx.iamUser.createMany({ data: details.value.users.map((u) => ({ ...u, snapshotId })) });
      await tx.iamGroup.createMany({ data: details.value.groups.map((g) => ({ ...g, snapshotId })) });
      await tx.iamRole.createMany({ data: roles.map((r) => ({ ...r, snapshotId })) });
      await tx.iamPolicy.createMany({ data: details.value.policies.map((p) => ({ ...p, snapshotId })) });
    }
    if (summary.ok) {
      const m = summary.value;
      await tx.accountSummary.create({
        data: {
          snapshotId,
          accountMfaEnabled: m.AccountMFAEnabled === 1,
          accountAccessKeysPresent: (m.AccountAccessKeysPresent ?? 0) > 0,
          users: m.Users ?? 0,
          roles: m.Roles ?? 0,
          groups: m.Groups ?? 0,
          policies: m.Policies ?? 0,
          mfaDevices: m.MFADevices ?? 0,
          mfaDevicesInUse: m.MFADevicesInUse ?? 0,
          summaryMap: m,
        },
      });
    }
    if (passwordPolicy.ok) {
      await tx.passwordPolicy.create({
        data: passwordPolicy.value ? { snapshotId, present: true, ...passwordPolicy.value } : { snapshotId, present: false },
      });
    }
    if (virtualMfa.ok) {
      await tx.mfaDevice.createMany({ data: virtualMfa.value.map((d) => ({ ...d, snapshotId, isVirtual: true })) });
    }
    return s;
  });
  const records = details.ok ? details.value.users.length + details.value.groups.length + roles.length + details.value.policies.length : 0;
  return { records, snapshotId: snapshot.id, missingPermissions: missing, partErrors: log.errors };
};
