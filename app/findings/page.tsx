import type { Metadata } from 'next';
import { Suspense } from 'react';
import { FindingsScreen } from '@/components/findings/findings-screen';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Findings' };

export default function FindingsPage() {
  return (
    <>
      <PageHeader
        title="Findings"
        description="IAM Access Analyzer findings across analyzers and accounts: filter, inspect, archive in AWS with a reason, re-activate."
      />
      <Suspense>
        <FindingsScreen />
      </Suspense>
    </>
  );
}
