'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter, useSearchParams, usePathname } from 'next/navigation';
import { useCallback } from 'react';
import { fetchJson } from '@/lib/fetch-json';
import { accountListSchema } from '@/lib/accounts/schema';

export const accountKeys = { all: ['accounts'] as const };

export function useAccounts() {
  return useQuery({ queryKey: accountKeys.all, queryFn: () => fetchJson('/api/accounts', accountListSchema) });
}

/** The account chosen in the URL (?account=…), null for all accounts. */
export function useSelectedAccount(): [string | null, (id: string | null) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const raw = params.get('account');
  const selected = raw && /^\d{12}$/.test(raw) ? raw : null;
  const select = useCallback(
    (id: string | null) => {
      const next = new URLSearchParams(params.toString());
      if (id) next.set('account', id);
      else next.delete('account');
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [params, router, pathname],
  );
  return [selected, select];
}
