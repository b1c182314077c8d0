'use client';

import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { fetchJson } from '@/lib/fetch-json';
import { checklistResponseSchema } from '@/lib/checklist/schema';

export const checklistKeys = {
  all: ['checklist'] as const,
  list: (accountId: string | null) => ['checklist', 'list', accountId ?? 'all'] as const,
  history: (accountId: string | null) => ['checklist', 'history', accountId ?? 'all'] as const,
};

const query = (accountId: string | null) => (accountId ? `?account=${encodeURIComponent(accountId)}` : '');

export function useChecklist(accountId: string | null) {
  return useQuery({
    queryKey: checklistKeys.list(accountId),
    queryFn: () => fetchJson(`/api/checklist${query(accountId)}`, checklistResponseSchema),
  });
}

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
