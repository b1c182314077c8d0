import type { Metadata } from 'next';
import { connection } from 'next/server';
import { PageHeader } from '@/components/ui/page-header';
import { NoDataYet } from '@/components/sync/no-data-yet';

export const metadata: Metadata = { title: 'Review' };

export default async function ReviewPage() {
  await connection();
  return (
    <>
      <PageHeader title="Review" description="Monthly credential-report reviews" />
      <NoDataYet what=" changes since the last review, decisions and sign-off.:Reviews" />
    </>
  );
}
