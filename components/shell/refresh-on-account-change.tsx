'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useSelectedAccount } from '@/lib/accounts/hooks';

/**
 * For a screen rendered on the server for one ?account=: the picker rewrites the address without a
 * navigation, so when the URL's account is no longer the one rendered, render the server part again.
 */
export function RefreshOnAccountChange({ rendered }: { rendered: string | null }) {
  const [selected] = useSelectedAccount();
  const router = useRouter();
  useEffect(() => {
    if (selected !== rendered) router.refresh();
  }, [selected, rendered, router]);
  return null;
}
