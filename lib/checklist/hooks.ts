'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { fetchJson } from '@/lib/fetch-json';
import {
  accountItemsSchema,
  checklistSummaryQuerySchema,
  checklistSummarySchema,
  evidencePageSchema,
  type ChecklistSummaryQuery,
  type EvidenceQuery,
} from '@/lib/checklist/schema';

export const checklistKeys = {
  all: ['checklist'] as const,
  history: (accountId: string | null) => ['checklist', 'history', accountId ?? 'all'] as const,
  summary: (q: ChecklistSummaryQuery) => ['checklist', 'summary', summaryQueryString(q)] as const,
  items: (accountId: string) => ['checklist', 'items', accountId] as const,
  evidence: (q: EvidenceQuery) => ['checklist', 'evidence', q.account, q.item, q.status ?? 'all', q.page, q.pageSize] as const,
};

const summaryDefaults = checklistSummaryQuerySchema.parse({});

/** The summary's query string, defaults left out. */
function summaryQueryString(q: ChecklistSummaryQuery): string {
  const params = new URLSearchParams();
  if (q.ou) params.set('ou', q.ou);
  if (q.q) params.set('q', q.q);
  if (q.sort !== summaryDefaults.sort) params.set('sort', q.sort);
  if (q.page !== summaryDefaults.page) params.set('page', String(q.page));
  if (q.pageSize !== summaryDefaults.pageSize) params.set('pageSize', String(q.pageSize));
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

/** The roll-up per OU and a page of accounts with their verdicts; the previous page stays while the next loads. */
export function useChecklistSummary(q: ChecklistSummaryQuery) {
  return useQuery({
    queryKey: checklistKeys.summary(q),
    queryFn: () => fetchJson(`/api/checklist/summary${summaryQueryString(q)}`, checklistSummarySchema),
    placeholderData: keepPreviousData,
  });
}

/** One account's items without evidence. */
export function useAccountItems(accountId: string) {
  return useQuery({
    queryKey: checklistKeys.items(accountId),
    queryFn: () => fetchJson(`/api/checklist/items?account=${encodeURIComponent(accountId)}`, accountItemsSchema),
  });
}

/** A page of one item's evidence, loaded when the item is opened. */
export function useEvidence(q: EvidenceQuery) {
  const params = new URLSearchParams({ account: q.account, item: q.item, page: String(q.page), pageSize: String(q.pageSize) });
  if (q.status) params.set('status', q.status);
  return useQuery({
    queryKey: checklistKeys.evidence(q),
    queryFn: () => fetchJson(`/api/checklist/evidence?${params.toString()}`, evidencePageSchema),
    placeholderData: keepPreviousData,
  });
}

const query = (accountId: string | null) => (accountId ? `?account=${encodeURIComponent(accountId)}` : '');

export const scoreHistorySchema = z.object({
  points: z.array(
    z.object({ evaluatedAt: z.string(), passed: z.number(), failed: z.number(), unknown: z.number(), notApplicable: z.number() }),
  ),
});
export type ScoreHistory = z.infer<typeof scoreHistorySchema>;

export function useScoreHistory(accountId: string | null) {
  return useQuery({
    queryKey: checklistKeys.history(accountId),
    queryFn: () => fetchJson(`/api/checklist/history${query(accountId)}`, scoreHistorySchema),
  });
}
