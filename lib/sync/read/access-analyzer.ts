import 'server-only';
import { getFindingDetails, listAnalyzers, listFindings, type AnalyzerRecord, type FindingSummaryRecord } from '@/lib/aws/access-analyzer';
import type { AwsClients } from '@/lib/aws/clients';
import { findingKey } from '@/lib/sync/diff/access-analyzer';
import { mapLimit, PartLog, readPart } from '@/lib/sync/read/partial';

// Reader of Access Analyzer: the analyzers of every region and all their findings (SDK → plain
// records), and the details of the findings the diff says changed.

export type AnalyzerRead = { log: PartLog; regionsRead: string[]; analyzers: AnalyzerRecord[]; listed: FindingSummaryRecord[] };

/** The analyzers of every region (a region AWS fails or denies is a part not read) and their findings. */
export async function readAnalyzersAndFindings(clients: AwsClients, regions: string[]): Promise<AnalyzerRead> {
  const log = new PartLog();
  const byRegion = await Promise.all(regions.map(async (region) => ({ region, read: await readPart(log, () => listAnalyzers(clients, region)) })));
  log.failIfNothingRead(byRegion.some((r) => r.read.ok), `the analyzers of every configured region (${regions.join(', ')})`);
  const analyzers = byRegion.flatMap((r) => (r.read.ok ? r.read.value : []));
  const listed: FindingSummaryRecord[] = [];
  // Every analyzer's findings are read before anything is written, so nothing is half-updated.
  for (const analyzer of analyzers) listed.push(...(await listFindings(clients, analyzer.region, analyzer.arn)));
  return { log, regionsRead: byRegion.filter((r) => r.read.ok).map((r) => r.region), analyzers, listed };
}

/** GetFindingV2 for each finding given, at most `concurrency` at once; keyed by findingKey. */
export async function readFindingDetails(clients: AwsClients, findings: FindingSummaryRecord[], concurrency: number): Promise<Map<string, unknown>> {
  const details = new Map<string, unknown>();
  await mapLimit(findings, concurrency, async (f) => {
    details.set(findingKey(f.analyzerArn, f.id), await getFindingDetails(clients, f.region, f.analyzerArn, f.id));
  });
  return details;
}
