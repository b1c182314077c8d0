import 'server-only';
import { createAwsClients, type AwsClients, type AwsTarget, type CredentialSource } from '@/lib/aws/clients';
import { AwsCallError } from '@/lib/aws/errors';
import { assumeRole, getCallerIdentity } from '@/lib/aws/sts';

// Reaching an account, the one way the sync, triage and "check access" all use: the base
// credentials for their own account, STS AssumeRole with the ExternalId for any other. Knows nothing
// of where the route comes from (the sync plan): callers look it up and hand it over.

/** How to reach an account: a role to assume (with its ExternalId), or null for the base credentials' own. */
export type AccountRoute = { roleArn: string; externalId: string | null } | null;

/** Credentials that act in the account of `route`. Fails with an AwsCallError when STS refuses. */
export async function credentialsInAccount(
  base: AwsClients,
  route: AccountRoute,
  options: { sessionName?: string; durationSeconds?: number } = {},
): Promise<CredentialSource | undefined> {
  if (route === null) return base.target.credentials;
  return assumeRole(base, { roleArn: route.roleArn, externalId: route.externalId, ...options });
}

/** Clients acting in `accountId` (checked when reached with the base credentials); the caller destroys them. */
export async function clientsInAccount(target: AwsTarget, accountId: string, route: AccountRoute, sessionName: string): Promise<AwsClients> {
  const base = createAwsClients(target);
  let keepBase = false;
  try {
    if (route !== null) return createAwsClients({ ...target, credentials: await credentialsInAccount(base, route, { sessionName }) });
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
