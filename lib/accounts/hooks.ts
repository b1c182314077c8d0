'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { fetchJson } from '@/lib/fetch-json';
import {
  accountDirectorySchema,
  accountListSchema,
  ouListSchema,
  selectedAccountUrlSchema,
  type AccountDirectoryQueryInput,
  type AccountListQueryInput,
} from '@/lib/accounts/schema';
import { useUrlState } from '@/lib/use-url-state';

export const accountKeys = {
  all: ['accounts'] as const,
  list: (query: AccountListQueryInput) => ['accounts', 'list', listQueryString(query)] as const,
  directory: (query: AccountDirectoryQueryInput) => ['accounts', 'directory', listQueryString(query)] as const,
  ous: ['accounts', 'ous'] as const,
};

function listQueryString(query: AccountListQueryInput | AccountDirectoryQueryInput): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

/** Accounts with each source's freshness: every one, or narrowed and paged (GET /api/accounts). */
export function useAccounts(query: AccountListQueryInput = {}) {
  return useQuery({
    queryKey: accountKeys.list(query),
    queryFn: () => fetchJson(`/api/accounts${listQueryString(query)}`, accountListSchema),
    placeholderData: keepPreviousData,
  });
}

/** The directory's query, for useQuery and for fetching it at once (the picker's Enter). */
export function accountDirectoryQuery(query: AccountDirectoryQueryInput) {
  return {
    queryKey: accountKeys.directory(query),
    queryFn: () => fetchJson(`/api/accounts/directory${listQueryString(query)}`, accountDirectorySchema),
    staleTime: 60_000,
  };
}

/** The picker's search on the server: the first matches, their count, and the selected account's entry. */
export function useAccountDirectory(query: AccountDirectoryQueryInput, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...accountDirectoryQuery(query), placeholderData: keepPreviousData, enabled });
}

/** The OUs that hold accounts, for the OU filters. */
export function useOus() {
  return useQuery({ queryKey: accountKeys.ous, queryFn: () => fetchJson('/api/accounts/ous', ouListSchema), staleTime: 60_000 });
}

/**
 * The account chosen in the URL (?account=…), null for all accounts. Choosing one rewrites the
 * address without a navigation: screens that read ?account= on the server must follow it
 * (RefreshOnAccountChange).
 */
export function useSelectedAccount(): [string | null, (id: string | null) => void] {
  const { value, update } = useUrlState(selectedAccountUrlSchema);
  const select = useCallback((id: string | null) => update({ account: id ?? undefined }), [update]);
  return [value.account ?? null, select];
}
