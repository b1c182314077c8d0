import 'server-only';
import { paginateListRegions } from '@aws-sdk/client-account';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import type { AwsClients } from '@/lib/aws/clients';
import { AwsCallError, callAws } from '@/lib/aws/errors';

// The regions enabled in an account: account:ListRegions (ENABLED and ENABLED_BY_DEFAULT), or
// ec2:DescribeRegions where that is what Warden's role is granted (it lists enabled regions only).

export type EnabledRegions =
  | { ok: true; regions: string[]; via: 'account:ListRegions' | 'ec2:DescribeRegions' }
  | { ok: false; denied: string[]; error: string | null };

export async function discoverEnabledRegions(clients: AwsClients): Promise<EnabledRegions> {
  const denied: string[] = [];
  try {
    const regions: string[] = [];
    await callAws('account:ListRegions', async () => {
      for await (const page of paginateListRegions({ client: clients.account, pageSize: 50 }, { RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'] })) {
        for (const r of page.Regions ?? []) if (r.RegionName) regions.push(r.RegionName);
      }
    });
    return { ok: true, regions: [...new Set(regions)].sort(), via: 'account:ListRegions' };
  } catch (error) {
    if (!(error instanceof AwsCallError)) throw error;
    if (error.kind !== 'access-denied') return { ok: false, denied, error: error.describe() };
    denied.push(error.action);
  }
  try {
    const res = await callAws('ec2:DescribeRegions', () => clients.ec2.send(new DescribeRegionsCommand({})));
    const regions = (res.Regions ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : []));
    return { ok: true, regions: [...new Set(regions)].sort(), via: 'ec2:DescribeRegions' };
  } catch (error) {
    if (!(error instanceof AwsCallError)) throw error;
    if (error.kind === 'access-denied') denied.push(error.action);
    return { ok: false, denied, error: error.kind === 'access-denied' ? null : error.describe() };
  }
}
