import 'server-only';
import {
  readAccountSummary,
  readAuthorizationDetails,
  readPasswordPolicy,
  readRoleSessionDurations,
  readVirtualMfaDevices,
  type AuthorizationDetails,
  type PasswordPolicyRecord,
  type VirtualMfaRecord,
} from '@/lib/aws/iam';
import type { AwsClients } from '@/lib/aws/clients';
import { PartLog, readPart } from '@/lib/sync/read/partial';

// Reader of the account's IAM facts: users, groups, roles and trust policies, policies with their
// default versions, permission boundaries (one paginated GetAccountAuthorizationDetails), the
// roles' session durations, the account summary, the password policy and the virtual MFA devices.
// Each part is read on its own; a part AWS refuses or fails is null and named in the log.

export type AccountRead = {
  log: PartLog;
  /** The authorization details, each role with its maximum session duration (null when unread). */
  details: AuthorizationDetails | null;
  roleSessionDurationsRead: boolean;
  summary: Record<string, number> | null;
  /** undefined: not read; null: read, and the account has no password policy. */
  passwordPolicy: PasswordPolicyRecord | null | undefined;
  virtualMfa: VirtualMfaRecord[] | null;
};

export async function readAccount(clients: AwsClients): Promise<AccountRead> {
  const log = new PartLog();
  const [details, durations, summary, passwordPolicy, virtualMfa] = await Promise.all([
    readPart(log, () => readAuthorizationDetails(clients)),
    readPart(log, () => readRoleSessionDurations(clients)),
    readPart(log, () => readAccountSummary(clients)),
    readPart(log, () => readPasswordPolicy(clients)),
    readPart(log, () => readVirtualMfaDevices(clients)),
  ]);
  log.failIfNothingRead(details.ok || summary.ok || passwordPolicy.ok || virtualMfa.ok, 'every IAM read of the account');
  const withDurations = details.ok
    ? { ...details.value, roles: details.value.roles.map((r) => ({ ...r, maxSessionDuration: durations.ok ? (durations.value.get(r.arn) ?? null) : null })) }
    : null;
  return {
    log,
    details: withDurations,
    roleSessionDurationsRead: durations.ok,
    summary: summary.ok ? summary.value : null,
    passwordPolicy: passwordPolicy.ok ? passwordPolicy.value : undefined,
    virtualMfa: virtualMfa.ok ? virtualMfa.value : null,
  };
}
