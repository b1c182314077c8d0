import 'server-only';
import {
  readAccountSummary,
  readAuthorizationDetails,
  readPasswordPolicy,
  readRoleSessionDurations,
  readVirtualMfaDevices,
} from '@/lib/aws/iam';
import { AwsCallError } from '@/lib/aws/errors';
import { db } from '@/lib/db';
import { readPart } from '@/lib/sync/collectors/partial';
import type { Collector } from '@/lib/sync/types';

// Account facts: users, groups, roles and trust policies, policies with their default versions,
// permission boundaries (one paginated GetAccountAuthorizationDetails), the account summary, the
// password policy and the virtual MFA devices.
export const collectAccount: Collector = async (ctx) => {
  const missing: string[] = [];
  const [details, durations, summary, passwordPolicy, virtualMfa] = await Promise.all([
    readPart(missing, () => readAuthorizationDetails(ctx.clients)),
    readPart(missing, () => readRoleSessionDurations(ctx.clients)),
    readPart(missing, () => readAccountSummary(ctx.clients)),
    readPart(missing, () => readPasswordPolicy(ctx.clients)),
    readPart(missing, () => readVirtualMfaDevices(ctx.clients)),
  ]);
  if (!details.ok && !summary.ok && !passwordPolicy.ok && !virtualMfa.ok) {
    throw new AwsCallError('access-denied', missing.join(', '), 'AccessDenied', 'every IAM read of the account was denied');
  }
  const roles = details.ok
    ? details.value.roles.map((r) => ({ ...r, maxSessionDuration: durations.ok ? (durations.value.get(r.arn) ?? null) : null }))
    : [];
  const snapshot = await db.$transaction(async (tx) => {
    const s = await tx.snapshot.create({
      data: {
        accountId: ctx.accountId,
        source: 'account',
        runId: ctx.runId,
        takenAt: ctx.now,
        missingPermissions: missing,
        meta: {
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
  return { records, snapshotId: snapshot.id, missingPermissions: missing };
};
