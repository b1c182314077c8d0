import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';

export function NoDataYet({ what }: { what: string }) {
  return (
    <EmptyState title="No data yet">
      <p>
        {what} will appear here after the first sync. See the <Link className="font-medium text-sky-700 hover:underline" href="/sync">Sync</Link> screen.
      </p>
    </EmptyState>
  );
}
