import { Suspense } from 'react';
import { Overview } from '@/components/checklist/overview';
import { PageHeader } from '@/components/ui/page-header';

export default function OverviewPage() {
  return (
    <>
      <PageHeader title="Overview" description="Where each account stands on the IAM security checklist, with evidence and remedies." />
      <Suspense>
        <Overview />
      </Suspense>
    </>
  );
}
