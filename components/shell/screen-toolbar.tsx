import { Suspense } from 'react';
import { AccountPicker } from '@/components/shell/account-picker';
import { SyncNowButton } from '@/components/sync/sync-now-button';

/** The top of the reading screens: which account to show, and "Sync now". */
export function ScreenToolbar() {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      {/* The picker reads the URL's ?account=; the boundary keeps the rest of the page static. */}
      <Suspense>
        <AccountPicker />
      </Suspense>
      <SyncNowButton />
    </div>
  );
}
