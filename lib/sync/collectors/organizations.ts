import 'server-only';
import { readServiceControlPolicies } from '@/lib/aws/organizations';
import { diffOrganizations, factsFromAccountRead, factsFromRun, organizationDenials } from '@/lib/sync/diff/organizations';
import { writeOrganizations } from '@/lib/sync/store/organizations';
import { newestSnapshot } from '@/lib/sync/store/snapshot';
import type { Collector } from '@/lib/sync/types';

// The account's organization and its SCPs: read, compared with the newest snapshot, stored when
// changed. An account the run's discovery listed takes them from the run's one read of the
// organization (no AWS call here), with the attachments that make each SCP apply to it or not;
// any other account reads what it can see itself.
export const collectOrganizations: Collector = async (ctx) => {
  const org = (ctx.organization ? factsFromRun(ctx.organization, ctx.accountId) : null) ?? factsFromAccountRead(await readServiceControlPolicies(ctx.clients));
  const { missing, expected } = organizationDenials(org);
  const decision = diffOrganizations(org, await newestSnapshot(ctx.accountId, 'organizations'));
  const parts = { missingPermissions: missing, expectedDenials: expected, note: org.message ?? undefined };
  if (decision.kind === 'unchanged') return { records: 0, snapshotId: decision.snapshotId, ...parts };
  const snapshot = await writeOrganizations(ctx, org, missing, decision.contentSha256);
  return { records: org.scps.length, snapshotId: snapshot.id, ...parts };
};
