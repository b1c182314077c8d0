import 'server-only';
import { externalAccessAnalyzerTypes, listAnalyzers, listExternalAccessFindings, listFindings, type AnalyzerRecord, type FindingSummaryRecord } from '@/lib/aws/access-analyzer';
import type { AwsClients } from '@/lib/aws/clients';
import { findingKey } from '@/lib/sync/diff/access-analyzer';
import { PartLog, readPart } from '@/lib/sync/read/partial';

// Reader of Access Analyzer: the analyzers of every region and all their findings (SDK → plain
// records); external access findings with their details.

export type AnalyzerRead = { log: PartLog; regionsRead: string[]; analyzers: AnalyzerRecord[]; listed: FindingSummaryRecord[] };

/** The analyzers of every region (a region AWS fails or denies is a part not read) and their findings. */
export async function readAnalyzersAndFindings(clients: AwsClients, regions: string[]): Promise<AnalyzerRead> {
  const log = new PartLog();
  const byRegion = await Promise.all(regions.map(async (region) => ({ region, read: await readPart(log, () => listAnalyzers(clients, region)) })));
  log.failIfNothingRead(byRegion.some((r) => r.read.ok), `the analyzers of every configured region (${regions.join(', ')})`);
  const analyzers = byRegion.flatMap((r) => (r.read.ok ? r.read.value : []));
  const listed: FindingSummaryRecord[] = [];
  // Every analyzer's findings are read before anything is written, so nothing is half-updated.
  // External access analyzers list their findings with the details (ListFindings); the others
  // (unused and internal access) list summaries (ListFindingsV2), detailed only where changed.
  for (const analyzer of analyzers) {
    const list = externalAccessAnalyzerTypes.includes(analyzer.type) ? listExternalAccessFindings : listFindings;
    listed.push(...(await list(clients, analyzer.region, analyzer.arn)));
  }
  return { log, regionsRead: byRegion.filter((r) => r.read.ok).map((r) => r.region), analyzers, listed };
}

/** The details the listings carried (external access), keyed by findingKey; the others are read when someone opens them. */
export function listedDetails(findings: FindingSummaryRecord[]): Map<string, unknown> {
  const details = new Map<string, unknown>();
  for (const f of findings) if (f.details) details.set(findingKey(f.analyzerArn, f.id), f.details);
  return details;
}
