import type { Metadata } from 'next';
import { connection } from 'next/server';
import { PageHeader } from '@/components/ui/page-header';
import { NoDataYet } from '@/components/sync/no-data-yet';

export const metadata: Metadata = { title: 'Activity' };

export default async function ActivityPage() {
  await connection();
  return (
    <>
      <PageHeader title="Activity" description="CloudTrail coverage, the key IAM events per day, and every root-user action." />
      <NoDataYet what="CloudTrail activity" />
    </>
  );
}
