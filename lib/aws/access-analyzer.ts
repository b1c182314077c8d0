import 'server-only';
import {
  paginateGetFindingV2,
  paginateListAnalyzers,
  paginateListFindings,
  paginateListFindingsV2,
  UpdateFindingsCommand,
  type FindingDetails,
} from '@aws-sdk/client-accessanalyzer';
import type { AwsClients } from '@/lib/aws/clients';
import { AwsCallError, callAws } from '@/lib/aws/errors';
import type { FindingData } from '@/lib/aws/records';

// IAM Access Analyzer readers and the one writer (UpdateFindings), in Warden's own types.

export type AnalyzerRecord = {
  arn: string;
  name: string;
  type: string;
  status: string;
  createdAt: Date;
  region: string;
};

/**
 * A listed finding: the checklist's finding (lib/aws/records.ts) plus analysis facts; `details`
 * when the list itself carries them (ListFindings on an external access analyzer), so that no
 * GetFindingV2 is needed.
 */
export type FindingSummaryRecord = FindingData & { analyzedAt: Date; error: string | null; details?: FindingDetailRecord[] };

/** Analyzer types whose findings ListFindings (v1) lists with principal, action, condition and public status. */
export const externalAccessAnalyzerTypes: readonly string[] = ['ACCOUNT', 'ORGANIZATION'];

/** findingDetails of GetFindingV2, one entry per detail, tagged by kind. */
export type FindingDetailRecord =
  | {
      kind: 'externalAccess';
      action: string[];
      condition: Record<string, string>;
      isPublic: boolean | null;
      principal: Record<string, string>;
      sources: string[];
    }
  | {
      kind: 'internalAccess';
      action: string[];
      condition: Record<string, string>;
      principal: Record<string, string>;
      principalOwnerAccount: string | null;
      accessType: string | null;
      principalType: string | null;
    }
  | { kind: 'unusedPermission'; serviceNamespace: string; lastAccessed: string | null; actions: { action: string; lastAccessed: string | null }[] }
  | { kind: 'unusedIamUserAccessKey'; accessKeyId: string; lastAccessed: string | null }
  | { kind: 'unusedIamRole'; lastAccessed: string | null }
  | { kind: 'unusedIamUserPassword'; lastAccessed: string | null }
  | { kind: 'unknown'; raw: string };

const iso = (d: Date | undefined): string | null => (d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : null);

function reshapeDetail(d: FindingDetails): FindingDetailRecord {
  if (d.externalAccessDetails) {
    const x = d.externalAccessDetails;
    return {
      kind: 'externalAccess',
      action: x.action ?? [],
      condition: x.condition ?? {},
      isPublic: x.isPublic ?? null,
      principal: x.principal ?? {},
      sources: (x.sources ?? []).map((s) => s.type ?? 'UNKNOWN'),
    };
  }
  if (d.internalAccessDetails) {
    const x = d.internalAccessDetails;
    return {
      kind: 'internalAccess',
      action: x.action ?? [],
      condition: x.condition ?? {},
      principal: x.principal ?? {},
      principalOwnerAccount: x.principalOwnerAccount ?? null,
      accessType: x.accessType ?? null,
      principalType: x.principalType ?? null,
    };
  }
  if (d.unusedPermissionDetails) {
    const x = d.unusedPermissionDetails;
    return {
      kind: 'unusedPermission',
      serviceNamespace: x.serviceNamespace ?? '',
      lastAccessed: iso(x.lastAccessed),
      actions: (x.actions ?? []).map((a) => ({ action: a.action ?? '', lastAccessed: iso(a.lastAccessed) })),
    };
  }
  if (d.unusedIamUserAccessKeyDetails) {
    return { kind: 'unusedIamUserAccessKey', accessKeyId: d.unusedIamUserAccessKeyDetails.accessKeyId ?? '', lastAccessed: iso(d.unusedIamUserAccessKeyDetails.lastAccessed) };
  }
  if (d.unusedIamRoleDetails) return { kind: 'unusedIamRole', lastAccessed: iso(d.unusedIamRoleDetails.lastAccessed) };
  if (d.unusedIamUserPasswordDetails) return { kind: 'unusedIamUserPassword', lastAccessed: iso(d.unusedIamUserPasswordDetails.lastAccessed) };
  return { kind: 'unknown', raw: JSON.stringify(d).slice(0, 4000) };
}

const malformed = (action: string, what: string) => new AwsCallError('malformed', action, 'MalformedResponse', what);

export async function listAnalyzers(clients: AwsClients, region: string): Promise<AnalyzerRecord[]> {
  const out: AnalyzerRecord[] = [];
  await callAws('access-analyzer:ListAnalyzers', async () => {
    for await (const page of paginateListAnalyzers({ client: clients.accessAnalyzer(region), pageSize: 100 }, {})) {
      for (const a of page.analyzers ?? []) {
        if (!a.arn || !a.name || !a.type || !a.createdAt) throw malformed('access-analyzer:ListAnalyzers', 'an analyzer lacks arn, name, type or createdAt');
        out.push({ arn: a.arn, name: a.name, type: a.type, status: a.status ?? 'UNKNOWN', createdAt: a.createdAt, region });
      }
    }
  });
  return out;
}

