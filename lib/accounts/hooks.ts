'use client';

import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { fetchJson } from '@/lib/fetch-json';
import { accountListSchema, selectedAccountUrlSchema } from '@/lib/accounts/schema';
import { useUrlState } from '@/lib/use-url-state';

export const accountKeys = { all: ['accounts'] as const };

export function useAccounts() {
  return useQuery({ queryKey: accountKeys.all, queryFn: () => fetchJson('/api/accounts', accountListSchema) });
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
