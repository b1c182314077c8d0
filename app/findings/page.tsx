import type { Metadata } from 'next';
import { connection } from 'next/server';
import { PageHeader } from '@/components/ui/page-header';
import { NoDataYet } from '@/components/sync/no-data-yet';

export const metadata: Metadata = { title: 'Findings' };

export default async function FindingsPage() {
  await connection();
  return (
    <>
      <PageHeader title="Findings" description="IAM Access Analyzer findings to triage" />
      <NoDataYet what=" filter, inspect, archive and re-activate.:Access Analyzer findings" />
    </>
  );
}
