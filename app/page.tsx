import { connection } from 'next/server';
import { PageHeader } from '@/components/ui/page-header';
import { NoDataYet } from '@/components/sync/no-data-yet';

export default async function OverviewPage() {
  await connection();
  return (
    <>
      <PageHeader
        title="Overview"
        description="Where each account stands on the IAM security checklist, with evidence and remedies."
      />
      <NoDataYet what="The checklist verdicts" />
    </>
  );
}
