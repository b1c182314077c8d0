import type { Metadata } from 'next';
import { connection } from 'next/server';
import { PageHeader } from '@/components/ui/page-header';
import { NoDataYet } from '@/components/sync/no-data-yet';

export const metadata: Metadata = { title: 'Credentials' };

export default async function CredentialsPage() {
  await connection();
  return (
    <>
      <PageHeader title="Credentials" description="The credential report, key ages and last use, for the monthly review." />
      <NoDataYet what="The credential report" />
    </>
  );
}
