'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/fetch-json';
import { credentialsPageSchema, credentialsSearchParams, credentialsSummarySchema, type CredentialsQuery } from '@/lib/credentials/schema';

export const credentialKeys = {
  all: ['credentials'] as const,
  page: (query: CredentialsQuery) => ['credentials', 'page', credentialsSearchParams(query).toString()] as const,
  summary: (accountId: string | null, ou?: string) => ['credentials', 'summary', accountId ?? 'all', ou ?? 'all'] as const,
};

/** One page of the credentials table; the previous page stays shown while the next one loads. */
export function useCredentials(query: CredentialsQuery) {
  return useQuery({
    queryKey: credentialKeys.page(query),
    queryFn: () => fetchJson(`/api/credentials?${credentialsSearchParams(query).toString()}`, credentialsPageSchema),
    placeholderData: keepPreviousData,
  });
}

/** Key ages and the review calendar of one account, of an OU's accounts, or of all. */
export function useCredentialsSummary(accountId: string | null, ou?: string) {
  const params = new URLSearchParams();
  if (accountId) params.set('account', accountId);
  if (ou) params.set('ou', ou);
  const qs = params.toString();
  return useQuery({
    queryKey: credentialKeys.summary(accountId, ou),
    queryFn: () => fetchJson(`/api/credentials/summary${qs ? `?${qs}` : ''}`, credentialsSummarySchema),
  });
}

/** The CSV of the current view: same filters and order, every page. */
export function credentialsExportUrl(query: CredentialsQuery): string {
  const params = credentialsSearchParams({ ...query, page: 1, pageSize: 50 });
  const qs = params.toString();
  return `/api/credentials/export${qs ? `?${qs}` : ''}`;
}
