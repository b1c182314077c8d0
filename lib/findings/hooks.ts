'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import { fetchJson } from '@/lib/fetch-json';
import {
  auditQuerySchema,
  auditResponseSchema,
  findingDetailResponseSchema,
  findingListQuerySchema,
  findingListResponseSchema,
  findingsScreenSchema,
  triageResultSchema,
  type AuditQuery,
  type FindingListQuery,
  type TriageRequest,
} from '@/lib/findings/schema';
import type { UrlStateOptions, UrlValue } from '@/lib/url-state';
import { useUrlState } from '@/lib/use-url-state';

export const findingKeys = {
  all: ['findings'] as const,
  list: (q: FindingListQuery) => ['findings', 'list', q] as const,
  detail: (key: string) => ['findings', 'detail', key] as const,
  audit: (q: AuditQuery) => ['findings', 'audit', q] as const,
};

/** A query string of the set values, in a stable order. */
export function toQueryString(values: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

const listDefaults = findingListQuerySchema.parse({});

/** Drops values equal to the defaults so that URLs stay short. */
function listQueryString(q: FindingListQuery): string {
  return toQueryString({
    account: q.account,
    ou: q.ou,
    analyzer: q.analyzer,
    type: q.type,
    status: q.status === listDefaults.status ? undefined : q.status,
    resourceType: q.resourceType,
    resource: q.resource,
    minAgeDays: q.minAgeDays,
    maxAgeDays: q.maxAgeDays,
    sort: q.sort === listDefaults.sort ? undefined : q.sort,
    order: q.order === listDefaults.order ? undefined : q.order,
    page: q.page === 1 ? undefined : q.page,
    pageSize: q.pageSize === listDefaults.pageSize ? undefined : q.pageSize,
  });
}

export function useFindings(q: FindingListQuery) {
  return useQuery({
    queryKey: findingKeys.list(q),
    queryFn: () => fetchJson(`/api/findings${listQueryString(q)}`, findingListResponseSchema),
    placeholderData: keepPreviousData,
  });
}

export function useFinding(key: string | null) {
  return useQuery({
    queryKey: findingKeys.detail(key ?? ''),
    queryFn: () => fetchJson(`/api/findings/${encodeURIComponent(key ?? '')}`, findingDetailResponseSchema),
    enabled: key !== null,
  });
}

export function useFindingAudit(q: AuditQuery) {
  return useQuery({
    queryKey: findingKeys.audit(q),
    queryFn: () =>
      fetchJson(
        `/api/findings/audit${toQueryString({ account: q.account, ou: q.ou, action: q.action, actor: q.actor, finding: q.finding, from: q.from, to: q.to, page: q.page === 1 ? undefined : q.page, pageSize: q.pageSize })}`,
        auditResponseSchema,
      ),
    placeholderData: keepPreviousData,
  });
}

/** Archive or re-activate; afterwards every finding list, count and the checklist are refetched. */
export function useTriage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: TriageRequest) => fetchJson('/api/findings/status', triageResultSchema, { method: 'POST', body: JSON.stringify(request) }),
    onSettled: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: findingKeys.all }),
        client.invalidateQueries({ queryKey: ['checklist'] }),
        client.invalidateQueries({ queryKey: ['accounts'] }),
      ]);
    },
  });
}

// --- The screen's state lives in the URL: shareable, and the back button works. ---------------

// The list and the audit trail share the URL: the audit trail's page is auditPage, its page size
// is not in the URL; any change but paging goes back to page 1.
const listUrl: UrlStateOptions<typeof findingListQuerySchema> = { resets: ['page'] };
const auditUrl: UrlStateOptions<typeof auditQuerySchema> = { names: { page: 'auditPage' }, omit: ['pageSize'], resets: ['page'] };

const auditParams = { action: 'action', actor: 'actor', finding: 'finding', from: 'from', to: 'to', auditPage: 'page' } as const;
export type ScreenParam = Exclude<keyof FindingListQuery, 'account'> | keyof typeof auditParams | keyof z.output<typeof findingsScreenSchema>;
export type ScreenChanges = Partial<Record<ScreenParam, UrlValue>>;

export function useFindingsScreenState() {
  const list = useUrlState(findingListQuerySchema, listUrl);
  const audit = useUrlState(auditQuerySchema, auditUrl);
  const screen = useUrlState(findingsScreenSchema);
  const { update: updateList } = list;
  const { update: updateAudit } = audit;
  const { update: updateScreen } = screen;

  /** Sets (or, with undefined, removes) URL values of the list, the audit trail or the screen. */
  const update = useCallback(
    (changes: ScreenChanges) => {
      const toList: Record<string, UrlValue> = {};
      const toAudit: Record<string, UrlValue> = {};
      const toScreen: Record<string, UrlValue> = {};
      for (const [param, value] of Object.entries(changes)) {
        if (param === 'tab' || param === 'open') toScreen[param] = value;
        else if (param in auditParams) toAudit[auditParams[param as keyof typeof auditParams]] = value;
        else toList[param] = value;
      }
      if (Object.keys(toList).length > 0) updateList(toList);
      if (Object.keys(toAudit).length > 0) updateAudit(toAudit);
      if (Object.keys(toScreen).length > 0) updateScreen(toScreen);
    },
    [updateList, updateAudit, updateScreen],
  );

  return { list: list.value, audit: audit.value, tab: screen.value.tab, open: screen.value.open ?? null, update };
}
