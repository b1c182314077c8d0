'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { fetchJson } from '@/lib/fetch-json';
import {
  auditQuerySchema,
  auditResponseSchema,
  findingDetailResponseSchema,
  findingListQuerySchema,
  findingListResponseSchema,
  triageResultSchema,
  type AuditQuery,
  type FindingListQuery,
  type TriageRequest,
} from '@/lib/findings/schema';

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
        `/api/findings/audit${toQueryString({ account: q.account, action: q.action, actor: q.actor, finding: q.finding, from: q.from, to: q.to, page: q.page === 1 ? undefined : q.page, pageSize: q.pageSize })}`,
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

const listKeys = ['analyzer', 'type', 'status', 'resourceType', 'resource', 'minAgeDays', 'maxAgeDays', 'sort', 'order', 'page', 'pageSize'] as const;
const auditKeys = ['action', 'actor', 'finding', 'from', 'to', 'auditPage'] as const;
export type ScreenParam = (typeof listKeys)[number] | (typeof auditKeys)[number] | 'tab' | 'open';

/** Each URL value that parses; a bad one (hand-edited URL) falls back to its default. */
function parseEach<T extends Record<string, unknown>>(parse: (input: Record<string, string>) => T | null, raw: Record<string, string>, fallback: T): T {
  const whole = parse(raw);
  if (whole) return whole;
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (parse({ [k]: v }) !== null) kept[k] = v;
  return parse(kept) ?? fallback;
}

export function useFindingsScreenState() {
  const params = useSearchParams();
  const pathname = usePathname();
  const rawAccount = params.get('account');
  const account = rawAccount && /^\d{12}$/.test(rawAccount) ? rawAccount : undefined;

  const list = useMemo<FindingListQuery>(() => {
    const raw: Record<string, string> = {};
    for (const k of listKeys) {
      const v = params.get(k);
      if (v !== null && v !== '') raw[k] = v;
    }
    const parse = (input: Record<string, string>) => {
      const r = findingListQuerySchema.safeParse(input);
      return r.success ? r.data : null;
    };
    return { ...parseEach(parse, raw, listDefaults), account };
  }, [params, account]);

  const audit = useMemo<AuditQuery>(() => {
    const raw: Record<string, string> = {};
    for (const k of auditKeys) {
      const v = params.get(k);
      if (v !== null && v !== '') raw[k === 'auditPage' ? 'page' : k] = v;
    }
    const parse = (input: Record<string, string>) => {
      const r = auditQuerySchema.safeParse(input);
      return r.success ? r.data : null;
    };
    return { ...parseEach(parse, raw, auditQuerySchema.parse({})), account };
  }, [params, account]);

  const tab: 'findings' | 'audit' = params.get('tab') === 'audit' ? 'audit' : 'findings';
  const open = params.get('open');

  /**
   * Sets (or, with undefined, removes) URL values; any change but paging goes back to page 1.
   * Starts from the address bar as it is now and writes it with history.replaceState (which Next
   * keeps useSearchParams in step with): no server round trip, and two quick changes in a row
   * cannot undo each other.
   */
  const update = useCallback(
    (changes: Partial<Record<ScreenParam, string | number | undefined>>) => {
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, String(v));
      }
      const keys = Object.keys(changes);
      if (!keys.includes('page') && keys.some((k) => (listKeys as readonly string[]).includes(k))) next.delete('page');
      if (!keys.includes('auditPage') && keys.some((k) => (auditKeys as readonly string[]).includes(k))) next.delete('auditPage');
      const qs = next.toString();
      window.history.replaceState(null, '', qs ? `${pathname}?${qs}` : pathname);
    },
    [pathname],
  );

  return { list, audit, tab, open, update };
}