type ListedFinding = {
  id?: string;
  findingType?: string;
  resourceType?: string;
  resource?: string;
  resourceOwnerAccount?: string;
  status?: string;
  createdAt?: Date;
  updatedAt?: Date;
  analyzedAt?: Date;
  error?: string;
};

/** A listed finding (ListFindings or ListFindingsV2) as Warden's record; malformed when its id, status or dates are missing. */
function listedRecord(f: ListedFinding, analyzerArn: string, region: string, findingType: string): FindingSummaryRecord {
  if (!f.id || !f.createdAt || !f.updatedAt || !f.analyzedAt || !f.status) throw malformed('access-analyzer:ListFindings', 'a finding lacks id, status or its dates');
  return {
    id: f.id,
    analyzerArn,
    region,
    findingType,
    resourceType: f.resourceType ?? 'UNKNOWN',
    resource: f.resource ?? '',
    resourceOwnerAccount: f.resourceOwnerAccount ?? '',
    status: f.status,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    analyzedAt: f.analyzedAt,
    error: f.error ?? null,
  };
}

/** The findings of an analyzer with ListFindingsV2 (any type): summaries, without details. */
export async function listFindings(clients: AwsClients, region: string, analyzerArn: string): Promise<FindingSummaryRecord[]> {
  const out: FindingSummaryRecord[] = [];
  // ListFindingsV2 is authorised by the IAM action access-analyzer:ListFindings.
  await callAws('access-analyzer:ListFindings', async () => {
    for await (const page of paginateListFindingsV2({ client: clients.accessAnalyzer(region), pageSize: 100 }, { analyzerArn })) {
      for (const f of page.findings ?? []) out.push(listedRecord(f, analyzerArn, region, f.findingType ?? 'ExternalAccess'));
    }
  });
  return out;
}

/**
 * The findings of an external access analyzer (ACCOUNT or ORGANIZATION) with ListFindings (v1),
 * whose pages of 100 carry principal, action, condition, public status and sources: the details
 * GetFindingV2 would give, without a call per finding.
 */
export async function listExternalAccessFindings(clients: AwsClients, region: string, analyzerArn: string): Promise<FindingSummaryRecord[]> {
  const out: FindingSummaryRecord[] = [];
  await callAws('access-analyzer:ListFindings', async () => {
    for await (const page of paginateListFindings({ client: clients.accessAnalyzer(region), pageSize: 100 }, { analyzerArn })) {
      for (const f of page.findings ?? []) {
        const details: FindingDetailRecord[] = [
          {
            kind: 'externalAccess',
            action: f.action ?? [],
            condition: f.condition ?? {},
            isPublic: f.isPublic ?? null,
            principal: f.principal ?? {},
            sources: (f.sources ?? []).map((source) => source.type ?? 'UNKNOWN'),
          },
        ];
        out.push({ ...listedRecord(f, analyzerArn, region, 'ExternalAccess'), details });
      }
    }
  });
  return out;
}

/** Every page of a finding's details (GetFindingV2 paginates long detail lists). */
export async function getFindingDetails(clients: AwsClients, region: string, analyzerArn: string, id: string): Promise<FindingDetailRecord[]> {
  const out: FindingDetailRecord[] = [];
  // GetFindingV2 is authorised by the IAM action access-analyzer:GetFinding.
  await callAws('access-analyzer:GetFinding', async () => {
    for await (const page of paginateGetFindingV2({ client: clients.accessAnalyzer(region), pageSize: 100 }, { analyzerArn, id })) {
      for (const d of page.findingDetails ?? []) out.push(reshapeDetail(d));
    }
  });
  return out;
}

/**
 * Ids per UpdateFindings call. AWS documents no maximum (the API reference lists `ids` as an array
 * of strings without a length constraint, and the service model's FindingIdList has no length
 * trait), so this is Warden's own bound: requests stay small, and a failure stops a bounded batch.
 */
export const updateFindingsChunk = 100;

/** Sets findings ACTIVE or ARCHIVED in AWS, in chunks; returns the ids AWS accepted before any failure. */
export async function updateFindingStatus(
  clients: AwsClients,
  region: string,
  analyzerArn: string,
  ids: string[],
  status: 'ACTIVE' | 'ARCHIVED',
): Promise<{ accepted: string[]; error: AwsCallError | null }> {
  const accepted: string[] = [];
  for (let i = 0; i < ids.length; i += updateFindingsChunk) {
    const chunk = ids.slice(i, i + updateFindingsChunk);
    try {
      await callAws('access-analyzer:UpdateFindings', () =>
        clients.accessAnalyzer(region).send(new UpdateFindingsCommand({ analyzerArn, ids: chunk, status })),
      );
      accepted.push(...chunk);
    } catch (error) {
      if (error instanceof AwsCallError) return { accepted, error };
      throw error;
    }
  }
  return { accepted, error: null };
}
