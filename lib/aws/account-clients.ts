import 'server-only';
import { createAwsClients, type AwsClients } from '@/lib/aws/clients';
import { AwsCallError } from '@/lib/aws/errors';
import { assumeRole, getCallerIdentity } from '@/lib/aws/sts';
import { assumedAccountFor, resolveSyncPlan } from '@/lib/sync/plan';

// Clients that act in one account, reached the way a sync reaches it: the configured credentials
// for their own account, STS AssumeRole (with the ExternalId) for the others. In demo mode the plan
// points at the in-process sandbox.

/** Clients for `accountId`; the caller destroys them. Fails with an AwsCallError when AWS refuses. */
export async function clientsForAccount(accountId: string, sessionName = 'warden-triage'): Promise<AwsClients> {
  const plan = await resolveSyncPlan();
  const base = createAwsClients(plan.target);
  let keepBase = false;
  try {
    const assumed = assumedAccountFor(plan, accountId);
    if (assumed) {
      const credentials = await assumeRole(base, { roleArn: assumed.roleArn, externalId: assumed.externalId, sessionName });
      return createAwsClients({ ...plan.target, credentials });
    }
    const me = await getCallerIdentity(base);
    if (me.accountId !== accountId) {
      throw new AwsCallError(
        'client',
        'sts:AssumeRole',
        'AccountNotConfigured',
        `account ${accountId} is neither the configured credentials' account (${me.accountId}) nor one Warden assumes a role in`,
      );
    }
    keepBase = true;
    return base;
  } finally {
    if (!keepBase) base.destroy();
  }
}
