import 'server-only';
import { getFindingDetails } from '@/lib/aws/access-analyzer';
import { AwsCallError } from '@/lib/aws/errors';
import { currentTime } from '@/lib/clock';
import { db } from '@/lib/db';
import { analyzerAccountOf } from '@/lib/sync/diff/access-analyzer';
import { clientsForAccount } from '@/lib/sync/plan';

// A finding's details when a person opens it. External access findings are listed with their
// details (ListFindings); unused and internal access findings are listed without, and no check
// needs them: they are read here (GetFindingV2, through the analyzer's account) the first time
// someone opens the finding after it changed, and kept until it changes again.

/** Reads and stores the details of a finding that has none; the AWS error in its words when that fails. */
export async function ensureFindingDetails(key: string): Promise<{ error: string | null }> {
  const f = await db.finding.findUnique({ where: { key }, select: { id: true, analyzerArn: true, region: true, accountId: true, updatedAt: true, detailsFetchedAt: true } });
  if (!f || f.detailsFetchedAt !== null) return { error: null };
  let clients;
  try {
    clients = await clientsForAccount(analyzerAccountOf(f.analyzerArn) ?? f.accountId, 'warden-finding-details');
  } catch (error) {
    if (error instanceof AwsCallError) return { error: `Warden could not act in the analyzer's account — ${error.describe()}` };
    throw error;
  }
  try {
    const details = await getFindingDetails(clients, f.region, f.analyzerArn, f.id);
    // A sync that changed the finding meanwhile has cleared its details: these would be stale.
    await db.finding.updateMany({ where: { key, updatedAt: f.updatedAt, detailsFetchedAt: null }, data: { details, detailsFetchedAt: currentTime() } });
    return { error: null };
  } catch (error) {
    if (error instanceof AwsCallError) return { error: error.describe() };
    throw error;
  } finally {
    clients.destroy();
  }
}
